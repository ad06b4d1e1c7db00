/**
 * Email templates: each turns its parameters into a title, a few lines and a link, in one language; `renderMail`
 * frames them (subject, greeting, link, footer from messages/mail.ts) as plain text and as HTML with every
 * text escaped. Add a template by adding an entry to MAIL_TEMPLATES (parameters as a Zod schema).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../db/client.ts';
import { tickets } from '../db/schema.ts';
import { escapeHtml, formatInstant } from '../lib/format.ts';
import { type Locale, translator } from '../messages/catalogue.ts';
import { mailMessages } from '../messages/mail.ts';
import { notificationMessages } from '../messages/notifications.ts';
import { surveyMessages } from '../messages/surveys.ts';

export type MailContent = { title: string; lines: string[]; link: string };
type RenderContext = { locale: Locale; timeZone: string; publicUrl: string };

const NotificationParams = z.object({
  kind: z.string(),
  data: z.record(z.string(), z.unknown()).default({}),
  ticketId: z.uuid().nullable().default(null),
  ticketNumber: z.string().nullable().default(null),
  ticketTitle: z.string().nullable().default(null),
});

/**
 * The request's number and title as they are when the mail goes out: a request's number is given just before
 * its creating transaction commits, after its notifications were queued.
 */
async function prepareNotification(tx: Tx, params: z.infer<typeof NotificationParams>) {
  if (!params.ticketId) return params;
  const [ticket] = await tx.select({ number: tickets.number, title: tickets.title }).from(tickets).where(eq(tickets.id, params.ticketId));
  return ticket ? { ...params, ticketNumber: ticket.number, ticketTitle: ticket.title } : params;
}

function renderNotification(params: z.infer<typeof NotificationParams>, { locale, timeZone, publicUrl }: RenderContext): MailContent {
  const t = translator(notificationMessages, locale);
  const named = (prefix: 'metric' | 'level', value: unknown) => {
    const key = `${prefix}.${String(value)}`;
    return key in notificationMessages[locale] ? t(key as keyof (typeof notificationMessages)['en']) : String(value ?? '');
  };
  const d = params.data;
  const kindKey = `kind.${params.kind}`;
  const title = t((kindKey in notificationMessages[locale] ? kindKey : 'kind.other') as keyof (typeof notificationMessages)['en'], {
    ticket: `${params.ticketNumber ?? ''} ${params.ticketTitle ?? ''}`.trim(),
    metric: named('metric', d.metric),
    level: named('level', d.levelName),
    endDate: String(d.endDate ?? ''),
    daysBefore: String(d.daysBefore ?? ''),
    customerName: String(d.customerName ?? ''),
  });
  const lines = [title];
  if (typeof d.dueAt === 'string') lines.push(t('dueAt', { dueAt: formatLocalTime(d.dueAt, timeZone) }));
  const link = params.ticketId
    ? `${publicUrl}/tickets/${params.ticketId}`
    : typeof d.customerId === 'string'
      ? `${publicUrl}/customers/${d.customerId}`
      : publicUrl;
  return { title, lines, link };
}

const SurveyParams = z.object({
  customerName: z.string(),
  /** A request's survey names the request; a periodic one its period's first day. */
  ticketNumber: z.string().nullable().default(null),
  ticketTitle: z.string().nullable().default(null),
  period: z.string().nullable().default(null),
  /** The no-login page, relative to the app (`/survey/<signed token>`). */
  path: z.string().startsWith('/survey/'),
  expiresAt: z.string(),
});

function renderSurvey(params: z.infer<typeof SurveyParams>, { locale, timeZone, publicUrl }: RenderContext): MailContent {
  const t = translator(surveyMessages, locale);
  const title = params.period
    ? t('periodicTitle', { customerName: params.customerName, period: params.period })
    : t('ticketTitle', { ticket: `${params.ticketNumber ?? ''} ${params.ticketTitle ?? ''}`.trim() });
  return {
    title,
    lines: [title, t(params.period ? 'periodicIntro' : 'intro'), t('expires', { expiresAt: formatLocalTime(params.expiresAt, timeZone) })],
    link: `${publicUrl}${params.path}`,
  };
}

/** Every template: its parameters' schema and how it reads. */
export const MAIL_TEMPLATES = {
  notification: { params: NotificationParams, prepare: prepareNotification, render: renderNotification },
  survey: {
    params: SurveyParams,
    prepare: async (_tx: Tx, params: z.infer<typeof SurveyParams>) => params,
    render: renderSurvey,
  },
} as const;

export type MailTemplateName = keyof typeof MAIL_TEMPLATES;
export type MailTemplateParams<T extends MailTemplateName> = z.input<(typeof MAIL_TEMPLATES)[T]['params']>;

/** `2026-03-02 09:10` in the recipient's zone; anything unreadable is shown as given. */
export function formatLocalTime(iso: string, timeZone: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : formatInstant(at, timeZone);
}

/** A template's parameters completed from the database at sending time (e.g. the request's number). */
export async function prepareMailParams<T extends MailTemplateName>(tx: Tx, template: T, params: MailTemplateParams<T>) {
  const definition = templateOf(template);
  return (await definition.prepare(tx, definition.params.parse(params))) as MailTemplateParams<T>;
}

/** One template seen without its parameters' type (TypeScript cannot correlate a union of templates). */
type AnyTemplate = {
  params: z.ZodType;
  prepare: (tx: Tx, params: unknown) => Promise<unknown>;
  render: (params: unknown, context: RenderContext) => MailContent;
};
const templateOf = (name: MailTemplateName) => MAIL_TEMPLATES[name] as unknown as AnyTemplate;

/** A template's mail in one language: subject, plain text and HTML (escaped) saying the same. */
export function renderMail<T extends MailTemplateName>(input: {
  template: T;
  params: MailTemplateParams<T>;
  locale: Locale;
  name?: string | null;
  timeZone: string;
  publicUrl: string;
}): { subject: string; text: string; html: string } {
  const definition = templateOf(input.template);
  const content = definition.render(definition.params.parse(input.params), input);
  const t = translator(mailMessages, input.locale);
  const greeting = input.name ? t('greeting', { name: input.name }) : t('greetingAnonymous');
  const subject = t('subject', { title: content.title });
  const text = [greeting, '', ...content.lines, '', `${t('open')}: ${content.link}`, '', '--', t('footer'), ''].join('\n');
  const e = escapeHtml;
  const html = [
    '<!doctype html>',
    `<html lang="${input.locale}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>`,
    "<body style=\"font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;color:#1f1f1f;line-height:1.6\">",
    `<p>${e(greeting)}</p>`,
    `<p style="font-size:16px"><strong>${e(content.title)}</strong></p>`,
    ...content.lines.slice(1).map((line) => `<p>${e(line)}</p>`),
    `<p><a href="${e(content.link)}" style="color:#0958d9">${e(t('open'))}</a></p>`,
    `<hr style="border:none;border-top:1px solid #d9d9d9"><p style="color:#595959;font-size:12px">${e(t('footer'))}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
