import { access, constants } from 'node:fs/promises';
import PDFDocument from 'pdfkit';
import { cnyCapital } from '../../../domain/contracts/cny-capital.ts';
import { formatCny, visitFeeFen } from '../../../domain/contracts/money.ts';
import type { QuoteState } from '../../../domain/contracts/vocabulary.ts';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';

// The per-visit quote (上门服务补充协议) as an A4 PDF, set in a CJK font (Noto Sans CJK SC by default)
// that pdfkit embeds as a subset: only the glyphs used go into the file.

export type QuotePdfInput = {
  quote: {
    id: string;
    people: number;
    travelPerPersonFen: number;
    lodgingPerPersonDayFen: number;
    dailyFeePerPersonDayFen: number;
    arrivalDate: string;
    departureDate: string;
    days: number;
    totalFen: number;
    state: QuoteState;
    note: string | null;
    signedBy: string | null;
    signedAt: Date | null;
    createdAt: Date;
  };
  customer: { name: string; address: string | null; province: string | null; city: string | null };
  ticketNumber: string | null;
  /** Party B: the service provider (AFTERSALES_VENDOR_NAME). */
  vendorName: string;
  timeZone: string;
  generatedAt: Date;
};

/** The quote's short number, as printed and in the file name: the first 8 hex digits of its id. */
export const quoteNumber = (id: string) => `BQ-${id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;

const STATE_LABEL: Record<QuoteState, string> = {
  draft: '草稿 Draft',
  sent: '已发送待签 Sent, awaiting signature',
  signed: '已签署 Signed',
  cancelled: '已取消 Cancelled',
};

type Font = { regular: string; bold: string };

/** Registers the configured CJK font (and its Bold sibling when there is one); 501 when it is missing. */
async function loadFonts(doc: PDFKit.PDFDocument, font: Config['pdfFont']): Promise<Font> {
  const unavailable = (why: string) =>
    new AppError('pdf_font_unavailable', `no CJK font for PDFs: ${why} (install fonts-noto-cjk or set AFTERSALES_PDF_FONT)`);
  try {
    await access(font.path, constants.R_OK);
  } catch {
    throw unavailable(`${font.path} is not readable`);
  }
  try {
    doc.registerFont('cjk', font.path, font.postscriptName ?? undefined);
    doc.font('cjk');
  } catch (err) {
    throw unavailable(`${font.path}${font.postscriptName ? `#${font.postscriptName}` : ''} cannot be opened: ${(err as Error).message}`);
  }
  // A Latin-only font would print tofu for every Chinese character: refuse it instead.
  const embedded = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (c: number) => boolean } } })._font?.font;
  if (embedded?.hasGlyphForCodePoint && !embedded.hasGlyphForCodePoint('协'.codePointAt(0) ?? 0)) {
    throw unavailable(`${font.path} has no Chinese glyphs`);
  }
  const boldPath = font.path.replace(/Regular(\.[a-z]+)$/i, 'Bold$1');
  if (boldPath !== font.path) {
    try {
      await access(boldPath, constants.R_OK);
      doc.registerFont('cjk-bold', boldPath, font.postscriptName?.replace(/Regular$/, 'Bold'));
      doc.font('cjk-bold');
      doc.font('cjk');
      return { regular: 'cjk', bold: 'cjk-bold' };
    } catch {
      // No bold sibling: headings use the regular face.
    }
  }
  return { regular: 'cjk', bold: 'cjk' };
}

const INK = '#1f1f1f';
const MUTED = '#6b6b6b';
const RULE = '#9a9a9a';
const SHADE = '#f2f4f7';

function instant(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

export async function renderQuotePdf(input: QuotePdfInput, fontConfig: Config['pdfFont']): Promise<Buffer> {
  const { quote: q, customer } = input;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 62, right: 62 },
    bufferPages: true,
    info: {
      Title: `上门服务补充协议 ${quoteNumber(q.id)}`,
      Subject: 'Supplementary agreement for on-site service',
      Author: 'Aftersales 售后服务台',
      CreationDate: input.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  let fonts: Font;
  try {
    fonts = await loadFonts(doc, fontConfig);
  } catch (err) {
    doc.end();
    await done.catch(() => undefined);
    throw err;
  }

  // The amounts are the domain's: per person = travel + (lodging + daily fee) × days; total = × people.
  const fee = visitFeeFen(q, q.days);
  if (fee.totalFen !== q.totalFen) throw new AppError('internal', 'the stored total differs from the fee formula');
  const lines = [
    { zh: '往返交通费', en: 'Round-trip travel', unit: q.travelPerPersonFen, per: '/人', qty: `${q.people} 人`, n: q.people },
    {
      zh: '住宿费',
      en: 'Lodging',
      unit: q.lodgingPerPersonDayFen,
      per: '/人·天',
      qty: `${q.people} 人 × ${q.days} 天`,
      n: q.people * q.days,
    },
    {
      zh: '薪酬费',
      en: 'Engineer daily fee',
      unit: q.dailyFeePerPersonDayFen,
      per: '/人·天',
      qty: `${q.people} 人 × ${q.days} 天`,
      n: q.people * q.days,
    },
  ].map((l) => ({ ...l, amount: l.unit * l.n }));
  if (lines.reduce((s, l) => s + l.amount, 0) !== fee.totalFen) throw new AppError('internal', 'fee lines do not add up');

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const right = left + width;

  // ---------- heading ----------
  doc.font(fonts.regular).fontSize(8.5).fillColor(MUTED);
  doc.text(`编号 No. ${quoteNumber(q.id)}`, left, 40, { width, align: 'left' });
  doc.text(`状态 State：${STATE_LABEL[q.state]}`, left, 40, { width, align: 'right' });
  doc.font(fonts.bold).fontSize(20).fillColor(INK).text('上门服务补充协议', left, 66, { width, align: 'center', characterSpacing: 4 });
  doc
    .font(fonts.regular)
    .fontSize(10)
    .fillColor(MUTED)
    .text('Supplementary Agreement for On-site Service (per-visit quote)', { width, align: 'center' });
  let y = doc.y + 10;
  doc.moveTo(left, y).lineTo(right, y).lineWidth(1.2).strokeColor(INK).stroke();
  doc
    .moveTo(left, y + 2.5)
    .lineTo(right, y + 2.5)
    .lineWidth(0.4)
    .stroke();
  y += 16;

  // ---------- parties ----------
  const labelW = 132;
  const field = (label: string, value: string, opts: { bold?: boolean } = {}) => {
    doc.font(fonts.regular).fontSize(10).fillColor(MUTED).text(label, left, y, { width: labelW });
    doc
      .font(opts.bold ? fonts.bold : fonts.regular)
      .fontSize(10.5)
      .fillColor(INK)
      .text(value, left + labelW, y, { width: width - labelW });
    y = Math.max(doc.y, y + 15) + 3;
  };
  const address = customer.address ?? ([customer.province, customer.city].filter(Boolean).join('') || '—');
  field('甲方（客户）Party A', customer.name, { bold: true });
  field('地址 Address', address);
  field('乙方（服务方）Party B', input.vendorName, { bold: true });
  y += 4;
  doc
    .font(fonts.regular)
    .fontSize(10)
    .fillColor(INK)
    .text(
      '甲乙双方经协商一致，就下列不在服务合同范围内的上门服务签订本补充协议：乙方派工程师到甲方现场提供服务，甲方按本协议的收费标准支付服务费用。',
      left,
      y,
      { width, lineGap: 3 },
    );
  y = doc.y + 14;

  const section = (title: string) => {
    doc.font(fonts.bold).fontSize(12).fillColor(INK).text(title, left, y, { width });
    y = doc.y + 6;
  };

  // ---------- arrangement ----------
  section('一、服务安排  Service arrangement');
  if (input.ticketNumber) field('关联服务请求 Request No.', input.ticketNumber);
  field('工程师人数 Engineers', `${q.people} 人`);
  field('服务日期 Dates', `${q.arrivalDate} 到达医院 arrival  至  ${q.departureDate} 离开医院 departure`);
  field('计费天数 Billed days', `${q.days} 天（自到达医院至离开医院，首尾两日均计）`);
  y += 6;

  // ---------- fee table ----------
  section('二、服务费用  Fees');
  const cols = [
    { w: width * 0.34, align: 'left' as const },
    { w: width * 0.22, align: 'right' as const },
    { w: width * 0.2, align: 'right' as const },
    { w: width * 0.24, align: 'right' as const },
  ];
  const pad = 7;
  type Col = { w: number; align: 'left' | 'right' };
  const row = (cells: string[], opts: { header?: boolean; bold?: boolean; shade?: boolean; layout?: Col[] } = {}) => {
    const layout = opts.layout ?? cols;
    const h = opts.header ? 30 : 24;
    if (opts.shade) doc.rect(left, y, width, h).fill(SHADE);
    let x = left;
    const fontSize = opts.header ? 9.5 : 10.5;
    cells.forEach((cell, i) => {
      const col = layout[i];
      const [zh, en] = cell.split('\n');
      doc
        .font(opts.bold || opts.header ? fonts.bold : fonts.regular)
        .fontSize(fontSize)
        .fillColor(INK);
      const ty = y + (en ? 4 : (h - fontSize * 1.3) / 2);
      doc.text(zh, x + pad, ty, { width: col.w - 2 * pad, align: col.align, lineBreak: false });
      if (en) {
        doc
          .font(fonts.regular)
          .fontSize(7.5)
          .fillColor(MUTED)
          .text(en, x + pad, ty + 13, { width: col.w - 2 * pad, align: col.align, lineBreak: false });
      }
      x += col.w;
    });
    doc.lineWidth(0.5).strokeColor(RULE);
    doc.rect(left, y, width, h).stroke();
    x = left;
    const spans = layout.slice(0, -1).map((c) => c.w);
    for (const w of spans) {
      x += w;
      doc
        .moveTo(x, y)
        .lineTo(x, y + h)
        .stroke();
    }
    y += h;
  };
  row(['项目\nItem', '单价\nUnit price', '数量\nQuantity', '金额（元）\nAmount (CNY)'], { header: true, shade: true });
  for (const l of lines) row([`${l.zh}  ${l.en}`, `${formatCny(l.unit)}${l.per}`, l.qty, formatCny(l.amount)]);
  const [c0, c1, c2, c3] = cols;
  row(['合计  Total', formatCny(q.totalFen)], {
    bold: true,
    shade: true,
    layout: [{ w: c0.w + c1.w + c2.w, align: 'left' }, c3],
  });
  row(['人民币大写  In words', cnyCapital(q.totalFen)], { bold: true, layout: [c0, { w: c1.w + c2.w + c3.w, align: 'left' }] });
  y += 7;
  doc
    .font(fonts.regular)
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      `计算方式：每人 往返交通费 ${formatCny(q.travelPerPersonFen)} +（住宿费 ${formatCny(q.lodgingPerPersonDayFen)} + 薪酬费 ${formatCny(q.dailyFeePerPersonDayFen)}）× ${q.days} 天 = ${formatCny(fee.perPersonFen)}；× ${q.people} 人 = ${formatCny(q.totalFen)}。`,
      left,
      y,
      { width, lineGap: 2 },
    );
  y = doc.y + 12;

  // ---------- terms ----------
  section('三、约定  Terms');
  const terms = [
    '服务天数以工程师到达医院至离开医院计，到达日与离开日均计入。',
    '本协议经甲方签字（盖章）后生效，乙方据此安排工程师上门；费用按上表结算。',
  ];
  if (q.note) terms.push(`备注：${q.note}`);
  terms.forEach((t, i) => {
    doc
      .font(fonts.regular)
      .fontSize(10)
      .fillColor(INK)
      .text(`${i + 1}. ${t}`, left, y, { width, lineGap: 3 });
    y = doc.y + 4;
  });
  y += 18;

  // ---------- signatures ----------
  const bottom = doc.page.height - doc.page.margins.bottom;
  if (y + 80 > bottom) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  const half = (width - 24) / 2;
  const block = (x: string | number, title: string, rows: [string, string][]) => {
    const bx = Number(x);
    doc.font(fonts.bold).fontSize(10.5).fillColor(INK).text(title, bx, y, { width: half });
    let by = y + 26;
    for (const [label, value] of rows) {
      doc.font(fonts.regular).fontSize(10).fillColor(MUTED).text(label, bx, by, { width: 92 });
      doc.lineWidth(0.5).strokeColor(RULE);
      doc
        .moveTo(bx + 94, by + 14)
        .lineTo(bx + half, by + 14)
        .stroke();
      if (value)
        doc
          .font(fonts.regular)
          .fontSize(10.5)
          .fillColor(INK)
          .text(value, bx + 100, by, { width: half - 100 });
      by += 28;
    }
  };
  const signed = q.state === 'signed' && q.signedBy;
  block(left, '甲方（签字/盖章）Party A', [
    ['签署人 Signed by', signed ? (q.signedBy ?? '') : ''],
    ['日期 Date', signed && q.signedAt ? instant(q.signedAt, input.timeZone).slice(0, 10) : ''],
  ]);
  block(left + half + 24, '乙方（盖章）Party B', [
    ['经办人 Agent', ''],
    ['日期 Date', ''],
  ]);

  // ---------- footer on every page ----------
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin: let pdfkit write there without starting a new page.
    doc.page.margins.bottom = 0;
    const fy = doc.page.height - 40;
    doc.lineWidth(0.4).strokeColor(RULE).moveTo(left, fy).lineTo(right, fy).stroke();
    doc
      .font(fonts.regular)
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(`${quoteNumber(q.id)} · 生成于 Generated ${instant(input.generatedAt, input.timeZone)}`, left, fy + 6, {
        width,
        align: 'left',
        lineBreak: false,
      });
    doc.text(`第 ${i + 1} / ${range.count} 页`, left, fy + 6, { width, align: 'right', lineBreak: false });
  }
  doc.end();
  return done;
}

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name for browsers that read it. */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}
