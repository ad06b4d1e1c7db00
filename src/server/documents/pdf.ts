import PDFDocument from 'pdfkit';
import type { Config } from '../config.ts';
import { translator } from '../messages/catalogue.ts';
import { documentMessages } from '../messages/documents.ts';
import { pdfFonts, unavailable } from './fonts.ts';
import {
  cellSpan,
  cellText,
  type DocumentBlock,
  type DocumentModel,
  formatInstant,
  type Letterhead,
  type SignatureParty,
  type TableBlock,
  type TableCell,
} from './model.ts';

// The PDF rendering of a document model: A4, the vendor's letterhead and hotline at the top of every
// page, the number, generation time and "第 N 页 / 共 M 页" at the bottom, text set in the CJK font of
// documents/fonts.ts (embedded as a subset, so a page of Chinese is tens of kB, not megabytes).

const INK = '#1f1f1f';
const MUTED = '#6b6b6b';
const RULE = '#9a9a9a';
const SHADE = '#f2f4f7';
const MARGIN = { top: 70, bottom: 60, left: 58, right: 58 };

export async function renderPdf({
  model,
  letterhead,
  font,
}: {
  model: DocumentModel;
  letterhead: Letterhead;
  font: Config['pdfFont'];
}): Promise<Buffer> {
  const fonts = await pdfFonts(font);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: {
      Title: model.number ? `${model.title} ${model.number}` : model.title,
      Author: letterhead.vendorName,
      Creator: 'Aftersales',
      CreationDate: model.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    try {
      doc.registerFont('regular', fonts.regular.bytes, fonts.regular.postscriptName ?? undefined);
      doc.registerFont('bold', fonts.bold.bytes, fonts.bold.postscriptName ?? undefined);
      doc.font('bold');
      doc.font('regular');
    } catch (err) {
      throw unavailable(`${fonts.regular.label} cannot be opened: ${(err as Error).message}`);
    }
    // A Latin-only font would print tofu for every Chinese character: refuse it instead.
    const embedded = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (c: number) => boolean } } })._font?.font;
    if (embedded?.hasGlyphForCodePoint && !embedded.hasGlyphForCodePoint('协'.codePointAt(0) ?? 0)) {
      throw unavailable(`${fonts.regular.label} has no Chinese glyphs`);
    }
    layout(doc, model);
    frame(doc, model, letterhead);
  } catch (err) {
    doc.end();
    await done.catch(() => undefined);
    throw err;
  }
  doc.end();
  return done;
}

