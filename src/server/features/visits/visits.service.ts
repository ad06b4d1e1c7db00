import { entitlement } from '../../../domain/contracts/entitlement.ts';
import { billedDays, MoneyError, visitFeeFen } from '../../../domain/contracts/money.ts';
import { hardwareWarrantyUntil, quoteDailyFeeDefault } from '../../../domain/contracts/parts.ts';
import { visitsLeft, visitsUsed } from '../../../domain/contracts/visits.ts';
import type { QuoteState } from '../../../domain/contracts/vocabulary.ts';
import { countsAgainstQuota, type VisitType } from '../../../domain/field/work-orders.ts';
import { yearIn } from '../../../domain/time-zone.ts';
import type { Tx } from '../../db/client.ts';
import type { quotes } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { letterheadOf, renderHtml, renderPdf } from '../../documents/index.ts';
import { formatDocumentNumber, nextDocumentSequence } from '../../documents/numbers.repo.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Locale } from '../../messages/catalogue.ts';
import { type Actor, authorize, isQuoteVisibleTo, withoutStaffNotes } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { loadArchiveFacts, lockCustomer } from '../contracts/contracts.repo.ts';
import { contractOn, today } from '../contracts/contracts.service.ts';
import { findCustomer } from '../customers/customers.repo.ts';
import { expertDailyFeeFen } from '../parts/parts.service.ts';
import { quoteDocument, quoteFileName } from './quote-document.ts';
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
    const type = input.type ?? 'emergency';
    let isOverQuota = false;
    let needsQuote: string | null = null;
    if (contract) {
      const used = visitsUsed(contract, facts.visits, input.visitDate);
      // Only emergency visits use the quota: routine, training… never need a quote under a contract.
      if (countsAgainstQuota(type) && contract.visitQuota !== null && used >= contract.visitQuota) {
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
      type,
      createdById: actor.id,
      createdAt: now,
    });
    await insertAudit(tx, { actorId: actor.id, action: 'visit.create', entityType: 'visit', entityId: row.id, after: row, at: now });
    return row;
  });
}

/**
 * What a customer is owed for an on-site visit of `type` on `date`: covered (a contract in force, within
 * its quota for an emergency visit, or free maintenance) or paid per visit (a signed quote or a manager's
 * override). Work orders ask this at dispatch (features/work-orders).
 */
export async function visitCoverage({
  tx,
  deps,
  customerId,
  date,
  type,
}: {
  tx: Tx;
  deps: Deps;
  customerId: string;
  date: string;
  type: VisitType;
}) {
  const facts = await loadArchiveFacts(tx, customerId);
  const contract = contractOn(facts.serviceContracts, date);
  if (contract) {
    const used = visitsUsed(contract, facts.visits, date);
    const isCovered = !countsAgainstQuota(type) || contract.visitQuota === null || used < contract.visitQuota;
    return { isCovered, basis: 'service_contract' as const };
  }
  const e = entitlement({ at: new Date(`${date}T04:00:00Z`), timeZone: deps.config.timeZone, facts });
  return { isCovered: e.basis === 'free_maintenance', basis: e.basis };
}

/** A signed quote of the customer not yet used by a visit, for the per-visit dispatch rule (null: none). */
export async function findUsableQuote({ tx, customerId, quoteId }: { tx: Tx; customerId: string; quoteId: string }) {
  const quote = await findQuote(tx, quoteId);
  if (!quote || quote.customerId !== customerId || quote.state !== 'signed') return null;
  if (await findVisitByQuote(tx, quote.id)) return null;
  return quote;
}

/**
 * The register row of a signed-off work order (one notion of a visit): it counts against the contract
 * in force on its date when it is an emergency visit; beyond the quota it is flagged over quota when a
 * signed quote pays for it. Called inside the sign-off's transaction; the visit happened, so nothing is
 * refused here (the dispatch rule asked for the quote or the override beforehand).
 */
