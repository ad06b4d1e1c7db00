import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { addDays, addMonths, localDateOf } from '../../../domain/contracts/local-date.ts';
import { defaultSurveySchedule } from '../../../domain/service-quality/survey-schedule.ts';
import { summarizeSurveys } from '../../../domain/service-quality/survey-summary.ts';
import type { Tx } from '../../db/client.ts';
import type { satisfactionSurveys } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { sendTemplatedMail } from '../../mail/mail.service.ts';
import type { Locale } from '../../messages/catalogue.ts';
import { type Actor, authorize } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { today } from '../contracts/contracts.service.ts';
import {
  ensureSurvey,
  findContact,
  findContractOn,
  findCustomerName,
  findSurvey,
  findSurveyContact,
  findSurveyOfTicket,
  findSurveySchedule,
  findTicketForSurvey,
  insertPeriodicSurvey,
  selectAnswered,
  selectDueSurveySchedules,
  selectPendingPeriodicSurveys,
  selectPeriodicSurveys,
  selectUnscheduledSurveyCustomers,
  updateSurvey,
  upsertSurveySchedule,
} from './surveys.repo.ts';
import type { AnswerInput, IssueLinkInput, SummaryInput, SurveyScheduleInput } from './surveys.schema.ts';

/** A survey may be answered once the customer confirmed the resolution (or the request was closed). */
const SURVEYED_STATUSES = new Set(['confirmed', 'closed']);
/** How long a signed survey link stays valid. */
export const SURVEY_LINK_DAYS = 30;

type SurveyRow = typeof satisfactionSurveys.$inferSelect;
const shape = (s: SurveyRow) => ({
  id: s.id,
  ticketId: s.ticketId,
  customerId: s.customerId,
  period: s.period,
  score: s.score,
  comment: s.comment,
  channel: s.channel,
  answeredAt: s.answeredAt,
});

// ---------- signed links ----------
/** The link key: HKDF-SHA256 of AFTERSALES_SECRET_KEY for this one purpose (never the secret-box key itself). */
function linkKey(deps: Deps): Buffer {
  const material = deps.config.secretKeys?.current;
  if (!material) {
    throw new AppError('secret_key_missing', 'survey links need AFTERSALES_SECRET_KEY to be configured', { token: 'no key' });
  }
  return Buffer.from(hkdfSync('sha256', Buffer.from(material, 'utf8'), 'aftersales-survey-link', 'survey-link-v1', 32));
}

const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

/** `<survey id>.<expiry, unix seconds>.<HMAC-SHA256 of both>` */
export function signSurveyToken(deps: Deps, surveyId: string, expiresAt: Date): string {
  const payload = `${surveyId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${mac(linkKey(deps), payload)}`;
}

/** The survey id of a valid, unexpired token; otherwise 404 (bad token) or 410-like 404 (expired) — both say nothing more. */
function verifySurveyToken(deps: Deps, token: string): { surveyId: string; expiresAt: Date } {
  const key = linkKey(deps);
  const m = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) throw new AppError('not_found', 'survey link not valid', { token: 'invalid' });
  const expected = Buffer.from(mac(key, `${m[1]}.${m[2]}`));
  const given = Buffer.from(m[3]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AppError('not_found', 'survey link not valid', { token: 'invalid' });
  }
  const expiresAt = new Date(Number(m[2]) * 1000);
  if (expiresAt <= deps.clock()) throw new AppError('not_found', 'survey link expired', { token: 'expired' });
  return { surveyId: m[1], expiresAt };
}

async function openSurvey(tx: Tx, deps: Deps, actor: Actor | null, ticket: { id: string; customerId: string; assigneeId: string | null }) {
  const now = deps.clock();
  const existing = await findSurveyOfTicket(tx, ticket.id, true);
  if (existing) return existing;
  const row = await ensureSurvey(tx, { ticketId: ticket.id, customerId: ticket.customerId, engineerId: ticket.assigneeId, createdAt: now });
  if (!row) throw new AppError('internal', 'survey not created');
  if (actor)
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'survey.open',
      entityType: 'satisfaction_survey',
      entityId: row.id,
      after: row,
      at: now,
    });
  return row;
}

