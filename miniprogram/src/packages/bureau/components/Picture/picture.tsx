import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import type { PictureProps } from './picture.types';

export type { PictureProps } from './picture.types';

/**
 * An image opened in WeChat's full-screen viewer (neutral default), where a long press saves or
 * forwards it. Not an <image> in the page: its template would land in the main package.
 */
export function Picture({ src, alt }: PictureProps) {
  const open = () => void Taro.previewImage({ urls: [src], current: src });
  return (
    <Text className='blink' onClick={open}>
      查看{alt}
    </Text>
  );
}
