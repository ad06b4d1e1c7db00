import { fileTypeFromBuffer } from 'file-type';
import { escapeHtml } from '../lib/format.ts';
import { formatMessage, translator } from '../messages/catalogue.ts';
import { documentMessages } from '../messages/documents.ts';
import {
  cellSpan,
  cellText,
  type DocumentBlock,
  type DocumentModel,
  formatInstant,
  type Letterhead,
  type SignatureParty,
  type TableBlock,
} from './model.ts';

// The printable HTML rendering of a document model: the same texts as the PDF, laid out for the
// browser's print dialog (A4, letterhead, page numbers in the page margin boxes where supported).
// Every text is escaped; signature images are inlined as data: URLs of their sniffed type.

/** `第 {page} 页 / 共 {pages} 页` → `"第 " counter(page) " 页 / 共 " counter(pages) " 页"` for CSS `content`. */
/** A CSS string literal; `<` is escaped too, so the text cannot close the style element. */
const cssString = (s: string) => `"${s.replace(/["\\<\n]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;

function cssPageCounter(template: string): string {
  const css = cssString;
  return template
    .split(/(\{page\}|\{pages\})/)
    .filter(Boolean)
    .map((part) => (part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : css(part)))
    .join(' ');
}

async function imageSrc(bytes: Uint8Array): Promise<string | null> {
  const type = await fileTypeFromBuffer(bytes);
  if (type?.mime !== 'image/png' && type?.mime !== 'image/jpeg') return null;
  return `data:${type.mime};base64,${Buffer.from(bytes).toString('base64')}`;
}

export async function renderHtml({ model, letterhead }: { model: DocumentModel; letterhead: Letterhead }): Promise<string> {
  const t = translator(documentMessages, model.locale);
  const e = escapeHtml;
  const fields = (rows: Extract<DocumentBlock, { kind: 'fields' }>['rows']) =>
    `<table class="fields">${rows
      .map((r) => `<tr><th>${e(r.label)}</th><td>${r.isStrong ? `<strong>${e(r.value)}</strong>` : e(r.value)}</td></tr>`)
      .join('')}</table>`;
  const table = (b: TableBlock) => {
    const cells = (row: TableBlock['rows'][number], tag: 'td' | 'th') => {
      let col = 0;
      return row
        .map((c) => {
          const span = cellSpan(c);
          const align = span === 1 && b.columns[col]?.align === 'right' ? ' class="num"' : '';
          col += span;
          return `<${tag}${span > 1 ? ` colspan="${span}"` : ''}${align}>${e(cellText(c))}</${tag}>`;
        })
        .join('');
    };
    return `<table class="grid"><thead><tr>${cells(
      b.columns.map((c) => c.header),
      'th',
    )}</tr></thead><tbody>${b.rows.map((r) => `<tr>${cells(r, 'td')}</tr>`).join('')}${(b.totals ?? [])
      .map((r) => `<tr class="total">${cells(r, 'td')}</tr>`)
      .join('')}</tbody></table>`;
  };
  const signatures = async (parties: SignatureParty[]) =>
    `<div class="signatures">${(
      await Promise.all(
        parties.map(async (p) => {
          const src = p.image ? await imageSrc(p.image) : null;
          return `<div class="party"><h3>${e(p.title)}</h3>${src ? `<img class="signature" alt="" src="${src}">` : ''}${p.lines
            .map((l) => `<p><span class="label">${e(l.label)}</span><span class="line">${e(l.value ?? '')}</span></p>`)
            .join('')}</div>`;
        }),
      )
    ).join('')}</div>`;
  const block = async (b: DocumentBlock): Promise<string> => {
    if (b.kind === 'fields') return fields(b.rows);
    if (b.kind === 'paragraph') return `<p${b.isMuted ? ' class="muted"' : ''}>${e(b.text)}</p>`;
    if (b.kind === 'list') return `<ol>${b.items.map((i) => `<li>${e(i)}</li>`).join('')}</ol>`;
    if (b.kind === 'table') return table(b);
    return signatures(b.parties);
  };
  const sections = await Promise.all(
    model.sections.map(
      async (s) => `<section>${s.title ? `<h2>${e(s.title)}</h2>` : ''}${(await Promise.all(s.blocks.map(block))).join('')}</section>`,
    ),
  );
  const footer = [model.number, t('frame.generated', { at: formatInstant(model.generatedAt, model.timeZone) })].filter(Boolean).join(' · ');
  const pageCss = cssPageCounter(documentMessages[model.locale]['frame.page']);
  return `<!doctype html>
<html lang="${model.locale}"><head><meta charset="utf-8"><title>${e(model.number ? `${model.title} ${model.number}` : model.title)}</title>
<style>
@page{size:A4;margin:22mm 18mm 20mm;@bottom-right{content:${pageCss};font-size:8pt;color:#6b6b6b}@bottom-left{content:${cssString(footer)};font-size:8pt;color:#6b6b6b}}
body{font-family:"Noto Sans SC","Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:780px;margin:2em auto;color:#1f1f1f;font-size:10.5pt;line-height:1.55}
.letterhead{display:flex;justify-content:space-between;border-bottom:1px solid #9a9a9a;padding-bottom:4px;font-size:9pt}
.letterhead .vendor{font-weight:700}.letterhead .hotline,.muted,.ref{color:#6b6b6b}
.ref{display:flex;justify-content:space-between;font-size:8.5pt;margin-top:14px}
h1{text-align:center;font-size:20pt;letter-spacing:2px;margin:.3em 0 0}.subtitle{text-align:center;color:#6b6b6b;margin:0 0 .6em}
.rule{border-top:3px double #1f1f1f;margin-bottom:1em}h2{font-size:12pt;margin:1.2em 0 .4em}
table{border-collapse:collapse;width:100%}.fields th{text-align:left;font-weight:400;color:#6b6b6b;width:32%;padding:2px 8px 2px 0;vertical-align:top}
.fields td{padding:2px 0}.grid th,.grid td{border:1px solid #9a9a9a;padding:5px 7px}.grid th{background:#f2f4f7;text-align:left}
.grid .num{text-align:right}.grid .total td{background:#f2f4f7;font-weight:700}
.signatures{display:flex;gap:24px;margin-top:1.5em;break-inside:avoid}.party{flex:1}.party h3{font-size:10.5pt;margin:0 0 .8em}
.party p{display:flex;gap:6px;margin:.9em 0}.party .label{color:#6b6b6b;white-space:nowrap}.party .line{flex:1;border-bottom:1px solid #9a9a9a;min-height:1.2em}
.signature{max-height:56px;max-width:160px}.footer{margin-top:2em;border-top:1px solid #9a9a9a;color:#6b6b6b;font-size:8pt;padding-top:4px}
@media print{body{margin:0;max-width:none}.footer{display:none}}
</style></head>
<body>
<header class="letterhead"><span class="vendor">${e(letterhead.vendorName)}</span>${
    letterhead.hotline
      ? `<span class="hotline">${e(formatMessage(documentMessages[model.locale]['frame.hotline'], { hotline: letterhead.hotline }))}</span>`
      : ''
  }</header>
<div class="ref"><span>${model.number ? e(t('frame.number', { number: model.number })) : ''}</span><span>${
    model.state ? e(t('frame.state', { state: model.state })) : ''
  }</span></div>
<h1>${e(model.title)}</h1>${model.subtitle ? `<p class="subtitle">${e(model.subtitle)}</p>` : ''}<div class="rule"></div>
${sections.join('\n')}
<div class="footer">${e(footer)}</div>
</body></html>`;
}
