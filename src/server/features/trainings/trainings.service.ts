import { contractYearWindow } from '../../../domain/contracts/visits.ts';
import { retrainingAllowance } from '../../../domain/service-quality/retraining.ts';
import { checkPngDataUrl, decodeBase64, scanKind } from '../../../domain/service-quality/signature.ts';
import type { Tx } from '../../db/client.ts';
import type { trainingAttendees, trainingSessions } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { letterheadOf, renderPdf } from '../../documents/index.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Locale } from '../../messages/catalogue.ts';
import { type Actor, authorize, can } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { contractOn, today } from '../contracts/contracts.service.ts';
import { createCustomerRecord, readCustomerRecords } from '../customers/customer-records.ts';
import { signInSheetDocument } from './sign-in-sheet-document.ts';
import {
  countRetrainingUsed,
  findCustomerRow,
  findQuoteOf,
  findSession,
  findStaffUser,
  insertAttendees,
  insertCertification,
  insertSession,
  selectAttendees,
  selectCertifications,
  selectContactsOf,
  selectContractsWithTier,
  selectSessions,
  selectUserNames,
  selectUsersByIds,
  setAttendeeSignature,
  updateSession,
} from './trainings.repo.ts';
import type { CertificationInput, SheetInput, TrainingInput } from './trainings.schema.ts';

/** A scanned sign-in sheet: PDF, PNG or JPEG, at most 700 KB (the request body is capped at 1 MB). */
export const SCAN_MAX_BYTES = 700 * 1024;

type SessionRow = typeof trainingSessions.$inferSelect;
type AttendeeRow = typeof trainingAttendees.$inferSelect;

async function shapeSessions(tx: Tx, sessions: SessionRow[]) {
  const [attendees, lecturers] = await Promise.all([
    selectAttendees(
      tx,
      sessions.map((s) => s.id),
    ),
    selectUserNames(tx, [...new Set(sessions.map((s) => s.lecturerId))]),
  ]);
  return sessions.map((s) => ({
    id: s.id,
    customerId: s.customerId,
    kind: s.kind,
    title: s.title,
    sessionDate: s.sessionDate,
    lecturerId: s.lecturerId,
    lecturerName: lecturers.find((l) => l.id === s.lecturerId)?.name ?? '',
    quoteId: s.quoteId,
    overrideReason: s.overrideReason,
    sheet: s.sheetScan ? ('scanned' as const) : s.lecturerSignature ? ('drawn' as const) : ('none' as const),
    signedAt: s.signedAt,
    attendees: attendees
      .filter((a) => a.sessionId === s.id)
      .map((a: AttendeeRow) => ({
        id: a.id,
        name: a.name,
        contactId: a.contactId,
        userId: a.userId,
        isOverQuota: a.isOverQuota,
        isSigned: a.signature !== null || s.sheetScan !== null,
      })),
    createdAt: s.createdAt,
  }));
}

/** The contract year in force on a date with its retraining quota and what is used of it. */
async function retrainingOn(tx: Tx, customerId: string, date: string) {
  const contract = contractOn(await selectContractsWithTier(tx, customerId), date);
  if (!contract) return null;
  const w = contractYearWindow(contract, date);
  if (!w) return null;
  const used = await countRetrainingUsed(tx, contract.id, w.from, w.to);
  return {
    serviceContractId: contract.id,
    from: w.from,
    to: w.to,
    quota: contract.retrainingQuota,
    used,
    left: Math.max(0, contract.retrainingQuota - used),
  };
}

