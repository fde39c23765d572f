/** Which client this is, as the submit request reports it (neutral default: the mini-program). */
export const PLATFORM: 'weapp' | 'h5' = 'weapp';
/** Whether this client can upload a filled workbook (a file picker for .xlsx exists). */
export const CAN_UPLOAD_WORKBOOK: boolean = false;
