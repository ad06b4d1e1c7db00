import type { Config } from '../config.ts';
import type { Letterhead } from './model.ts';

// One home for documents: build a DocumentModel (model.ts) in the reader's language, then render it
// as printable HTML, PDF or XLSX. Downloads go out through http/download.ts.
export { renderHtml } from './html.ts';
export type { DocumentBlock, DocumentModel, DocumentSection, SignatureParty, TableBlock, TableCell } from './model.ts';
export { renderPdf } from './pdf.ts';
export { renderXlsx, XLSX_CONTENT_TYPE } from './xlsx.ts';

/** The vendor's letterhead every document carries: AFTERSALES_VENDOR_NAME and AFTERSALES_HOTLINE. */
export const letterheadOf = (config: Config): Letterhead => ({ vendorName: config.vendorName, hotline: config.hotline });
