import { z } from 'zod';
import { TRAINING_KINDS } from '../../../domain/service-quality/vocabulary.ts';
import { LocalDate } from '../contracts/contracts.schema.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const TrainingBody = z
  .object({
    kind: z.enum(TRAINING_KINDS),
    title: text(200),
    sessionDate: LocalDate,
    /** A staff user. */
    lecturerId: z.uuid(),
    /** Customer contacts (contactId) or staff (userId), or a name alone. */
    attendees: z
      .array(z.object({ name: text(100), contactId: z.uuid().optional(), userId: z.uuid().optional() }).strict())
      .min(1)
      .max(200),
    /** Retraining beyond the quota: a signed per-visit quote of this customer … */
    quoteId: z.uuid().optional(),
    /** … or a manager's reason. */
    overrideReason: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
export type TrainingInput = z.infer<typeof TrainingBody>;

/** The sign-in sheet: each trainee's and the lecturer's signature (PNG data URLs), or one scanned sheet. */
export const SheetBody = z
  .object({
    lecturerSignature: z.string().max(300_000).optional(),
    signatures: z
      .array(z.object({ attendeeId: z.uuid(), signature: z.string().max(300_000) }).strict())
      .max(200)
      .default([]),
    /** A scan of the paper sheet as a data URL (PDF, PNG or JPEG). */
    scan: z.string().max(1_000_000).optional(),
  })
  .strict();
export type SheetInput = z.infer<typeof SheetBody>;

const Attendee = z.object({
  id: z.uuid(),
  name: z.string(),
  contactId: z.uuid().nullable(),
  userId: z.uuid().nullable(),
  isOverQuota: z.boolean(),
  isSigned: z.boolean(),
});
export const TrainingResponse = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  kind: z.enum(TRAINING_KINDS),
  title: z.string(),
  sessionDate: z.string(),
  lecturerId: z.uuid(),
  lecturerName: z.string(),
  quoteId: z.uuid().nullable(),
  overrideReason: z.string().nullable(),
  /** Signed with drawn signatures, by a scan, or not yet. */
  sheet: z.enum(['none', 'drawn', 'scanned']),
  signedAt: z.date().nullable(),
  attendees: z.array(Attendee),
  createdAt: z.date(),
});
export const TrainingListResponse = z.object({ items: z.array(TrainingResponse) });

export const RetrainingResponse = z.object({
  /** The contract year in force today; null without a service contract. */
  current: z
    .object({
      serviceContractId: z.uuid(),
      from: z.string(),
      to: z.string(),
      quota: z.number().int(),
      used: z.number().int(),
      left: z.number().int(),
    })
    .nullable(),
});

export const CertificationBody = z
  .object({
    personName: text(100),
    contactId: z.uuid().optional(),
    certificate: text(200),
    certifiedOn: LocalDate,
    trainingSessionId: z.uuid().optional(),
  })
  .strict();
export type CertificationInput = z.infer<typeof CertificationBody>;
export const CertificationResponse = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  personName: z.string(),
  contactId: z.uuid().nullable(),
  certificate: z.string(),
  certifiedOn: z.string(),
  trainingSessionId: z.uuid().nullable(),
  createdAt: z.date(),
});
export const CertificationListResponse = z.object({ items: z.array(CertificationResponse) });
