import { entitlement } from '../../../domain/contracts/entitlement.ts';
import { billedDays, DEFAULT_DAILY_FEE_FEN, formatCny, MoneyError, visitFeeFen } from '../../../domain/contracts/money.ts';
import { visitsLeft, visitsUsed } from '../../../domain/contracts/visits.ts';
import type { QuoteState } from '../../../domain/contracts/vocabulary.ts';
import type { Tx } from '../../db/client.ts';
import type { quotes } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Actor, authorize, isQuoteVisibleTo, withoutStaffNotes } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { loadArchiveFacts, lockCustomer } from '../contracts/contracts.repo.ts';
import { contractOn, today } from '../contracts/contracts.service.ts';
import { findCustomer } from '../customers/customers.repo.ts';
import { attachmentDisposition, quoteNumber, renderQuotePdf } from './quote-pdf.ts';
import {
  findDocumentOf,
  findQuote,
  findTicketOf,
  findVisitByQuote,
  insertQuote,
  insertVisit,
  selectQuotes,
  selectStaff,
  selectVisits,
  updateQuoteRow,
} from './visits.repo.ts';
import type { QuoteInput, SignQuoteInput, VisitInput } from './visits.schema.ts';

// ---------- the visit register ----------
/**
 * Registers an on-site visit. It counts against the service contract in force on its date; within
 * the quota (or an unlimited one) nothing more is needed. Beyond the quota, or with neither a
 * contract nor free maintenance on that date, the visit needs a signed per-visit quote: without one
 * it is refused (409 quote_required, nothing written); with one it is recorded, flagged over quota.
 */
export async function registerVisit({
  deps,
  actor,
  customerId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  customerId: string;
  input: VisitInput;
}) {
  authorize(actor, 'visit.create');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    // One register per customer at a time: two visits cannot both take the last one of the quota.
    if (!(await lockCustomer(tx, customerId))) throw notFound('customer');
    if (input.ticketId) {
      const ticket = await findTicketOf(tx, input.ticketId);
      if (!ticket || ticket.customerId !== customerId)
        throw new AppError('validation_failed', 'unknown request for this customer', { ticketId: 'unknown' });
    }
    const engineers = await selectStaff(tx, input.engineerIds);
    if (engineers.length !== new Set(input.engineerIds).size || engineers.some((e) => e.role === 'customer' || !e.isActive)) {
      throw new AppError('validation_failed', 'engineers must be active staff', { engineerIds: 'unknown' });
    }
    const facts = await loadArchiveFacts(tx, customerId);
    const contract = contractOn(facts.serviceContracts, input.visitDate);
    let isOverQuota = false;
    let needsQuote: string | null = null;
    if (contract) {
      const used = visitsUsed(contract, facts.visits, input.visitDate);
      if (contract.visitQuota !== null && used >= contract.visitQuota) {
        isOverQuota = true;
        needsQuote = `the ${contract.visitQuota} visits of this contract year are used`;
      }
    } else {
      // Noon on the visit's date in the service zone: the entitlement of that day.
      const e = entitlement({ at: new Date(`${input.visitDate}T04:00:00Z`), timeZone: deps.config.timeZone, facts });
      if (e.basis !== 'free_maintenance') needsQuote = `no service contract or free maintenance on ${input.visitDate} (${e.basis})`;
    }
    if (needsQuote && !input.quoteId) {
      throw new AppError('quote_required', `${needsQuote}: a signed per-visit quote is required`, { quoteId: 'required' });
    }
    if (input.quoteId) {
      const quote = await findQuote(tx, input.quoteId, true);
      if (!quote || quote.customerId !== customerId)
        throw new AppError('validation_failed', 'unknown quote for this customer', { quoteId: 'unknown' });
      if (quote.state !== 'signed')
        throw new AppError('quote_required', 'the quote is not signed by the customer yet', { quoteId: quote.state });
      if (input.visitDate < quote.arrivalDate || input.visitDate > quote.departureDate) {
        throw new AppError('validation_failed', 'the visit date is outside the quote’s arrival and departure', {
          visitDate: 'outside quote',
        });
      }
      if (await findVisitByQuote(tx, quote.id))
        throw new AppError('conflict', 'this quote already covers another visit', { quoteId: 'used' });
    }
    const row = await insertVisit(tx, {
      customerId,
      ticketId: input.ticketId ?? null,
      serviceContractId: contract?.id ?? null,
      visitDate: input.visitDate,
      engineerIds: [...new Set(input.engineerIds)],
      note: input.note ?? null,
      isOverQuota,
      quoteId: input.quoteId ?? null,
      createdById: actor.id,
      createdAt: now,
    });
    await insertAudit(tx, { actorId: actor.id, action: 'visit.create', entityType: 'visit', entityId: row.id, after: row, at: now });
    return row;
  });
}

