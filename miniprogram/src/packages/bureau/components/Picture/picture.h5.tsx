import type { PictureProps } from './picture.types';

export type { PictureProps } from './picture.types';

/** Browsers: a plain <img> (right-click to save). */
export function Picture({ src, alt, className = '', testId }: PictureProps) {
  return <img className={className} src={src} alt={alt} data-testid={testId} />;
}
