import { View, Text } from '@tarojs/components';
import './index.scss';

export default function EntryPage() {
  return (
    <View className='entry'>
      <Text>创新管理与知识产权国际标准测评</Text>
    </View>
  );
}
