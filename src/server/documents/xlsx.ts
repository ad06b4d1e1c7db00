import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node';
import { translator } from '../messages/catalogue.ts';
import { documentMessages } from '../messages/documents.ts';
import { cellSpan, cellText, type DocumentModel, formatInstant, type Letterhead, type TableCell } from './model.ts';

// The spreadsheet rendering of a tabular document: one sheet, the letterhead and title on top, then
// each section in order — fields as label/value rows, tables with their header, body and totals
// (numbers as numbers with their format, so the sheet can be summed), paragraphs in the first column.

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function renderXlsx({ model, letterhead }: { model: DocumentModel; letterhead: Letterhead }): Promise<Buffer> {
  const t = translator(documentMessages, model.locale);
  const rows: Row[] = [];
  const text = (value: string, extra: object = {}): Cell => ({ value, type: String, ...extra });
  const toCells = (cells: TableCell[], extra: object = {}): Row => {
    const out: Row = [];
    for (const c of cells) {
      const span = cellSpan(c);
      if (typeof c !== 'string' && c.value !== undefined) out.push({ value: c.value, type: Number, format: c.format, ...extra });
      else out.push(text(cellText(c), span > 1 ? { span, ...extra } : extra));
      for (let i = 1; i < span; i++) out.push(null);
    }
    return out;
  };
  let columns = 2;
  rows.push([
    text(letterhead.vendorName, { fontWeight: 'bold' }),
    letterhead.hotline ? text(t('frame.hotline', { hotline: letterhead.hotline })) : null,
  ]);
  rows.push([text(model.title, { fontWeight: 'bold', fontSize: 16 })]);
  if (model.subtitle) rows.push([text(model.subtitle)]);
  if (model.number) rows.push([text(t('frame.number', { number: model.number }))]);
  if (model.state) rows.push([text(t('frame.state', { state: model.state }))]);
  rows.push([text(t('frame.generated', { at: formatInstant(model.generatedAt, model.timeZone) }))]);
  for (const section of model.sections) {
    rows.push([]);
    if (section.title) rows.push([text(section.title, { fontWeight: 'bold' })]);
    for (const block of section.blocks) {
      if (block.kind === 'fields') for (const r of block.rows) rows.push([text(r.label), text(r.value)]);
      else if (block.kind === 'paragraph') rows.push([text(block.text, { wrap: false })]);
      else if (block.kind === 'list') rows.push(...block.items.map((item, i) => [text(`${i + 1}. ${item}`)]));
      else if (block.kind === 'signatures') {
        for (const p of block.parties) for (const l of p.lines) rows.push([text(`${p.title} · ${l.label}`), text(l.value ?? '')]);
      } else {
        columns = Math.max(columns, block.columns.length);
        rows.push(block.columns.map((c) => text(c.header, { fontWeight: 'bold', backgroundColor: '#F2F4F7' })));
        for (const r of block.rows) rows.push(toCells(r));
        for (const r of block.totals ?? []) rows.push(toCells(r, { fontWeight: 'bold' }));
      }
    }
  }
  // Every row as wide as the widest table, so the columns line up.
  const padded = rows.map((r) => [...r, ...Array.from({ length: Math.max(0, columns - r.length) }, () => null)]);
  return writeXlsxFile(padded, {
    sheet: model.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '),
    columns: Array.from({ length: columns }, (_v, i) => ({ width: i === 0 ? 34 : 22 })),
  }).toBuffer();
}