/**
 * Staff issue the signed no-login link for a confirmed request (refused without AFTERSALES_SECRET_KEY); with
 * `sendEmail` it is also mailed (templated, in `locale`) to the request's contact, which needs an address and SMTP.
 */
export async function issueSurveyLink({
  deps,
  actor,
  ticketId,
  input = { sendEmail: false, locale: 'zh-CN' },
}: {
  deps: Deps;
  actor: Actor;
  ticketId: string;
  input?: IssueLinkInput;
}) {
  authorize(actor, 'survey.issue_link');
  linkKey(deps);
  return deps.db.transaction(async (tx) => {
    const ticket = await findTicketForSurvey(tx, ticketId);
    if (!ticket) throw notFound('ticket');
    if (!SURVEYED_STATUSES.has(ticket.status)) {
      throw new AppError('invalid_transition', 'a survey follows the customer’s confirmation', { status: ticket.status });
    }
    let recipient: { name: string; email: string } | null = null;
    if (input.sendEmail) {
      const contact = ticket.contactId ? await findContact(tx, ticket.contactId) : undefined;
      if (!contact?.email) throw new AppError('validation_failed', 'the request’s contact has no email address', { sendEmail: 'no email' });
      if (!deps.config.smtp) throw new AppError('conflict', 'email is not configured (SMTP_HOST)', { sendEmail: 'no smtp' });
      recipient = { name: contact.name, email: contact.email };
    }
    const survey = await openSurvey(tx, deps, actor, ticket);
    if (survey.answeredAt) throw new AppError('conflict', 'this request’s survey is already answered', { ticketId: 'answered' });
    const expiresAt = new Date(deps.clock().getTime() + SURVEY_LINK_DAYS * 86_400_000);
    const token = signSurveyToken(deps, survey.id, expiresAt);
    const path = `/survey/${token}`;
    if (recipient) {
      await sendTemplatedMail({
        tx,
        deps,
        to: recipient.email,
        name: recipient.name,
        locale: input.locale,
        template: 'survey',
        params: {
          customerName: (await findCustomerName(tx, ticket.customerId)) ?? '',
          ticketNumber: ticket.number,
          ticketTitle: ticket.title,
          path,
          expiresAt: expiresAt.toISOString(),
        },
      });
    }
    return { token, path, expiresAt, emailedTo: recipient?.email ?? null };
  });
}

/** The portal: the survey of one of the organisation's own requests. */
export async function getTicketSurvey({ deps, actor, ticketId }: { deps: Deps; actor: Actor; ticketId: string }) {
  const ticket = await findTicketForSurvey(deps.db, ticketId);
  if (!ticket) throw notFound('ticket');
  authorize(actor, 'ticket.read', { customerId: ticket.customerId }, 'ticket');
  const survey = await findSurveyOfTicket(deps.db, ticketId);
  const contact = ticket.contactId ? await findContact(deps.db, ticket.contactId) : undefined;
  return { isOpen: SURVEYED_STATUSES.has(ticket.status), survey: survey ? shape(survey) : null, hasContactEmail: Boolean(contact?.email) };
}

async function answer(tx: Tx, deps: Deps, survey: SurveyRow, input: AnswerInput, channel: 'portal' | 'link', actor: Actor | null) {
  if (survey.answeredAt) throw new AppError('conflict', 'this request’s survey is already answered', { score: 'answered' });
  const now = deps.clock();
  const row = await updateSurvey(tx, survey.id, {
    score: input.score,
    comment: input.comment || null,
    channel,
    answeredById: actor?.id ?? null,
    answeredAt: now,
  });
  await insertAudit(tx, {
    actorId: actor?.id ?? null,
    action: 'survey.answer',
    entityType: 'satisfaction_survey',
    entityId: row.id,
    before: survey,
    after: row,
    at: now,
  });
  return shape(row);
}

