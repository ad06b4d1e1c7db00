import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { htmlText, pdfPages, pdfText } from '../../testing/read-documents.ts';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';
import { createSignedQuote } from './visits.testing.ts';

// The quote's print view and its PDF are two renderings of one document model: both are read back
// (the PDF with pdf.js, no system tools) and must say the same. The PDF is set in the npm-shipped
// Noto Sans Hans: this context configures no font at all.

let ctx: TestContext;
let agent: Session;
beforeAll(async () => {
  ctx = await createTestContext({ env: { AFTERSALES_VENDOR_NAME: '华医信息技术有限公司', AFTERSALES_HOTLINE: '400-800-1234' } });
  agent = await ctx.user('agent');
});
afterAll(() => ctx.close());

const quoteBody = {
  people: 2,
  travelPerPersonFen: 80_000,
  lodgingPerPersonDayFen: 30_000,
  arrivalDate: '2026-03-02',
  departureDate: '2026-03-04',
  note: '含数据库迁移与现场培训',
};

const squash = (s: string) => s.replace(/\s+/g, '');

describe('the quote document: print view and PDF', () => {
  test('a signed quote: both renderings carry the same title, number, state in words, parties, fee lines, total and 大写', async () => {
    const c = await ctx.customer();
    expect(
      (await ctx.call('PATCH', `/api/v1/customers/${c.id}`, { as: agent, body: { address: '武汉市解放大道1095号' } })).statusCode,
    ).toBe(200);
    const ticket = await ctx.ticket(agent, c.id);
    const q = await createSignedQuote({ ctx, as: agent, customerId: c.id, body: { ...quoteBody, ticketId: ticket.id } });
    expect(q.number).toMatch(/^BJ-2026-\d{4}$/);

    const res = await ctx.call('GET', `/api/v1/quotes/${q.id}/pdf`, { as: agent });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="quote-${q.number}.pdf"; filename*=UTF-8''${encodeURIComponent(`补充协议-${c.name}-${q.number}.pdf`)}`,
    );
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.QUOTE_PDF_OUT) writeFileSync(process.env.QUOTE_PDF_OUT, pdf);
    // The font (two ~8.5 MB faces) is embedded as a subset: the document stays small.
    expect(pdf.length).toBeLessThan(300_000);

    const print = await ctx.call('GET', `/api/v1/quotes/${q.id}/print`, { as: agent });
    expect(print.statusCode).toBe(200);
    expect(print.headers['content-type']).toContain('text/html');
    const renderings = { pdf: squash(await pdfText(pdf)), html: squash(htmlText(print.body)) };
    for (const [name, text] of Object.entries(renderings)) {
      for (const expected of [
        '华医信息技术有限公司', // letterhead and Party B, from AFTERSALES_VENDOR_NAME
        '服务热线400-800-1234',
        '上门服务补充协议',
        `编号${q.number}`,
        '状态：已签署',
        '甲方（客户）',
        c.name,
        '武汉市解放大道1095号',
        '乙方（服务方）',
        ticket.number,
        '2026-03-02',
        '2026-03-04',
        '¥1,600.00', // travel 800 × 2 people
        '¥1,800.00', // lodging 300 × 2 × 3 days
        '¥6,000.00', // daily fee 1,000 × 2 × 3 days
        '¥4,700.00', // per person
        '¥9,400.00', // total
        '人民币大写',
        '玖仟肆佰元整',
        '备品备件及材料费不含在本报价及年度维护费内', // 000: the yearly fee excludes parts and materials
        '含数据库迁移与现场培训',
        '李院长',
      ]) {
        expect({ name, has: text.includes(squash(expected)), expected }).toEqual({ name, has: true, expected });
      }
      expect(text).not.toMatch(/signed|draft/);
    }
    // The PDF numbers its pages and repeats the letterhead on each; the print view asks the browser to (CSS page margin boxes).
    const pages = await pdfPages(pdf);
    for (const [i, page] of pages.entries()) {
      expect(squash(page)).toContain(`第${i + 1}页/共${pages.length}页`);
      expect(squash(page)).toContain('服务热线400-800-1234');
    }
    expect(print.body).toContain('"第 " counter(page) " 页 / 共 " counter(pages) " 页"');
  });

  test('in English on request (?lang=en or Accept-Language): translated state, page numbers, the amount still in 大写', async () => {
    const c = await ctx.customer();
    const q = (await ctx.call('POST', `/api/v1/customers/${c.id}/quotes`, { as: agent, body: quoteBody })).json();
    const pdf = await ctx.call('GET', `/api/v1/quotes/${q.id}/pdf?lang=en`, { as: agent });
    expect(pdf.headers['content-disposition']).toContain(`filename="quote-${q.number}.pdf"`);
    const text = squash(await pdfText(pdf.rawPayload));
    const print = await ctx.call('GET', `/api/v1/quotes/${q.id}/print`, { as: agent, headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    const html = squash(htmlText(print.body));
    for (const expected of [
      'Supplementary Agreement for On-site Service',
      'State: Draft',
      `No. ${q.number}`,
      'Party B (service provider)',
      '玖仟肆佰元整',
    ]) {
      expect(text).toContain(squash(expected));
      expect(html).toContain(squash(expected));
    }
    expect(text).toMatch(/Page1of\d/);
    expect((await ctx.call('GET', `/api/v1/quotes/${q.id}/pdf?lang=fr`, { as: agent })).statusCode).toBe(400);
  });

  test("another organisation's customer user gets 404 on both; its own customer user reads both", async () => {
    const c = await ctx.customer();
    const other = await ctx.customer();
    const q = (await ctx.call('POST', `/api/v1/customers/${c.id}/quotes`, { as: agent, body: quoteBody })).json();
    const stranger = await ctx.user('customer', { customerId: other.id });
    const res = await ctx.call('GET', `/api/v1/quotes/${q.id}/pdf`, { as: stranger });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect((await ctx.call('GET', `/api/v1/quotes/${q.id}/pdf`)).statusCode).toBe(401);
    expect((await ctx.call('GET', `/api/v1/quotes/${q.id}/print`, { as: stranger })).statusCode).toBe(404);
    const own = await ctx.user('customer', { customerId: c.id });
    // A draft is the vendor's working copy: the hospital reads the quote once it has been sent.
    expect((await ctx.call('GET', `/api/v1/quotes/${q.id}/print`, { as: own })).statusCode).toBe(404);
    expect((await ctx.call('POST', `/api/v1/quotes/${q.id}/send`, { as: agent })).statusCode).toBe(200);
    expect((await ctx.call('GET', `/api/v1/quotes/${q.id}/print`, { as: own })).statusCode).toBe(200);
    const pdf = await ctx.call('GET', `/api/v1/quotes/${q.id}/pdf`, { as: own });
    expect(pdf.statusCode).toBe(200);
    expect(await pdfText(pdf.rawPayload)).toContain('已发送');
  });
});

describe('quote numbers', () => {
  test('BJ-<year>-<sequence>, gapless in creation order within the service zone’s year, restarting each year', async () => {
    const c = await ctx.customer();
    const create = async () => (await ctx.call('POST', `/api/v1/customers/${c.id}/quotes`, { as: agent, body: quoteBody })).json();
    const first = await create();
    const [, year, seq] = first.number.split('-');
    expect(year).toBe('2026');
    // A refused quote takes no number.
    expect((await ctx.call('POST', `/api/v1/customers/${c.id}/quotes`, { as: agent, body: { ...quoteBody, people: 0 } })).statusCode).toBe(
      400,
    );
    const second = await create();
    expect(second.number).toBe(`BJ-2026-${String(Number(seq) + 1).padStart(4, '0')}`);
    // 2026-12-31T16:30Z is already 2027-01-01 in Asia/Shanghai.
    ctx.clock.set('2026-12-31T16:30:00Z');
    try {
      const fresh = await ctx.user('agent');
      const next = await ctx.call('POST', `/api/v1/customers/${c.id}/quotes`, { as: fresh, body: quoteBody });
      expect(next.json().number).toBe('BJ-2027-0001');
    } finally {
      ctx.clock.set('2026-03-02T01:00:00Z');
    }
    const list = (await ctx.call('GET', `/api/v1/customers/${c.id}/quotes`, { as: agent })).json();
    expect(list.items.map((q: { number: string }) => q.number)).toContain(second.number);
  });
});

describe('the PDF font', () => {
  let noFont: TestContext;
  beforeAll(async () => {
    noFont = await createTestContext({ env: { AFTERSALES_PDF_FONT: '/nonexistent/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular' } });
  });
  afterAll(() => noFont.close());

  test('an override that is not there: 501 pdf_font_unavailable instead of empty boxes; a stranger still gets 404 first', async () => {
    const a = await noFont.user('agent');
    const c = await noFont.customer();
    const q = (await noFont.call('POST', `/api/v1/customers/${c.id}/quotes`, { as: a, body: quoteBody })).json();
    const res = await noFont.call('GET', `/api/v1/quotes/${q.id}/pdf`, { as: a });
    expect(res.statusCode).toBe(501);
    expect(res.json().error.code).toBe('pdf_font_unavailable');
    expect(res.json().error.message).toContain('AFTERSALES_PDF_FONT');
    const stranger = await noFont.user('customer', { customerId: (await noFont.customer()).id });
    expect((await noFont.call('GET', `/api/v1/quotes/${q.id}/pdf`, { as: stranger })).statusCode).toBe(404);
  });
});