function layout(doc: PDFKit.PDFDocument, model: DocumentModel) {
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const right = left + width;
  const bottom = () => doc.page.height - MARGIN.bottom;
  let y = MARGIN.top;
  const ensure = (h: number) => {
    if (y + h > bottom()) {
      doc.addPage();
      y = MARGIN.top;
      return true;
    }
    return false;
  };
  const textHeight = (text: string, w: number, size: number, face: 'regular' | 'bold' = 'regular', lineGap = 2) =>
    doc
      .font(face)
      .fontSize(size)
      .heightOfString(text || ' ', { width: w, lineGap });

  // ---------- title ----------
  const t = translator(documentMessages, model.locale);
  doc.font('regular').fontSize(8.5).fillColor(MUTED);
  if (model.number) doc.text(t('frame.number', { number: model.number }), left, y, { width, align: 'left', lineBreak: false });
  if (model.state) doc.text(t('frame.state', { state: model.state }), left, y, { width, align: 'right', lineBreak: false });
  y += 20;
  doc.font('bold').fontSize(20).fillColor(INK).text(model.title, left, y, { width, align: 'center', characterSpacing: 2 });
  y = doc.y + 2;
  if (model.subtitle) {
    doc.font('regular').fontSize(10).fillColor(MUTED).text(model.subtitle, left, y, { width, align: 'center' });
    y = doc.y;
  }
  y += 8;
  doc.moveTo(left, y).lineTo(right, y).lineWidth(1.2).strokeColor(INK).stroke();
  doc
    .moveTo(left, y + 2.5)
    .lineTo(right, y + 2.5)
    .lineWidth(0.4)
    .stroke();
  y += 16;

  // ---------- blocks ----------
  const fields = (rows: Extract<DocumentBlock, { kind: 'fields' }>['rows']) => {
    doc.font('regular').fontSize(10);
    const labelW = Math.min(width * 0.4, Math.max(...rows.map((r) => doc.widthOfString(r.label))) + 16);
    for (const r of rows) {
      const h = Math.max(textHeight(r.value, width - labelW, 10.5, r.isStrong ? 'bold' : 'regular'), textHeight(r.label, labelW, 10)) + 3;
      ensure(h);
      doc
        .font('regular')
        .fontSize(10)
        .fillColor(MUTED)
        .text(r.label, left, y, { width: labelW - 8, lineGap: 2 });
      doc
        .font(r.isStrong ? 'bold' : 'regular')
        .fontSize(10.5)
        .fillColor(INK)
        .text(r.value, left + labelW, y, { width: width - labelW, lineGap: 2 });
      y += h;
    }
    y += 4;
  };

  const paragraph = (text: string, isMuted = false, after = 8) => {
    const size = isMuted ? 9 : 10;
    const h = textHeight(text, width, size, 'regular', 3);
    ensure(Math.min(h, 60));
    doc
      .font('regular')
      .fontSize(size)
      .fillColor(isMuted ? MUTED : INK)
      .text(text, left, y, { width, lineGap: 3 });
    y = doc.y + after;
  };

  const table = (block: TableBlock) => {
    const total = block.columns.reduce((s, c) => s + (c.weight ?? 1), 0);
    const widths = block.columns.map((c) => (width * (c.weight ?? 1)) / total);
    const pad = 5;
    type Laid = { text: string; x: number; w: number; align: 'left' | 'right' };
    const lay = (cells: TableCell[]): Laid[] => {
      let col = 0;
      let x = left;
      return cells.map((cell) => {
        const span = Math.min(cellSpan(cell), widths.length - col);
        const w = widths.slice(col, col + span).reduce((s, v) => s + v, 0);
        const align = span > 1 ? 'left' : (block.columns[col]?.align ?? 'left');
        const laid = { text: cellText(cell), x, w, align };
        col += span;
        x += w;
        return laid;
      });
    };
    const row = (cells: TableCell[], kind: 'header' | 'body' | 'total') => {
      const face = kind === 'body' ? 'regular' : 'bold';
      const size = kind === 'header' ? 9.5 : 10;
      const laid = lay(cells);
      const h = Math.max(...laid.map((c) => textHeight(c.text, c.w - 2 * pad, size, face, 1))) + 2 * pad;
      if (ensure(h) && kind !== 'header') header();
      if (kind !== 'body') doc.rect(left, y, width, h).fill(SHADE);
      for (const c of laid) {
        doc
          .font(face)
          .fontSize(size)
          .fillColor(INK)
          .text(c.text, c.x + pad, y + pad, { width: c.w - 2 * pad, align: c.align, lineGap: 1 });
      }
      doc.lineWidth(0.5).strokeColor(RULE).rect(left, y, width, h).stroke();
      for (const c of laid.slice(1)) {
        doc
          .moveTo(c.x, y)
          .lineTo(c.x, y + h)
          .stroke();
      }
      y += h;
    };
    const header = () =>
      row(
        block.columns.map((c) => c.header),
        'header',
      );
    ensure(60);
    header();
    for (const r of block.rows) row(r, 'body');
    for (const r of block.totals ?? []) row(r, 'total');
    y += 8;
  };

  const signatures = (parties: SignatureParty[]) => {
    const gap = 24;
    const colW = (width - gap * (parties.length - 1)) / parties.length;
    const imageH = parties.some((p) => p.image) ? 56 : 0;
    const lines = Math.max(...parties.map((p) => p.lines.length));
    ensure(28 + imageH + lines * 28);
    const top = y;
    parties.forEach((p, i) => {
      const x = left + i * (colW + gap);
      let by = top;
      doc.font('bold').fontSize(10.5).fillColor(INK).text(p.title, x, by, { width: colW });
      by += 24;
      if (p.image) {
        try {
          doc.image(Buffer.from(p.image), x, by, { fit: [Math.min(colW, 160), imageH - 6] });
        } catch {
          // Not a PNG or JPEG pdfkit can read: the lines below still carry the signature's facts.
        }
      }
      by += imageH;
      doc.font('regular').fontSize(10);
      const labelW = Math.max(...p.lines.map((l) => doc.widthOfString(l.label))) + 10;
      for (const l of p.lines) {
        doc.font('regular').fontSize(10).fillColor(MUTED).text(l.label, x, by, { width: labelW, lineBreak: false });
        doc
          .lineWidth(0.5)
          .strokeColor(RULE)
          .moveTo(x + labelW, by + 14)
          .lineTo(x + colW, by + 14)
          .stroke();
        if (l.value)
          doc
            .font('regular')
            .fontSize(10.5)
            .fillColor(INK)
            .text(l.value, x + labelW + 6, by, { width: colW - labelW - 6, lineBreak: false });
        by += 28;
      }
    });
    y = top + 28 + imageH + lines * 28;
  };

  // A section's title stays with the start of its first block.
  const firstHeight = (block: DocumentBlock | undefined) => {
    if (!block) return 0;
    if (block.kind === 'signatures')
      return 28 + (block.parties.some((p) => p.image) ? 56 : 0) + 28 * Math.max(...block.parties.map((p) => p.lines.length));
    if (block.kind === 'table') return 60;
    return 30;
  };
  for (const section of model.sections) {
    if (section.title) {
      ensure(26 + firstHeight(section.blocks[0]));
      doc.font('bold').fontSize(12).fillColor(INK).text(section.title, left, y, { width });
      y = doc.y + 6;
    }
    for (const block of section.blocks) {
      if (block.kind === 'fields') fields(block.rows);
      else if (block.kind === 'paragraph') paragraph(block.text, block.isMuted);
      else if (block.kind === 'list') for (const [i, item] of block.items.entries()) paragraph(`${i + 1}. ${item}`, false, 3);
      else if (block.kind === 'table') table(block);
      else signatures(block.parties);
    }
    y += 6;
  }
}