/** A hospital user answers in the portal: its own organisation's confirmed request, once. */
export async function answerTicketSurvey({
  deps,
  actor,
  ticketId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  ticketId: string;
  input: AnswerInput;
}) {
  return deps.db.transaction(async (tx) => {
    const ticket = await findTicketForSurvey(tx, ticketId);
    if (!ticket) throw notFound('ticket');
    authorize(actor, 'survey.answer', { customerId: ticket.customerId }, 'ticket');
    // Only the organisation's own users answer (an administrator's "all" does not make it a hospital).
    if (actor.customerId !== ticket.customerId) throw new AppError('forbidden', 'only the customer’s own users answer its survey');
    if (!SURVEYED_STATUSES.has(ticket.status)) {
      throw new AppError('invalid_transition', 'a survey follows the customer’s confirmation', { status: ticket.status });
    }
    const survey = await openSurvey(tx, deps, null, ticket);
    return answer(tx, deps, survey, input, 'portal', actor);
  });
}

/** The no-login page: what the link is about. */
export async function getSurveyByToken({ deps, token }: { deps: Deps; token: string }) {
  const { surveyId, expiresAt } = verifySurveyToken(deps, token);
  const survey = await findSurvey(deps.db, surveyId);
  if (!survey) throw notFound('survey');
  const ticket = survey.ticketId ? await findTicketForSurvey(deps.db, survey.ticketId) : null;
  if (survey.ticketId && !ticket) throw notFound('ticket');
  return {
    ticketNumber: ticket?.number ?? null,
    ticketTitle: ticket?.title ?? null,
    period: survey.period,
    customerName: (await findCustomerName(deps.db, survey.customerId)) ?? '',
    isAnswered: survey.answeredAt !== null,
    score: survey.score,
    expiresAt,
  };
}

export async function answerSurveyByToken({ deps, token, input }: { deps: Deps; token: string; input: AnswerInput }) {
  const { surveyId } = verifySurveyToken(deps, token);
  return deps.db.transaction(async (tx) => {
    const survey = await findSurvey(tx, surveyId, true);
    if (!survey) throw notFound('survey');
    return answer(tx, deps, survey, input, 'link', null);
  });
}

/** Results by customer, engineer and month of the service zone, for answers dated from..to (inclusive). */
export async function surveySummary({ deps, actor, input }: { deps: Deps; actor: Actor; input: SummaryInput }) {
  authorize(actor, 'survey.read_results');
  const tz = deps.config.timeZone;
  // A day's margin either side in UTC, then exact by the local date of each answer.
  const rows = await selectAnswered(
    deps.db,
    new Date(`${addDays(input.from, -1)}T00:00:00Z`),
    new Date(`${addDays(input.to, 2)}T00:00:00Z`),
  );
  const answered = rows.flatMap((r) => {
    if (!r.answeredAt || r.score === null) return [];
    const day = localDateOf(r.answeredAt, tz);
    if (day < input.from || day > input.to) return [];
    return [{ ...r, score: r.score, month: day.slice(0, 7) }];
  });
  return summarizeSurveys(answered);
}

