/** A file picked for upload, read a slice at a time (never whole: an upload may be 20 MB on a phone). */
export interface EvidenceFile {
  name: string;
  size: number;
  /** The media type the platform reports ('' when it cannot tell). */
  type: string;
  read(start: number, end: number): Promise<ArrayBuffer>;
}
