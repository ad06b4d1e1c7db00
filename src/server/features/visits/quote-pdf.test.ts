import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';
import { createSignedQuote } from './visits.testing.ts';

// The PDF's text is read back with poppler's pdftotext (Debian poppler-utils, installed by .ci/run):
// it proves the Chinese is real text in an embedded font, not boxes or pictures of glyphs.

let ctx: TestContext;
let agent: Session;
beforeAll(async () => {
  ctx = await createTestContext({ env: { AFTERSALES_VENDOR_NAME: '华医信息技术有限公司' } });
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

const signedQuote = (customerId: string, body: object) => createSignedQuote({ ctx, as: agent, customerId, body });

const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');

describe('GET /quotes/:id/pdf', () => {
  test('a signed quote: a small PDF whose text has the customer, the title, the fee lines, the total and its 大写', async () => {
    const c = await ctx.customer();
    expect(
      (await ctx.call('PATCH', `/api/v1/customers/${c.id}`, { as: agent, body: { address: '武汉市解放大道1095号' } })).statusCode,
    ).toBe(200);
    const ticket = await ctx.ticket(agent, c.id);
    const q = await signedQuote(c.id, { ...quoteBody, ticketId: ticket.id });

    const res = await ctx.call('GET', `/api/v1/quotes/${q.id}/pdf`, { as: agent });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const number = `BQ-${q.id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="quote-${number}.pdf"; filename*=UTF-8''${encodeURIComponent(`补充协议-${c.name}-${number}.pdf`)}`,
    );
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.QUOTE_PDF_OUT) writeFileSync(process.env.QUOTE_PDF_OUT, pdf);
    // The CJK fonts are subset (two faces of ~19 MB collections): the document stays under 300 kB.
    expect(pdf.length).toBeLessThan(300_000);

    const text = pdfText(pdf);
    for (const expected of [
      '上门服务补充协议',
      c.name,
      '华医信息技术有限公司', // Party B, from AFTERSALES_VENDOR_NAME
      '武汉市解放大道1095号',
      ticket.number,
      '2026-03-02',
      '2026-03-04',
      '¥1,600.00', // travel 800 × 2 people
      '¥1,800.00', // lodging 300 × 2 × 3 days
      '¥6,000.00', // daily fee 1,000 × 2 × 3 days
      '¥4,700.00', // per person
      '¥9,400.00', // total
      '玖仟肆佰元整',
      '含数据库迁移与现场培训',
      '李院长',
      '已签署',
    ]) {
      expect(text).toContain(expected);
    }
  });

  test("another organisation's customer user gets 404; its own customer user may download it", async () => {
    const c = await ctx.customer();
    const other = await ctx.customer();
    const q = (await ctx.call('POST', `/api/v1/customers/${c.id}/quotes`, { as: agent, body: quoteBody })).json();
    const stranger = await ctx.user('customer', { customerId: other.id });
    const res = await ctx.call('GET', `/api/v1/quotes/${q.id}/pdf`, { as: stranger });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect((await ctx.call('GET', `/api/v1/quotes/${q.id}/pdf`)).statusCode).toBe(401);
    // Exactly the print view's rule: a stranger gets 404 there too, the hospital's own user reads both.
    expect((await ctx.call('GET', `/api/v1/quotes/${q.id}/print`, { as: stranger })).statusCode).toBe(404);
    const own = await ctx.user('customer', { customerId: c.id });
    expect((await ctx.call('GET', `/api/v1/quotes/${q.id}/print`, { as: own })).statusCode).toBe(200);
    const pdf = await ctx.call('GET', `/api/v1/quotes/${q.id}/pdf`, { as: own });
    expect(pdf.statusCode).toBe(200);
    expect(pdfText(pdf.rawPayload)).toContain('草稿 Draft');
  });
});

describe('without a CJK font', () => {
  let noFont: TestContext;
  beforeAll(async () => {
    noFont = await createTestContext({ env: { AFTERSALES_PDF_FONT: '/nonexistent/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular' } });
  });
  afterAll(() => noFont.close());

  test('501 pdf_font_unavailable instead of a PDF of empty boxes; a stranger still gets 404 first', async () => {
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
