import { TRIGGER_TEXTS, type Trigger } from '../../../domain/emergency/template.ts';
import type { Deps } from '../../deps.ts';
import { type DocumentModel, letterheadOf, renderPdf } from '../../documents/index.ts';
import { formatInstant } from '../../lib/format.ts';
import { type Locale, toLocale, translator } from '../../messages/catalogue.ts';
import { emergencyMessages } from '../../messages/emergency.ts';
import type { Actor } from '../../policy.ts';
import type { IncidentDetail } from './emergency.schema.ts';
import { getIncident } from './emergency.service.ts';

// The incident handling report (事故处理报告书, 001 2.10 (1)) as one document model: overview, timeline,
// cause, actions, each department's time on paper, data re-entered, prevention proposal, both teams.

export function incidentReportDocument(
  i: IncidentDetail,
  { locale, timeZone, generatedAt, vendorName }: { locale: Locale; timeZone: string; generatedAt: Date; vendorName: string },
): DocumentModel {
  const t = translator(emergencyMessages, locale);
  const at = (d: Date | null) => (d ? formatInstant(d, timeZone) : t('report.none'));
  const lang = (x: { zh: string; en: string }) => (locale === 'en' && x.en ? x.en : x.zh);
  const deptName = (name: string) => {
    const d = i.departments.find((x) => x.name === name);
    return locale === 'en' && d?.nameEn ? d.nameEn : name;
  };
  const stageWord = (s: string) => t(s === '3h' ? 'report.stage.3h' : 'report.stage.15m');
  const outageEnd = i.recoveredAt ?? generatedAt;
  const outage = Math.round((outageEnd.getTime() - i.failedAt.getTime()) / 60_000);
  const eventText = (e: IncidentDetail['events'][number]): string => {
    const d = e.data as Record<string, unknown>;
    switch (e.type) {
      case 'declared':
        return t('event.declared', { trigger: String(d.trigger ?? i.trigger) });
      case 'item_done':
        return t('event.item_done', { text: lang(d.text as { zh: string; en: string }) });
      case 'stage_fired': {
        const names = ((d.departments as string[]) ?? []).map(deptName);
        const stage = stageWord(String(d.stage));
        return names.length
          ? t('event.stage_fired', { stage, departments: names.join(locale === 'en' ? ', ' : '、') })
          : t('event.stage_fired_none', { stage });
      }
      case 'department_back':
        return t('event.department_back', { department: deptName(String(d.department)) });
      case 'recovered':
        return t('event.recovered');
      case 'reentry':
        return t('event.reentry', {
          department: deptName(String(d.department)),
          state: t(`reentryWord.${d.state as 'started' | 'done' | 'waived'}`),
        });
      case 'note':
        return t('event.note', { body: e.body ?? '' });
      case 'closed':
        return t('event.closed');
    }
  };
  const manual = i.departments.filter((d) => d.manualFrom);
  const reentryText = (d: IncidentDetail['departments'][number]) =>
    d.reentryState === 'done'
      ? t('report.reentry.done', { at: at(d.reentryDoneAt) })
      : d.reentryState === 'waived'
        ? t('report.reentry.waived', { reason: d.waivedReason ?? '' })
        : t(`report.reentry.${d.reentryState}`);
  return {
    locale,
    title: t('report.title'),
    subtitle: i.isDrill ? `${t('report.subtitle')}（${t('report.drill')}）` : t('report.subtitle'),
    number: i.ticketNumber,
    state: t(`report.state.${i.status}`),
    generatedAt,
    timeZone,
    sections: [
      {
        title: t('report.overview'),
        blocks: [
          {
            kind: 'fields',
            rows: [
              { label: t('report.hospital'), value: i.customerName, isStrong: true },
              { label: t('report.ticket'), value: `${i.ticketNumber} ${i.ticketTitle}` },
              {
                label: t('report.trigger'),
                value: t('report.triggerValue', { n: i.trigger, text: lang(TRIGGER_TEXTS[i.trigger as Trigger]) }),
              },
              { label: t('report.level'), value: t(`report.level.${i.measureLevel}`) },
              { label: t('report.failedAt'), value: at(i.failedAt) },
              { label: t('report.declaredAt'), value: at(i.declaredAt) },
              { label: t('report.activatedAt'), value: at(i.activatedAt) },
              { label: t('report.recoveredAt'), value: at(i.recoveredAt) },
              { label: t('report.duration'), value: t('report.minutes', { minutes: outage }) },
              { label: t('report.closedAt'), value: at(i.closedAt) },
              { label: t('report.scope'), value: i.scope || t('report.none') },
              { label: t('report.impact'), value: i.impact || t('report.none') },
              { label: t('report.planVersion'), value: t('report.planVersionValue', { version: i.planVersion }) },
            ],
          },
        ],
      },
      {
        title: t('report.timeline'),
        blocks: [
          {
            kind: 'table',
            columns: [
              { header: t('report.at'), weight: 22 },
              { header: t('report.event'), weight: 78 },
            ],
            rows: i.events.filter((e) => !e.isInternal || e.type === 'item_done').map((e) => [at(e.at), eventText(e)]),
          },
        ],
      },
      { title: t('report.cause'), blocks: [{ kind: 'paragraph', text: i.cause || t('report.none') }] },
      { title: t('report.actions'), blocks: [{ kind: 'paragraph', text: i.actionsTaken || t('report.none') }] },
      {
        title: t('report.continuity'),
        blocks: manual.length
          ? [
              {
                kind: 'table',
                columns: [
                  { header: t('report.department'), weight: 28 },
                  { header: t('report.stage'), weight: 14 },
                  { header: t('report.manualFrom'), weight: 21 },
                  { header: t('report.backAt'), weight: 21 },
                  { header: t('report.onPaper'), align: 'right', weight: 16 },
                ],
                rows: manual.map((d) => [
                  deptName(d.name),
                  stageWord(d.stage),
                  at(d.manualFrom),
                  at(d.backAt),
                  t('report.minutes', { minutes: d.minutesOnPaper }),
                ]),
              },
            ]
          : [{ kind: 'paragraph', text: t('report.noManual') }],
      },
      {
        title: t('report.reentry'),
        blocks: manual.length
          ? [
              {
                kind: 'table',
                columns: [
                  { header: t('report.department'), weight: 28 },
                  { header: t('report.engineer'), weight: 24 },
                  { header: t('report.reentryState'), weight: 48 },
                ],
                rows: manual.map((d) => [deptName(d.name), d.reentryEngineer?.name ?? t('report.none'), reentryText(d)]),
              },
            ]
          : [{ kind: 'paragraph', text: t('report.none') }],
      },
      { title: t('report.prevention'), blocks: [{ kind: 'paragraph', text: i.prevention || t('report.none') }] },
      ...(i.isDrill
        ? [
            {
              title: t('report.drillSection'),
              blocks: [
                {
                  kind: 'fields' as const,
                  rows: [
                    { label: t('report.drillParticipants'), value: i.drillParticipants || t('report.none') },
                    { label: t('report.drillEvaluation'), value: i.drillEvaluation || t('report.none') },
                  ],
                },
              ],
            },
          ]
        : []),
      {
        title: t('report.teams'),
        blocks: [
          {
            kind: 'fields',
            rows: [
              ...i.vendorTeam.map((m) => ({
                label: `${t('report.vendorTeam')} · ${t(`report.designation.${m.designation}`)}`,
                value: [m.name, m.phone].filter(Boolean).join('  '),
              })),
              ...i.hospitalTeam.map((m) => ({
                label: `${t('report.hospitalTeam')} · ${t(`report.designation.${m.role as 'leader' | 'deputy' | 'member'}`)}`,
                value: [m.name, m.title, m.phone].filter(Boolean).join('  '),
              })),
            ],
          },
        ],
      },
      {
        title: t('report.signatures'),
        blocks: [
          {
            kind: 'signatures',
            parties: [
              {
                title: t('report.vendor'),
                lines: [{ label: t('report.vendor'), value: vendorName }, { label: t('report.signer') }, { label: t('report.date') }],
              },
              {
                title: t('report.hospitalSide'),
                lines: [{ label: t('report.hospital'), value: i.customerName }, { label: t('report.signer') }, { label: t('report.date') }],
              },
            ],
          },
        ],
      },
    ],
  };
}

/** The report as a PDF for whoever may read the incident (a hospital user gets it without internal notes). */
export async function incidentReportPdf({
  deps,
  actor,
  incidentId,
  acceptLanguage,
}: {
  deps: Deps;
  actor: Actor;
  incidentId: string;
  acceptLanguage?: string;
}) {
  const incident = await getIncident({ deps, actor, incidentId });
  const locale = toLocale(acceptLanguage);
  const model = incidentReportDocument(incident, {
    locale,
    timeZone: deps.config.timeZone,
    generatedAt: deps.clock(),
    vendorName: deps.config.vendorName,
  });
  const body = await renderPdf({ model, letterhead: letterheadOf(deps.config), font: deps.config.pdfFont });
  const fileName =
    locale === 'en'
      ? `incident-report-${incident.ticketNumber}.pdf`
      : `事故处理报告书-${incident.customerName}-${incident.ticketNumber}.pdf`;
  return { body, fileName };
}