// ---------- periodic surveys per customer ----------
/** A customer's periodic-survey schedule and its surveys (staff). */
export async function getCustomerSurveys({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  authorize(actor, 'survey.read_results');
  if ((await findCustomerName(deps.db, customerId)) === undefined) throw notFound('customer');
  const [schedule, items] = await Promise.all([findSurveySchedule(deps.db, customerId), selectPeriodicSurveys(deps.db, customerId)]);
  return {
    schedule: schedule
      ? { everyMonths: schedule.everyMonths, nextDueDate: schedule.nextDueDate, isDefault: false }
      : await defaultScheduleOf(deps.db, customerId, today(deps)),
    items: items.map(shape),
  };
}

/** Without a schedule of its own, a customer under contract is surveyed at its tier's default (docs/service-rules.md). */
async function defaultScheduleOf(tx: Tx, customerId: string, on: string) {
  const contract = await findContractOn(tx, customerId, on);
  const schedule = contract ? defaultSurveySchedule(contract) : null;
  return schedule ? { ...schedule, isDefault: true } : null;
}

// ---------- the portal ----------
/** A hospital user's periodic surveys still to answer (its own organisation's). */
export async function listPendingSurveys({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  authorize(actor, 'survey.answer', { customerId }, 'customer');
  return { items: (await selectPendingPeriodicSurveys(deps.db, customerId)).map(shape) };
}

/** A hospital user answers its organisation's periodic survey in the portal: the link's validation, once. */
export async function answerPeriodicSurvey({ deps, actor, id, input }: { deps: Deps; actor: Actor; id: string; input: AnswerInput }) {
  return deps.db.transaction(async (tx) => {
    const survey = await findSurvey(tx, id, true);
    if (!survey?.period) throw notFound('survey');
    authorize(actor, 'survey.answer', { customerId: survey.customerId }, 'survey');
    if (actor.customerId !== survey.customerId) throw new AppError('forbidden', 'only the customer’s own users answer its survey');
    return answer(tx, deps, survey, input, 'portal', actor);
  });
}

/** Sets how often the customer is surveyed (e.g. every 6 or 12 months) and when next. */
export async function setSurveySchedule({
  deps,
  actor,
  customerId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  customerId: string;
  input: SurveyScheduleInput;
}) {
  authorize(actor, 'survey.issue_link');
  const now = deps.clock();
  if (input.nextDueDate < today(deps)) {
    throw new AppError('validation_failed', 'the next survey cannot be due in the past', { nextDueDate: 'in the past' });
  }
  return deps.db.transaction(async (tx) => {
    if ((await findCustomerName(tx, customerId)) === undefined) throw notFound('customer');
    const before = await findSurveySchedule(tx, customerId);
    const row = await upsertSurveySchedule(tx, { customerId, ...input, updatedById: actor.id, updatedAt: now });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'survey.schedule',
      entityType: 'survey_schedule',
      entityId: customerId,
      before: before ?? null,
      after: row,
      at: now,
    });
    return { everyMonths: row.everyMonths, nextDueDate: row.nextDueDate, isDefault: false };
  });
}

/**
 * The `surveys.periodic` job: every schedule due today or earlier opens that period's survey (once per customer
 * and period), mails its signed link to the customer's primary contact (when there is an address, a link key
 * and SMTP) and moves the schedule on by its frequency past today (missed periods are not sent late).
 */
export async function runPeriodicSurveys({ deps, now, locale = 'zh-CN' }: { deps: Deps; now: Date; locale?: Locale }) {
  const on = today(deps, now);
  const hasKey = Boolean(deps.config.secretKeys?.current);
  return deps.db.transaction(async (tx) => {
    let opened = 0;
    let mailed = 0;
    // Customers without a schedule of their own: the tier's default, stored once its first survey is due.
    for (const contract of await selectUnscheduledSurveyCustomers(tx, on)) {
      const schedule = defaultSurveySchedule(contract);
      if (schedule && schedule.nextDueDate <= on) {
        await upsertSurveySchedule(tx, { customerId: contract.customerId, ...schedule, updatedById: null, updatedAt: now });
      }
    }
    for (const schedule of await selectDueSurveySchedules(tx, on)) {
      const survey = await insertPeriodicSurvey(tx, { customerId: schedule.customerId, period: schedule.nextDueDate, createdAt: now });
      if (survey) {
        opened += 1;
        await insertAudit(tx, {
          actorId: null,
          action: 'survey.open',
          entityType: 'satisfaction_survey',
          entityId: survey.id,
          after: survey,
          at: now,
        });
        const contact = await findSurveyContact(tx, schedule.customerId);
        if (contact && hasKey) {
          const expiresAt = new Date(now.getTime() + SURVEY_LINK_DAYS * 86_400_000);
          const queued = await sendTemplatedMail({
            tx,
            deps,
            to: contact.email,
            name: contact.name,
            locale,
            template: 'survey',
            params: {
              customerName: (await findCustomerName(tx, schedule.customerId)) ?? '',
              period: schedule.nextDueDate,
              path: `/survey/${signSurveyToken(deps, survey.id, expiresAt)}`,
              expiresAt: expiresAt.toISOString(),
            },
            key: `survey:${survey.id}`,
          });
          if (queued) mailed += 1;
        }
      }
      let next = schedule.nextDueDate;
      while (next <= on) next = addMonths(next, schedule.everyMonths);
      await upsertSurveySchedule(tx, { ...schedule, nextDueDate: next, updatedAt: now });
    }
    return { opened, mailed };
  });
}
