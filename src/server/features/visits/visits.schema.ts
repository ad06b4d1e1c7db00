import { z } from 'zod';
import { QUOTE_STATES } from '../../../domain/contracts/vocabulary.ts';
import { VISIT_TYPES } from '../../../domain/field/work-orders.ts';
import { Fen, LocalDate } from '../contracts/contracts.schema.ts';

export const VisitBody = z
  .object({
    visitDate: LocalDate,
    ticketId: z.uuid().optional(),
    engineerIds: z.array(z.uuid()).min(1).max(20),
    note: z.string().trim().max(2000).optional(),
    /** A signed per-visit quote: required beyond the quota or without a contract or free maintenance. */
    quoteId: z.uuid().optional(),
    /** Only emergency visits count against the yearly quota; default emergency. */
    type: z.enum(VISIT_TYPES).optional(),
  })
  .strict();
export type VisitInput = z.infer<typeof VisitBody>;

export const VisitResponse = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  ticketId: z.uuid().nullable(),
  serviceContractId: z.uuid().nullable(),
  visitDate: z.string(),
  engineerIds: z.array(z.uuid()),
  note: z.string().nullable(),
  isOverQuota: z.boolean(),
  quoteId: z.uuid().nullable(),
  type: z.enum(VISIT_TYPES),
  createdAt: z.date(),
});
export const VisitListResponse = z.object({
  items: z.array(VisitResponse),
  /** The contract in force today and its count this contract year (null without one). */
  current: z
    .object({ serviceContractId: z.uuid(), quota: z.number().int().nullable(), used: z.number().int(), left: z.number().int().nullable() })
    .nullable(),
});

export const QuoteBody = z
  .object({
    ticketId: z.uuid().optional(),
    people: z.int().min(1).max(50),
    travelPerPersonFen: Fen,
    lodgingPerPersonDayFen: Fen,
    /** Default 1,000 CNY per person per day (002). */
    dailyFeePerPersonDayFen: Fen.optional(),
    arrivalDate: LocalDate,
    departureDate: LocalDate,
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((v) => v.departureDate >= v.arrivalDate, { path: ['departureDate'], message: 'must not be before arrivalDate' });
export type QuoteInput = z.infer<typeof QuoteBody>;

export const SignQuoteBody = z
  .object({
    /** Who signed for the customer, as written on the returned agreement. */
    signedBy: z.string().trim().min(1).max(100),
    signedAt: z.iso.datetime({ offset: true }),
    /** The signed scan, uploaded first as a customer document of kind "signed_quote". */
    scanDocumentId: z.uuid(),
  })
  .strict();
export type SignQuoteInput = z.infer<typeof SignQuoteBody>;

export const QuoteResponse = z.object({
  id: z.uuid(),
  /** BJ-2026-0001: gapless per year of the service zone. */
  number: z.string(),
  customerId: z.uuid(),
  ticketId: z.uuid().nullable(),
  people: z.number().int(),
  travelPerPersonFen: z.number().int(),
  lodgingPerPersonDayFen: z.number().int(),
  dailyFeePerPersonDayFen: z.number().int(),
  arrivalDate: z.string(),
  departureDate: z.string(),
  days: z.number().int(),
  totalFen: z.number().int(),
  state: z.enum(QUOTE_STATES),
  note: z.string().nullable(),
  sentAt: z.date().nullable(),
  signedBy: z.string().nullable(),
  signedAt: z.date().nullable(),
  signedScanDocumentId: z.uuid().nullable(),
  cancelledAt: z.date().nullable(),
  createdAt: z.date(),
  /** Dispatch is allowed once the customer has signed. */
  isDispatchAllowed: z.boolean(),
});
export const QuoteListResponse = z.object({ items: z.array(QuoteResponse) });
