import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { htmlText, pdfPages, xlsxRows } from '../testing/read-documents.ts';
import { bundledFontPaths, pdfFonts } from './fonts.ts';
import { type DocumentModel, renderHtml, renderPdf, renderXlsx } from './index.ts';

// The renderers on their own: one model, three renderings, read back with JavaScript libraries.

// A 1×1 PNG, as a scanned signature would come.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const letterhead = { vendorName: '华医信息技术有限公司', hotline: '400-800-1234' };

function model(locale: 'zh-CN' | 'en', rows = 60): DocumentModel {
  return {
    locale,
    title: locale === 'en' ? 'Monthly service report' : '月度服务报告',
    number: 'RP-2026-0007',
    state: locale === 'en' ? 'Final' : '定稿',
    generatedAt: new Date('2026-03-02T01:00:00Z'),
    timeZone: 'Asia/Shanghai',
    sections: [
      { blocks: [{ kind: 'fields', rows: [{ label: '客户', value: '武汉市第一医院 <script>alert(1)</script>', isStrong: true }] }] },
      {
        title: '服务明细',
        blocks: [
          {
            kind: 'table',
            columns: [{ header: '请求编号', weight: 2 }, { header: '工程师' }, { header: '费用（元）', align: 'right' }],
            rows: Array.from({ length: rows }, (_v, i) => [
              `SR-2026-${String(i + 1).padStart(6, '0')}`,
              '张工',
              { text: '¥1,234.50', value: 1234.5, format: '#,##0.00' },
            ]),
            totals: [
              [
                { text: '合计', span: 2 },
                { text: `¥${(1234.5 * rows).toLocaleString('en-US', { minimumFractionDigits: 2 })}`, value: 1234.5 * rows },
              ],
            ],
          },
          { kind: 'paragraph', text: '本月共处理服务请求，均已由医院签字确认。' },
        ],
      },
      {
        title: '签署',
        blocks: [
          {
            kind: 'signatures',
            parties: [
              { title: '医院（签字）', lines: [{ label: '签署人', value: '李院长' }], image: PNG },
              { title: '服务方', lines: [{ label: '经办人' }] },
            ],
          },
        ],
      },
    ],
  };
}

describe('document renderers', () => {
  test('the PDF: several pages, each with the letterhead, the number and "第 N 页 / 共 M 页"; the table header repeats; the signature image is embedded', async () => {
    const pdf = await renderPdf({ model: model('zh-CN'), letterhead, font: null });
    const pages = (await pdfPages(pdf)).map((p) => p.replace(/\s+/g, ''));
    expect(pages.length).toBeGreaterThan(1);
    for (const [i, page] of pages.entries()) {
      expect(page).toContain('华医信息技术有限公司');
      expect(page).toContain('服务热线400-800-1234');
      expect(page).toContain('RP-2026-0007');
      expect(page).toContain(`第${i + 1}页/共${pages.length}页`);
    }
    expect(pages[1]).toContain('请求编号工程师费用（元）');
    const all = pages.join('');
    expect(all).toContain('SR-2026-000060');
    expect(all).toContain('¥74,070.00');
    expect(all).toContain('<script>alert(1)</script>'); // text in a PDF is only text
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
  });

  test('English page numbers; HTML escapes every text and inlines the signature', async () => {
    const pdf = await renderPdf({ model: model('en', 3), letterhead, font: null });
    const [page] = await pdfPages(pdf);
    expect(page.replace(/\s+/g, ' ')).toContain('Page 1 of 1');
    expect(page).toContain('Hotline 400-800-1234');

    const html = await renderHtml({ model: model('zh-CN', 3), letterhead });
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(htmlText(html)).toContain('武汉市第一医院 <script>alert(1)</script>');
    expect(html).toContain(`src="data:image/png;base64,${PNG.toString('base64')}"`);
    expect(html).toContain('<td colspan="2">合计</td>');
    expect(html).toContain('"第 " counter(page) " 页 / 共 " counter(pages) " 页"');
  });

  test('XLSX: the same document as a sheet, amounts as numbers, read back with read-excel-file', async () => {
    const xlsx = await renderXlsx({ model: model('zh-CN', 3), letterhead });
    const rows = await xlsxRows(xlsx);
    expect(rows[0]).toEqual(['华医信息技术有限公司', '服务热线 400-800-1234', null]);
    expect(rows[1][0]).toBe('月度服务报告');
    const header = rows.findIndex((r) => r[0] === '请求编号');
    expect(rows[header]).toEqual(['请求编号', '工程师', '费用（元）']);
    expect(rows[header + 1]).toEqual(['SR-2026-000001', '张工', 1234.5]);
    expect(rows[header + 4]).toEqual(['合计', null, 3703.5]);
  });

  test('the default font comes from npm (@embedpdf/fonts-sc), read once and cached', async () => {
    const paths = bundledFontPaths();
    expect(existsSync(paths.regular) && existsSync(paths.bold)).toBe(true);
    const [a, b] = await Promise.all([pdfFonts(null), pdfFonts(null)]);
    expect(a.regular.bytes).toBe(b.regular.bytes);
    expect(a.bold.label).toContain('NotoSansHans-Bold.otf');
  });
});