export async function listVisits({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  authorize(actor, 'visit.read', { customerId }, 'customer');
  if (!(await findCustomer(deps.db, customerId))) throw notFound('customer');
  const [items, facts] = await Promise.all([selectVisits(deps.db, customerId), loadArchiveFacts(deps.db, customerId)]);
  const on = today(deps);
  const contract = contractOn(facts.serviceContracts, on);
  const used = contract ? visitsUsed(contract, facts.visits, on) : 0;
  return {
    items: items.map((row) => withoutStaffNotes(actor, row)),
    current: contract
      ? { serviceContractId: contract.id, quota: contract.visitQuota, used, left: visitsLeft(contract.visitQuota, used) }
      : null,
  };
}

// ---------- per-visit quotes ----------
type QuoteRow = typeof quotes.$inferSelect;
const shapeQuote = (q: QuoteRow) => ({ ...q, isDispatchAllowed: q.state === 'signed' });

export async function createQuote({ deps, actor, customerId, input }: { deps: Deps; actor: Actor; customerId: string; input: QuoteInput }) {
  authorize(actor, 'quote.manage');
  const now = deps.clock();
  const dailyFeePerPersonDayFen = input.dailyFeePerPersonDayFen ?? DEFAULT_DAILY_FEE_FEN;
  let days: number;
  let totalFen: number;
  try {
    days = billedDays(input.arrivalDate, input.departureDate);
    totalFen = visitFeeFen({ ...input, dailyFeePerPersonDayFen }, days).totalFen;
  } catch (error) {
    if (error instanceof MoneyError) throw new AppError('validation_failed', error.message, { totalFen: error.message });
    throw error;
  }
  return deps.db.transaction(async (tx) => {
    if (!(await findCustomer(tx, customerId))) throw notFound('customer');
    if (input.ticketId) {
      const ticket = await findTicketOf(tx, input.ticketId);
      if (!ticket || ticket.customerId !== customerId)
        throw new AppError('validation_failed', 'unknown request for this customer', { ticketId: 'unknown' });
    }
    const row = await insertQuote(tx, {
      customerId,
      ticketId: input.ticketId ?? null,
      people: input.people,
      travelPerPersonFen: input.travelPerPersonFen,
      lodgingPerPersonDayFen: input.lodgingPerPersonDayFen,
      dailyFeePerPersonDayFen,
      arrivalDate: input.arrivalDate,
      departureDate: input.departureDate,
      days,
      totalFen,
      note: input.note ?? null,
      createdById: actor.id,
      createdAt: now,
      updatedAt: now,
    });
    await insertAudit(tx, { actorId: actor.id, action: 'quote.create', entityType: 'quote', entityId: row.id, after: row, at: now });
    return shapeQuote(row);
  });
}

export async function listQuotes({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  authorize(actor, 'quote.read', { customerId }, 'customer');
  if (!(await findCustomer(deps.db, customerId))) throw notFound('customer');
  const rows = (await selectQuotes(deps.db, customerId)).filter((q) => isQuoteVisibleTo(actor, q));
  return { items: rows.map(shapeQuote) };
}

export async function getQuote({ deps, actor, quoteId }: { deps: Deps; actor: Actor; quoteId: string }) {
  const q = await findQuote(deps.db, quoteId);
  if (!q) throw notFound('quote');
  authorize(actor, 'quote.read', { customerId: q.customerId }, 'quote');
  // A draft is the vendor's working copy: for the hospital it does not exist until it is sent.
  if (!isQuoteVisibleTo(actor, q)) throw notFound('quote');
  return shapeQuote(q);
}

const MOVES: Record<'send' | 'sign' | 'cancel', { from: QuoteState[]; to: QuoteState }> = {
  send: { from: ['draft'], to: 'sent' },
  sign: { from: ['sent'], to: 'signed' },
  cancel: { from: ['draft', 'sent', 'signed'], to: 'cancelled' },
};

async function moveQuote(
  deps: Deps,
  actor: Actor,
  quoteId: string,
  move: keyof typeof MOVES,
  extra: (tx: Tx, q: QuoteRow) => Promise<Partial<QuoteRow>>,
) {
  authorize(actor, 'quote.manage');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const before = await findQuote(tx, quoteId, true);
    if (!before) throw notFound('quote');
    if (!MOVES[move].from.includes(before.state)) {
      throw new AppError('invalid_transition', `a ${before.state} quote cannot be ${MOVES[move].to}`, { state: before.state });
    }
    const values = await extra(tx, before);
    const row = await updateQuoteRow(tx, quoteId, { ...values, state: MOVES[move].to, updatedAt: now });
    await insertAudit(tx, {
      actorId: actor.id,
      action: `quote.${move}`,
      entityType: 'quote',
      entityId: quoteId,
      before,
      after: row,
      at: now,
    });
    return shapeQuote(row);
  });
}

export function sendQuote({ deps, actor, quoteId }: { deps: Deps; actor: Actor; quoteId: string }) {
  return moveQuote(deps, actor, quoteId, 'send', async () => ({ sentAt: deps.clock() }));
}

