import { z } from 'zod';
import { SURVEY_CHANNELS } from '../../../domain/service-quality/vocabulary.ts';
import { LOCALES } from '../../messages/catalogue.ts';
import { LocalDate } from '../contracts/contracts.schema.ts';

export const AnswerBody = z
  .object({
    score: z.int().min(1, 'from 1 to 5').max(5, 'from 1 to 5'),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict();
export type AnswerInput = z.infer<typeof AnswerBody>;

export const SurveyResponse = z.object({
  id: z.uuid(),
  /** Null for a periodic survey of the customer. */
  ticketId: z.uuid().nullable(),
  customerId: z.uuid(),
  /** A periodic survey: the first day of its period. */
  period: z.string().nullable(),
  score: z.number().int().nullable(),
  comment: z.string().nullable(),
  channel: z.enum(SURVEY_CHANNELS).nullable(),
  answeredAt: z.date().nullable(),
});

/** The survey of one request as its own portal sees it: none yet, or the answer. */
export const TicketSurveyResponse = z.object({
  /** The request is confirmed or closed: a survey may be answered. */
  isOpen: z.boolean(),
  survey: SurveyResponse.nullable(),
  /** The request's contact has an email address: staff may send the link by mail. */
  hasContactEmail: z.boolean(),
});

/** What the no-login page shows: the request's number and title, nothing else of the hospital. */
export const PublicSurveyResponse = z.object({
  /** Null for a periodic survey (then `period` says which). */
  ticketNumber: z.string().nullable(),
  ticketTitle: z.string().nullable(),
  period: z.string().nullable(),
  customerName: z.string(),
  isAnswered: z.boolean(),
  score: z.number().int().nullable(),
  expiresAt: z.date(),
});

/** Staff issue the link; `sendEmail` also mails it (templated, in `locale`) to the request's contact. */
export const IssueLinkBody = z
  .object({
    sendEmail: z.boolean().default(false),
    locale: z.enum(LOCALES).default('zh-CN'),
  })
  .strict();
export type IssueLinkInput = z.infer<typeof IssueLinkBody>;

export const SurveyLinkResponse = z.object({
  token: z.string(),
  /** The web page (relative to the app) that answers it without a login. */
  path: z.string(),
  expiresAt: z.date(),
  /** The address the link was mailed to, if it was. */
  emailedTo: z.string().nullable(),
});

// ---------- periodic surveys per customer ----------
export const SurveyScheduleBody = z
  .object({
    /** 6 = half-yearly, 12 = yearly … */
    everyMonths: z.int().min(1).max(24),
    nextDueDate: LocalDate,
  })
  .strict();
export type SurveyScheduleInput = z.infer<typeof SurveyScheduleBody>;

export const CustomerSurveysResponse = z.object({
  /** The stored schedule, or (`isDefault`) the default of the tier of the contract in force; null without either. */
  schedule: z.object({ everyMonths: z.number().int(), nextDueDate: z.string(), isDefault: z.boolean() }).nullable(),
  /** The customer's periodic surveys, newest first. */
  items: z.array(SurveyResponse),
});

export const TokenParams = z.object({ token: z.string().min(10).max(300) });

export const SummaryQuery = z
  .object({ from: LocalDate, to: LocalDate })
  .strict()
  .refine((v) => v.to >= v.from, { path: ['to'], message: 'must not be before from' });
export type SummaryInput = z.infer<typeof SummaryQuery>;

const Group = z.object({ key: z.string(), label: z.string(), count: z.number().int(), average: z.number() });
export const SummaryResponse = z.object({
  count: z.number().int(),
  average: z.number().nullable(),
  byCustomer: z.array(Group),
  byEngineer: z.array(Group),
  byMonth: z.array(Group),
  /** Count per score 1–5. */
  distribution: z.array(z.number().int()),
});

/** The portal: the organisation's periodic surveys still to answer. */
export const PendingSurveysResponse = z.object({ items: z.array(SurveyResponse) });