export function retrainingStatus({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  return readCustomerRecords({
    deps,
    actor,
    customerId,
    action: 'training.read',
    read: async (tx) => ({ current: await retrainingOn(tx, customerId, today(deps)) }),
  });
}

/**
 * Records a training session and its trainees. A retraining of senior system administrators counts one
 * person-time per trainee against the contract year's quota (Diamond 2, Gold 1); trainees beyond it need
 * a signed per-visit quote of this customer or a manager's override reason (409 quote_required otherwise).
 */
export function createTraining({ deps, actor, customerId, input }: { deps: Deps; actor: Actor; customerId: string; input: TrainingInput }) {
  return createCustomerRecord({
    deps,
    actor,
    customerId,
    action: 'training.manage',
    auditAction: 'training.create',
    lockCustomer: true,
    insert: async (tx, now) => {
      const lecturer = await findStaffUser(tx, input.lecturerId);
      if (!lecturer || lecturer.role === 'customer' || !lecturer.isActive) {
        throw new AppError('validation_failed', 'the lecturer must be an active staff user', { lecturerId: 'not active staff' });
      }
      const contactIds = [...new Set(input.attendees.flatMap((a) => (a.contactId ? [a.contactId] : [])))];
      if ((await selectContactsOf(tx, customerId, contactIds)).length !== contactIds.length) {
        throw new AppError('validation_failed', 'a trainee contact does not belong to this customer', { attendees: 'unknown contact' });
      }
      const userIds = [...new Set(input.attendees.flatMap((a) => (a.userId ? [a.userId] : [])))];
      if ((await selectUsersByIds(tx, userIds)).length !== userIds.length) {
        throw new AppError('validation_failed', 'a trainee user does not exist', { attendees: 'unknown user' });
      }

      let serviceContractId: string | null = null;
      let overQuota = 0;
      if (input.kind === 'admin_retraining') {
        const r = await retrainingOn(tx, customerId, input.sessionDate);
        serviceContractId = r?.serviceContractId ?? null;
        overQuota = retrainingAllowance({ quota: r?.quota ?? 0, used: r?.used ?? 0, trainees: input.attendees.length }).overQuota;
        if (overQuota > 0) {
          if (input.quoteId) {
            const q = await findQuoteOf(tx, input.quoteId);
            if (!q || q.customerId !== customerId)
              throw new AppError('validation_failed', 'unknown quote for this customer', { quoteId: 'unknown' });
            if (q.state !== 'signed')
              throw new AppError('quote_required', 'the quote is not signed by the customer yet', { quoteId: q.state });
          } else if (input.overrideReason) {
            if (!can(actor, 'training.override_quota')) throw new AppError('forbidden', 'only a manager may override the retraining quota');
          } else {
            throw new AppError(
              'quote_required',
              `${overQuota} trainee(s) beyond the retraining quota (${r?.quota ?? 0} left ${r?.left ?? 0}): a signed quote or a manager's override is required`,
              {
                quoteId: 'required',
              },
            );
          }
        }
      } else if (input.quoteId || input.overrideReason) {
        throw new AppError('validation_failed', 'a quote or override applies to retraining beyond the quota only', {
          quoteId: 'not applicable',
        });
      }

      const session = await insertSession(tx, {
        customerId,
        kind: input.kind,
        title: input.title,
        sessionDate: input.sessionDate,
        lecturerId: lecturer.id,
        serviceContractId,
        quoteId: overQuota > 0 ? (input.quoteId ?? null) : null,
        overrideReason: overQuota > 0 && !input.quoteId ? (input.overrideReason ?? null) : null,
        createdById: actor.id,
        createdAt: now,
      });
      const within = input.attendees.length - overQuota;
      await insertAttendees(
        tx,
        input.attendees.map((a, i) => ({
          sessionId: session.id,
          name: a.name,
          contactId: a.contactId ?? null,
          userId: a.userId ?? null,
          isOverQuota: input.kind === 'admin_retraining' && i >= within,
          position: i + 1,
        })),
      );
      return session;
    },
    respond: async (tx, session) => (await shapeSessions(tx, [session]))[0],
  });
}

export function listTrainings({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  return readCustomerRecords({
    deps,
    actor,
    customerId,
    action: 'training.read',
    read: async (tx) => ({ items: await shapeSessions(tx, await selectSessions(tx, customerId)) }),
  });
}

export async function getTraining({ deps, actor, trainingId }: { deps: Deps; actor: Actor; trainingId: string }) {
  const s = await findSession(deps.db, trainingId);
  if (!s) throw notFound('training');
  authorize(actor, 'training.read', { customerId: s.customerId }, 'training');
  return (await shapeSessions(deps.db, [s]))[0];
}

const SIGNATURE_REASON = {
  not_data_url: 'must be a data:image/png;base64 URL',
  not_png: 'not a PNG image',
  too_large: 'too large',
} as const;

/**
 * Signs the sheet once: the lecturer's and every trainee's drawn signature (PNG, magic bytes checked,
 * size capped), or one scanned sheet. Without the lecturer's signature it is refused; nothing is written.
 */
export async function signSheet({ deps, actor, trainingId, input }: { deps: Deps; actor: Actor; trainingId: string; input: SheetInput }) {
  authorize(actor, 'training.manage');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const s = await findSession(tx, trainingId, true);
    if (!s) throw notFound('training');
    if (s.signedAt) throw new AppError('conflict', 'the sign-in sheet is already signed', { id: 'signed' });
    const attendees = await selectAttendees(tx, [s.id]);
    let values: Partial<SessionRow>;
    if (input.scan !== undefined) {
      if (input.lecturerSignature || input.signatures.length) {
        throw new AppError('validation_failed', 'either drawn signatures or a scanned sheet, not both', { scan: 'with signatures' });
      }
      const m = /^data:(application\/pdf|image\/png|image\/jpeg);base64,(.*)$/s.exec(input.scan);
      const bytes = m ? decodeBase64(m[2]) : null;
      if (!m || !bytes) throw new AppError('validation_failed', 'the scan must be a PDF, PNG or JPEG data URL', { scan: 'not a data URL' });
      if (bytes.length > SCAN_MAX_BYTES) throw new AppError('validation_failed', 'the scan is too large', { scan: 'too large' });
      const kind = scanKind(bytes);
      if (!kind) throw new AppError('validation_failed', 'the scan is not a PDF, PNG or JPEG', { scan: 'unknown type' });
      values = { sheetScan: m[2], sheetScanType: kind, signedAt: now };
    } else {
      if (!input.lecturerSignature) {
        throw new AppError('validation_failed', 'the sign-in sheet needs the lecturer’s signature', { lecturerSignature: 'required' });
      }
      const lecturer = checkPngDataUrl(input.lecturerSignature);
      if (!lecturer.ok)
        throw new AppError('validation_failed', `lecturer signature: ${SIGNATURE_REASON[lecturer.reason]}`, {
          lecturerSignature: lecturer.reason,
        });
      const byAttendee = new Map(input.signatures.map((x) => [x.attendeeId, x.signature]));
      if (byAttendee.size !== input.signatures.length || [...byAttendee.keys()].some((id) => !attendees.some((a) => a.id === id))) {
        throw new AppError('validation_failed', 'a signature names no trainee of this session (or one twice)', {
          signatures: 'unknown trainee',
        });
      }
      const unsigned = attendees.filter((a) => !byAttendee.has(a.id));
      if (unsigned.length) {
        throw new AppError('validation_failed', `every trainee signs: missing ${unsigned.map((a) => a.name).join(', ')}`, {
          signatures: 'missing',
        });
      }
      for (const [attendeeId, signature] of byAttendee) {
        const c = checkPngDataUrl(signature);
        if (!c.ok)
          throw new AppError('validation_failed', `trainee signature: ${SIGNATURE_REASON[c.reason]}`, {
            [`signatures.${attendeeId}`]: c.reason,
          });
      }
      for (const [attendeeId, signature] of byAttendee) await setAttendeeSignature(tx, attendeeId, signature);
      values = { lecturerSignature: input.lecturerSignature, signedAt: now };
    }
    const row = await updateSession(tx, s.id, values);
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'training.sign',
      entityType: 'training_session',
      entityId: s.id,
      after: { signedAt: row.signedAt, sheet: row.sheetScan ? 'scanned' : 'drawn' },
      at: now,
    });
    return (await shapeSessions(tx, [row]))[0];
  });
}