/** Letterhead and footer on every page, once the page count is known. */
function frame(doc: PDFKit.PDFDocument, model: DocumentModel, letterhead: Letterhead) {
  const t = translator(documentMessages, model.locale);
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const range = doc.bufferedPageRange();
  const generated = t('frame.generated', { at: formatInstant(model.generatedAt, model.timeZone) });
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Both sit in the margins: let pdfkit write there without starting a new page.
    doc.page.margins.top = 0;
    doc.page.margins.bottom = 0;
    doc.font('bold').fontSize(9.5).fillColor(INK).text(letterhead.vendorName, left, 34, { width, align: 'left', lineBreak: false });
    if (letterhead.hotline) {
      doc
        .font('regular')
        .fontSize(9)
        .fillColor(MUTED)
        .text(t('frame.hotline', { hotline: letterhead.hotline }), left, 35, { width, align: 'right', lineBreak: false });
    }
    doc
      .lineWidth(0.6)
      .strokeColor(RULE)
      .moveTo(left, 50)
      .lineTo(left + width, 50)
      .stroke();
    const fy = doc.page.height - 44;
    doc
      .lineWidth(0.4)
      .strokeColor(RULE)
      .moveTo(left, fy)
      .lineTo(left + width, fy)
      .stroke();
    doc.font('regular').fontSize(7.5).fillColor(MUTED);
    doc.text([model.number, generated].filter(Boolean).join(' · '), left, fy + 6, { width, align: 'left', lineBreak: false });
    doc.text(t('frame.page', { page: i + 1, pages: range.count }), left, fy + 6, { width, align: 'right', lineBreak: false });
  }
}
