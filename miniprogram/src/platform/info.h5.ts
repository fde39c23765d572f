export const PLATFORM: 'weapp' | 'h5' = 'h5';
export const CAN_UPLOAD_WORKBOOK: boolean = true;