const pngBytes = (dataUrl: string | null) => {
  if (!dataUrl) return null;
  const c = checkPngDataUrl(dataUrl);
  return c.ok ? c.bytes : null;
};

/** The sign-in sheet as a PDF (staff and the customer's own users). */
export async function signInSheetPdf({
  deps,
  actor,
  trainingId,
  locale,
}: {
  deps: Deps;
  actor: Actor;
  trainingId: string;
  locale: Locale;
}) {
  const s = await findSession(deps.db, trainingId);
  if (!s) throw notFound('training');
  authorize(actor, 'training.read', { customerId: s.customerId }, 'training');
  const [customer, attendees, lecturer] = await Promise.all([
    findCustomerRow(deps.db, s.customerId),
    selectAttendees(deps.db, [s.id]),
    findStaffUser(deps.db, s.lecturerId),
  ]);
  const model = signInSheetDocument({
    customerName: customer?.name ?? '',
    kind: s.kind,
    title: s.title,
    sessionDate: s.sessionDate,
    lecturerName: lecturer?.name ?? '',
    lecturerSignature: pngBytes(s.lecturerSignature),
    isScanned: s.sheetScan !== null,
    attendees: attendees.map((a) => ({ name: a.name, signature: pngBytes(a.signature), isOverQuota: a.isOverQuota })),
    locale,
    timeZone: deps.config.timeZone,
    generatedAt: deps.clock(),
  });
  const pdf = await renderPdf({ model, letterhead: letterheadOf(deps.config), font: deps.config.pdfFont });
  const fileName = locale === 'en' ? `sign-in-sheet-${s.sessionDate}.pdf` : `培训签到表-${customer?.name ?? ''}-${s.sessionDate}.pdf`;
  return { pdf, fileName, fallbackName: `sign-in-sheet-${s.sessionDate}.pdf` };
}

