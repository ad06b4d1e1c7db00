import { z } from 'zod';
import type { Tx } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import { enqueueJob, type JobContext } from '../jobs/jobs.service.ts';
import { LOCALES, toLocale } from '../messages/catalogue.ts';
import type { Mailer } from './mailer.ts';
import { MAIL_TEMPLATES, type MailTemplateName, type MailTemplateParams, prepareMailParams, renderMail } from './templates.ts';

export const MAIL_JOB = 'mail.send';
/** A refused or unreachable SMTP server is tried again 1, 2, 4, 8 minutes later; then the mail is kept failed. */
export const MAIL_MAX_ATTEMPTS = 5;
export const MAIL_RETRY = { baseMs: 60_000, maxMs: 3_600_000 };

const MailJobPayload = z.object({
  to: z.string().min(3),
  name: z.string().nullable().default(null),
  locale: z.enum(LOCALES),
  timeZone: z.string().nullable().default(null),
  template: z.enum(Object.keys(MAIL_TEMPLATES) as [MailTemplateName, ...MailTemplateName[]]),
  params: z.record(z.string(), z.unknown()),
});

/**
 * Queues a templated email inside the caller's transaction: it goes out (rendered in `locale`) when the change
 * commits, by a `mail.send` job that retries with backoff. Without SMTP configured nothing is queued (null).
 * `key` makes it once-only (e.g. `monthly-report:<customer>:2026-11`).
 */
export async function sendTemplatedMail<T extends MailTemplateName>({
  tx,
  deps,
  to,
  name,
  locale,
  timeZone,
  template,
  params,
  key,
  runAt,
}: {
  tx: Tx;
  deps: Deps;
  to: string;
  name?: string | null;
  /** The recipient's language (users.locale); anything but English falls back to Chinese. */
  locale: string | null | undefined;
  /** The recipient's zone for times in the text; default the service centre's. */
  timeZone?: string | null;
  template: T;
  params: MailTemplateParams<T>;
  key?: string;
  runAt?: Date;
}): Promise<{ id: string; isNew: boolean } | null> {
  if (!deps.config.smtp) return null;
  // A wrong parameter is a programming error: refuse it now, not in a job an hour later.
  MAIL_TEMPLATES[template].params.parse(params);
  return enqueueJob({
    tx,
    name: MAIL_JOB,
    runAt: runAt ?? deps.clock(),
    payload: { to, name: name ?? null, locale: toLocale(locale), timeZone: timeZone ?? null, template, params },
    key,
    maxAttempts: MAIL_MAX_ATTEMPTS,
  });
}

/** The `mail.send` job: render in the recipient's language and hand it to SMTP; a throw means "try again later". */
export async function runMailJob({ deps, payload }: JobContext, mailer: Mailer | null): Promise<void> {
  if (!mailer) throw new Error('SMTP is not configured (SMTP_HOST)');
  const mail = MailJobPayload.parse(payload);
  const rendered = renderMail({
    template: mail.template,
    params: await prepareMailParams(deps.db, mail.template, mail.params as MailTemplateParams<typeof mail.template>),
    locale: mail.locale,
    name: mail.name,
    timeZone: mail.timeZone ?? deps.config.timeZone,
    publicUrl: deps.config.publicUrl,
  });
  await mailer.send({ to: mail.to, ...rendered });
}