export async function recordWorkOrderVisit({
  tx,
  actorId,
  at,
  visit,
}: {
  tx: Tx;
  actorId: string;
  at: Date;
  visit: {
    customerId: string;
    ticketId: string;
    visitDate: string;
    engineerIds: string[];
    type: VisitType;
    quoteId: string | null;
    note: string | null;
  };
}) {
  if (!(await lockCustomer(tx, visit.customerId))) throw notFound('customer');
  const facts = await loadArchiveFacts(tx, visit.customerId);
  const contract = contractOn(facts.serviceContracts, visit.visitDate);
  const quoteId = visit.quoteId && !(await findVisitByQuote(tx, visit.quoteId)) ? visit.quoteId : null;
  const isFull =
    contract !== undefined &&
    countsAgainstQuota(visit.type) &&
    contract.visitQuota !== null &&
    visitsUsed(contract, facts.visits, visit.visitDate) >= contract.visitQuota;
  const row = await insertVisit(tx, {
    ...visit,
    engineerIds: [...new Set(visit.engineerIds)],
    serviceContractId: contract?.id ?? null,
    quoteId,
    isOverQuota: isFull && quoteId !== null,
    createdById: actorId,
    createdAt: at,
  });
  await insertAudit(tx, { actorId, action: 'visit.create', entityType: 'visit', entityId: row.id, after: row, at });
  return row;
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
  return deps.db.transaction(async (tx) => {
    if (!(await findCustomer(tx, customerId))) throw notFound('customer');
    if (input.ticketId) {
      const ticket = await findTicketOf(tx, input.ticketId);
      if (!ticket || ticket.customerId !== customerId)
        throw new AppError('validation_failed', 'unknown request for this customer', { ticketId: 'unknown' });
    }
    // Without a daily fee given: after the hardware warranty the preferential expert rate (003, Settings),
    // otherwise the per-visit standard (002).
    const dailyFeePerPersonDayFen =
      input.dailyFeePerPersonDayFen ??
      quoteDailyFeeDefault({
        on: today(deps),
        warrantyUntil: hardwareWarrantyUntil((await loadArchiveFacts(tx, customerId)).systemContracts),
        expertRateFen: await expertDailyFeeFen(tx),
      }).fen;
    let days: number;
    let totalFen: number;
    try {
      days = billedDays(input.arrivalDate, input.departureDate);
      totalFen = visitFeeFen({ ...input, dailyFeePerPersonDayFen }, days).totalFen;
    } catch (error) {
      if (error instanceof MoneyError) throw new AppError('validation_failed', error.message, { totalFen: error.message });
      throw error;
    }
    // The year's counter row stays locked until commit (gapless): taken only once the checks passed.
    const year = yearIn(deps.config.timeZone, now);
    const number = formatDocumentNumber('BJ', year, await nextDocumentSequence(tx, 'quote', year));
    const row = await insertQuote(tx, {
      number,
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

/** The quote as one document model in the reader's language: the print view and the PDF render it. */
async function quoteModel({ deps, actor, quoteId, locale }: { deps: Deps; actor: Actor; quoteId: string; locale: Locale }) {
  const q = await getQuote({ deps, actor, quoteId });
  const [customer, ticket] = await Promise.all([
    findCustomer(deps.db, q.customerId),
    q.ticketId ? findTicketOf(deps.db, q.ticketId) : undefined,
  ]);
  if (!customer) throw notFound('customer');
  const model = quoteDocument({
    quote: q,
    customer,
    ticketNumber: ticket?.number ?? null,
    vendorName: deps.config.vendorName,
    locale,
    timeZone: deps.config.timeZone,
    generatedAt: deps.clock(),
  });
  return { q, customer, model };
}

/** The supplementary agreement (补充协议) as a printable HTML page: the browser prints or saves it. */
export async function printQuote({ deps, actor, quoteId, locale }: { deps: Deps; actor: Actor; quoteId: string; locale: Locale }) {
  const { model } = await quoteModel({ deps, actor, quoteId, locale });
  return renderHtml({ model, letterhead: letterheadOf(deps.config) });
}

/**
 * The same agreement as a PDF with its file name: the same reader rule as the print view (another
 * organisation's quote is a 404), then 501 pdf_font_unavailable when the configured font is missing.
 */
export async function quotePdf({ deps, actor, quoteId, locale }: { deps: Deps; actor: Actor; quoteId: string; locale: Locale }) {
  const { q, customer, model } = await quoteModel({ deps, actor, quoteId, locale });
  const pdf = await renderPdf({ model, letterhead: letterheadOf(deps.config), font: deps.config.pdfFont });
  return {
    pdf,
    fileName: `${quoteFileName({ locale, customerName: customer.name, number: q.number })}.pdf`,
    fallbackName: `quote-${q.number}.pdf`,
  };
}