/** The scanned sheet as it was uploaded. */
export async function sheetScan({ deps, actor, trainingId }: { deps: Deps; actor: Actor; trainingId: string }) {
  const s = await findSession(deps.db, trainingId);
  if (!s) throw notFound('training');
  authorize(actor, 'training.read', { customerId: s.customerId }, 'training');
  if (!s.sheetScan || !s.sheetScanType) throw notFound('scan');
  const type = { pdf: 'application/pdf', png: 'image/png', jpeg: 'image/jpeg' }[s.sheetScanType] ?? 'application/octet-stream';
  return {
    body: Buffer.from(s.sheetScan, 'base64'),
    contentType: type,
    fileName: `sign-in-sheet-${s.sessionDate}.${s.sheetScanType === 'jpeg' ? 'jpg' : s.sheetScanType}`,
  };
}

// ---------- administrator certifications ----------
export function createCertification({
  deps,
  actor,
  customerId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  customerId: string;
  input: CertificationInput;
}) {
  return createCustomerRecord({
    deps,
    actor,
    customerId,
    action: 'training.manage',
    auditAction: 'certification.create',
    insert: async (tx, now) => {
      if (input.contactId && (await selectContactsOf(tx, customerId, [input.contactId])).length !== 1) {
        throw new AppError('validation_failed', 'the contact does not belong to this customer', { contactId: 'unknown' });
      }
      if (input.trainingSessionId) {
        const s = await findSession(tx, input.trainingSessionId);
        if (!s || s.customerId !== customerId)
          throw new AppError('validation_failed', 'unknown training of this customer', { trainingSessionId: 'unknown' });
      }
      return insertCertification(tx, {
        customerId,
        personName: input.personName,
        contactId: input.contactId ?? null,
        certificate: input.certificate,
        certifiedOn: input.certifiedOn,
        trainingSessionId: input.trainingSessionId ?? null,
        createdById: actor.id,
        createdAt: now,
      });
    },
  });
}

export function listCertifications({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  return readCustomerRecords({
    deps,
    actor,
    customerId,
    action: 'training.read',
    read: async (tx) => ({ items: await selectCertifications(tx, customerId) }),
  });
}
