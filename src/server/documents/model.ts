import type { Locale } from '../messages/catalogue.ts';

/**
 * A document as data: what it says, not how it is laid out. A feature builds one model (in the
 * reader's language, texts from src/server/messages/) and hands it to the renderers — printable
 * HTML (`renderHtml`), PDF (`renderPdf`) and, for tabular documents, XLSX (`renderXlsx`) — so every
 * rendering of one document says the same.
 */
export type DocumentModel = {
  locale: Locale;
  title: string;
  subtitle?: string;
  /** The document's number (e.g. BJ-2026-0001): printed at the top and in the footer of every page. */
  number?: string;
  /** Its state in words (never a raw code): printed at the top right. */
  state?: string;
  sections: DocumentSection[];
  /** When it was generated, shown in the service zone. */
  generatedAt: Date;
  timeZone: string;
};

export type DocumentSection = { title?: string; blocks: DocumentBlock[] };

export type DocumentBlock =
  | { kind: 'fields'; rows: { label: string; value: string; isStrong?: boolean }[] }
  | { kind: 'paragraph'; text: string; isMuted?: boolean }
  | { kind: 'list'; items: string[] }
  | TableBlock
  | { kind: 'signatures'; parties: SignatureParty[] };

/** A number for spreadsheets (written as a number with its format) beside the text every rendering shows. */
export type TableCell = string | { text: string; value?: number; format?: string; span?: number };

export type TableBlock = {
  kind: 'table';
  columns: { header: string; align?: 'left' | 'right' /** share of the width, default 1 */; weight?: number }[];
  rows: TableCell[][];
  /** Bold, shaded rows after the body (totals); a cell may span columns. */
  totals?: TableCell[][];
};

export type SignatureParty = {
  title: string;
  lines: { label: string; value?: string }[];
  /** A scanned signature or stamp, PNG or JPEG. */
  image?: Uint8Array;
};

/** The vendor's letterhead on every page: AFTERSALES_VENDOR_NAME and AFTERSALES_HOTLINE. */
export type Letterhead = { vendorName: string; hotline: string | null };

export const cellText = (c: TableCell) => (typeof c === 'string' ? c : c.text);
export const cellSpan = (c: TableCell) => (typeof c === 'string' ? 1 : (c.span ?? 1));

export { formatInstant } from '../lib/format.ts';
