import { readSheet } from 'read-excel-file/node';

// Reads generated documents back in tests with JavaScript libraries only (no pdftotext, no apt):
// pdfjs-dist extracts a PDF's text per page — which proves the Chinese is real text in an embedded
// font with a Unicode map, not boxes or pictures of glyphs —, read-excel-file reads an XLSX.

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/** The text of each page, items joined as laid out (a line break where pdf.js sees the end of a line). */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument } = await pdfjs;
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

export async function pdfText(pdf: Uint8Array): Promise<string> {
  return (await pdfPages(pdf)).join('\n');
}

/** What a reader of the print view sees: the body's text without tags, entities decoded. */
export function htmlText(html: string): string {
  const body = html.slice(html.indexOf('<body'));
  return body
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ');
}

export async function xlsxRows(bytes: Uint8Array) {
  return readSheet(Buffer.from(bytes));
}