export function signQuote({ deps, actor, quoteId, input }: { deps: Deps; actor: Actor; quoteId: string; input: SignQuoteInput }) {
  return moveQuote(deps, actor, quoteId, 'sign', async (tx, q) => {
    const doc = await findDocumentOf(tx, input.scanDocumentId, q.customerId);
    if (doc?.kind !== 'signed_quote') {
      throw new AppError('validation_failed', 'the signed scan must be a document of this customer of kind signed_quote', {
        scanDocumentId: 'unknown',
      });
    }
    const signedAt = new Date(input.signedAt);
    if (q.sentAt && signedAt < q.sentAt)
      throw new AppError('validation_failed', 'signed before it was sent', { signedAt: 'before sentAt' });
    if (signedAt > deps.clock()) throw new AppError('validation_failed', 'signed in the future', { signedAt: 'in the future' });
    return { signedBy: input.signedBy, signedAt, signedScanDocumentId: doc.id };
  });
}

export function cancelQuote({ deps, actor, quoteId }: { deps: Deps; actor: Actor; quoteId: string }) {
  return moveQuote(deps, actor, quoteId, 'cancel', async (tx, q) => {
    if (await findVisitByQuote(tx, q.id)) throw new AppError('conflict', 'a visit was registered on this quote', { id: 'used' });
    return { cancelledAt: deps.clock() };
  });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A printable supplementary agreement (补充协议) in zh-CN with English labels. */
export async function printQuote({ deps, actor, quoteId }: { deps: Deps; actor: Actor; quoteId: string }): Promise<string> {
  const q = await getQuote({ deps, actor, quoteId });
  const customer = await findCustomer(deps.db, q.customerId);
  const money = (fen: number) => escapeHtml(formatCny(fen));
  const perPersonFen = q.travelPerPersonFen + (q.lodgingPerPersonDayFen + q.dailyFeePerPersonDayFen) * q.days;
  const rows: [string, string][] = [
    ['客户 Customer', escapeHtml(customer?.name ?? '')],
    ['人数 Engineers', String(q.people)],
    ['到达医院 Arrival', q.arrivalDate],
    ['离开医院 Departure', q.departureDate],
    ['天数 Days (arrival to departure, inclusive)', String(q.days)],
    ['往返交通费/人 Round-trip travel per person', money(q.travelPerPersonFen)],
    ['住宿费/人/天 Lodging per person per day', money(q.lodgingPerPersonDayFen)],
    ['薪酬费/人/天 Daily fee per person per day', money(q.dailyFeePerPersonDayFen)],
    [
      '每人费用 Per person',
      `${money(q.travelPerPersonFen)} + (${money(q.lodgingPerPersonDayFen)} + ${money(q.dailyFeePerPersonDayFen)}) × ${q.days} = ${money(perPersonFen)}`,
    ],
    ['合计 Total', `<strong>${money(q.totalFen)}</strong>`],
    ['状态 State', q.state],
  ];
  if (q.signedBy) rows.push(['签署人 Signed by', `${escapeHtml(q.signedBy)} ${q.signedAt?.toISOString() ?? ''}`]);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>按次上门服务报价单 ${q.id}</title>
<style>body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:760px;margin:2em auto;color:#111}
table{border-collapse:collapse;width:100%}td{border:1px solid #999;padding:6px 10px}td:first-child{width:45%;background:#f5f5f5}
.sign{margin-top:3em;display:flex;justify-content:space-between}@media print{body{margin:0}}</style></head>
<body><h1>按次上门服务报价单（补充协议）</h1><p>Per-visit on-site service quote (supplementary agreement)</p>
<p>收费标准：每次服务 = 往返交通费/人 + (住宿费/人/天 + 薪酬费/人/天) × 天数，天数以工程师到达医院至离开医院计。</p>
<table>${rows.map(([k, v]) => `<tr><td>${k}</td><td>${v}</td></tr>`).join('')}</table>
${q.note ? `<p>${escapeHtml(q.note)}</p>` : ''}
<div class="sign"><div>客户签字（盖章）Customer signature: ________________</div><div>日期 Date: ____________</div></div>
</body></html>`;
}

/**
 * The supplementary agreement as a PDF with its file name: the same reader rule as the print view
 * (another organisation's quote is a 404), then 501 pdf_font_unavailable when no CJK font is there.
 */
export async function quotePdf({ deps, actor, quoteId }: { deps: Deps; actor: Actor; quoteId: string }) {
  const q = await getQuote({ deps, actor, quoteId });
  const [customer, ticket] = await Promise.all([
    findCustomer(deps.db, q.customerId),
    q.ticketId ? findTicketOf(deps.db, q.ticketId) : undefined,
  ]);
  if (!customer) throw notFound('customer');
  const pdf = await renderQuotePdf(
    {
      quote: q,
      customer,
      ticketNumber: ticket?.number ?? null,
      vendorName: deps.config.vendorName,
      timeZone: deps.config.timeZone,
      generatedAt: deps.clock(),
    },
    deps.config.pdfFont,
  );
  const number = quoteNumber(q.id);
  // Characters that file systems refuse in a name become _ (the header itself is percent-encoded).
  const safeName = customer.name.replace(/[\\/:*?"<>|]/g, '_');
  return { pdf, disposition: attachmentDisposition(`补充协议-${safeName}-${number}.pdf`, `quote-${number}.pdf`) };
}
