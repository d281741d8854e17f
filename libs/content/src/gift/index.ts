export type { GiftImport, GiftReportItem } from './gift-types.js';
export { importGift } from './gift-import.js';
export { exportGift } from './gift-export.js';
