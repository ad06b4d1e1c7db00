import {
  CHECKLIST_SECTIONS,
  type ChecklistItem,
  type ItemResult,
  MEASUREMENTS,
  type Measurement,
} from '../../../domain/maintenance/checklist.ts';
import type { DocumentModel, DocumentSection } from '../../documents/index.ts';
import { reportTime, signOffSection } from '../../documents/on-site-report.ts';
import { type Locale, translator } from '../../messages/catalogue.ts';
import { maintenanceMessages } from '../../messages/maintenance.ts';

// The maintenance report (常规维护报告) of one round as a document model: the round, each checklist item's
// result with its note and measurements, and the customer's sign-off from the round's work order with the
// signature drawn on the phone (documents/on-site-report.ts, shared with the service report). Pure: texts from
// messages/maintenance.ts, rendered by documents/.

type Round = {
  customerName: string;
  contractYear: number;
  windowStart: string;
  windowEnd: string;
  plannedDate: string | null;
  status: 'planned' | 'in_progress' | 'done' | 'skipped' | 'overdue';
  checklistVersion: number | null;
  isKeyCustomer: boolean;
  checklist: ChecklistItem[];
  results: {
    itemKey: string;
    result: ItemResult;
    note: string | null;
    measurements: Partial<Record<Measurement, string>>;
    ticketNumber: string | null;
  }[];
};
type Order = {
  number: string;
  engineers: { name: string }[];
  checkInAt: Date | null;
  checkOutAt: Date | null;
  signerName: string | null;
  signerTitle: string | null;
  signedOffAt: Date | null;
};

export function maintenanceReport({
  round: r,
  order: o,
  signature,
  locale,
  timeZone,
  generatedAt,
}: {
  round: Round;
  order: Order;
  signature: Uint8Array | null;
  locale: Locale;
  timeZone: string;
  generatedAt: Date;
}): DocumentModel {
  const t = translator(maintenanceMessages, locale);
  const { at } = reportTime(timeZone);
  const results = new Map(r.results.map((x) => [x.itemKey, x]));
  const label = (i: ChecklistItem) => (locale === 'en' ? i.labelEn : i.labelZh);
  const detail = (key: string) => {
    const x = results.get(key);
    if (!x) return '';
    const measures = MEASUREMENTS.filter((m) => x.measurements[m]).map((m) => `${t(`report.measure.${m}`)}：${x.measurements[m]}`);
    return [x.note, ...measures, x.ticketNumber ? t('report.request', { number: x.ticketNumber }) : null].filter(Boolean).join('；');
  };
  const sections: DocumentSection[] = [
    {
      title: t('report.round'),
      blocks: [
        {
          kind: 'fields',
          rows: [
            { label: t('report.customer'), value: r.customerName, isStrong: true },
            { label: t('report.contractYear'), value: t('report.contractYearValue', { year: r.contractYear }) },
            { label: t('report.window'), value: `${r.windowStart} – ${r.windowEnd}` },
            { label: t('report.planned'), value: r.plannedDate ?? '—' },
            { label: t('report.engineers'), value: o.engineers.map((e) => e.name).join('、') || '—' },
            { label: t('report.checkIn'), value: at(o.checkInAt) },
            { label: t('report.checkOut'), value: at(o.checkOutAt) },
            { label: t('report.checklistVersion'), value: r.checklistVersion === null ? '—' : `v${r.checklistVersion}` },
          ],
        },
        ...(r.isKeyCustomer ? [{ kind: 'paragraph' as const, text: t('report.keyCustomer') }] : []),
      ],
    },
    {
      title: t('report.checklists'),
      blocks: CHECKLIST_SECTIONS.flatMap((section) => {
        const items = r.checklist.filter((i) => i.section === section);
        if (items.length === 0) return [];
        return [
          { kind: 'paragraph' as const, text: t(`report.section.${section}`) },
          {
            kind: 'table' as const,
            columns: [
              { header: t('report.item'), weight: 4 },
              { header: t('report.result'), weight: 1.2 },
              { header: t('report.note'), weight: 3 },
            ],
            rows: items.map((i) => {
              const x = results.get(i.key);
              return [label(i), t(x ? `report.result.${x.result}` : 'report.result.none'), detail(i.key) || '—'];
            }),
          },
        ];
      }),
    },
    signOffSection({ t, order: o, signature, timeZone }),
  ];
  return {
    locale,
    title: t('report.title'),
    subtitle: t('report.subtitle', { number: o.number }),
    number: o.number,
    state: t(`report.state.${r.status}`),
    sections,
    generatedAt,
    timeZone,
  };
}
