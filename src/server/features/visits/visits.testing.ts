import { expect } from 'vitest';
import type { Session, TestContext } from '../../testing/test-context.ts';

/** Drafts, sends and signs a per-visit quote, with a signed scan uploaded as the customer's document. */
export async function createSignedQuote({
  ctx,
  as,
  customerId,
  body,
}: {
  ctx: TestContext;
  as: Session;
  customerId: string;
  body: object;
}) {
  const quote = (await ctx.call('POST', `/api/v1/customers/${customerId}/quotes`, { as, body })).json();
  await ctx.call('POST', `/api/v1/quotes/${quote.id}/send`, { as });
  const form = new FormData();
  form.append('kind', 'signed_quote');
  form.append('file', new Blob([Buffer.from('%PDF-1.4\n%signed scan\n')], { type: 'application/pdf' }), '报价单签字.pdf');
  const multipart = new Request('http://x', { method: 'POST', body: form });
  const doc = await ctx.call('POST', `/api/v1/customers/${customerId}/documents`, {
    as,
    body: Buffer.from(await multipart.arrayBuffer()),
    headers: { 'content-type': multipart.headers.get('content-type') ?? '' },
  });
  expect(doc.statusCode).toBe(201);
  const signed = await ctx.call('POST', `/api/v1/quotes/${quote.id}/sign`, {
    as,
    body: { signedBy: '李院长', signedAt: '2026-03-02T01:00:00Z', scanDocumentId: doc.json().id },
  });
  expect(signed.statusCode).toBe(200);
  return signed.json();
}
