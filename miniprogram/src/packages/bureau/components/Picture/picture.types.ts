export interface PictureProps {
  src: string;
  alt: string;
  className?: string;
  testId?: string;
}
