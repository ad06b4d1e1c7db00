import { formatCny } from '../../../domain/contracts/money.ts';
import { MAINTENANCE_FEE_EXCLUDES_PARTS } from '../../../domain/contracts/parts.ts';
import { normalizePartUsed, partsTotalFen } from '../../../domain/field/parts-used.ts';
import type { ChecklistItem, PartUsed, SignatureKind } from '../../../domain/field/work-orders.ts';
import type { DocumentModel, DocumentSection } from '../../documents/index.ts';
import { reportTime, signOffSection } from '../../documents/on-site-report.ts';
import { type Locale, translator } from '../../messages/catalogue.ts';
import { workOrderMessages } from '../../messages/work-orders.ts';
import type { WorkOrderResponse } from './work-orders.schema.ts';

// The service report (现场服务报告) of one visit as a document model: what was done, parts used with their
// prices (000: the yearly fee excludes parts and materials), and the customer's sign-off with the signature
// drawn on the engineer's phone (documents/on-site-report.ts, shared with the maintenance report). Pure: texts from
// messages/work-orders.ts, rendered by documents/ (PDF here; the print view could render it too).

type Order = Pick<
  import('zod').infer<typeof WorkOrderResponse>,
  | 'number'
  | 'status'
  | 'type'
  | 'customerName'
  | 'address'
  | 'contactName'
  | 'contactPhone'
  | 'ticketNumber'
  | 'ticketTitle'
  | 'engineers'
  | 'transport'
  | 'plannedAt'
  | 'checkInAt'
  | 'checkOutAt'
  | 'minutesOnSite'
  | 'approvedByName'
  | 'approvedAt'
  | 'approvalMethod'
  | 'workLog'
  | 'signerName'
  | 'signerTitle'
  | 'rating'
  | 'remark'
  | 'signedOffAt'
> & { checklist: ChecklistItem[]; parts: PartUsed[]; signatureKind: SignatureKind | null };

export function workOrderReport({
  order: o,
  signature,
  photoCount,
  locale,
  timeZone,
  generatedAt,
}: {
  order: Order;
  signature: Uint8Array | null;
  /** Photos taken on site (listed by number; the images stay with the work order). */
  photoCount: number;
  locale: Locale;
  timeZone: string;
  generatedAt: Date;
}): DocumentModel {
  const t = translator(workOrderMessages, locale);
  const { at } = reportTime(timeZone);
  const money = (fen: number | null) => (fen === null ? '—' : formatCny(fen, locale));
  const parts = o.parts.map(normalizePartUsed);
  const rows = [
    { label: t('report.customer'), value: o.customerName, isStrong: true },
    { label: t('report.address'), value: o.address ?? '—' },
    { label: t('report.contact'), value: [o.contactName, o.contactPhone].filter(Boolean).join(' ') || '—' },
    { label: t('report.ticket'), value: `${o.ticketNumber} ${o.ticketTitle}` },
    { label: t('report.type'), value: t(`type.${o.type}`) },
    { label: t('report.engineers'), value: o.engineers.map((e) => e.name).join('、') || '—' },
    { label: t('report.transport'), value: o.transport ? t(`transport.${o.transport}`) : '—' },
    { label: t('report.planned'), value: at(o.plannedAt) },
    { label: t('report.checkIn'), value: at(o.checkInAt) },
    { label: t('report.checkOut'), value: at(o.checkOutAt) },
    {
      label: t('report.hours'),
      value: o.minutesOnSite === null ? '—' : t('report.hoursValue', { hours: (o.minutesOnSite / 60).toFixed(1) }),
    },
    { label: t('report.photos'), value: t('report.photosValue', { count: photoCount }) },
  ];
  if (o.approvedByName && o.approvedAt && o.approvalMethod) {
    rows.push({
      label: t('report.approval'),
      value: t('report.approvalValue', { name: o.approvedByName, at: at(o.approvedAt), method: t(`approval.${o.approvalMethod}`) }),
    });
  }
  const sections: DocumentSection[] = [
    { title: t('report.visit'), blocks: [{ kind: 'fields', rows }] },
    {
      title: t('report.work'),
      blocks: [
        {
          kind: 'table',
          columns: [
            { header: t('report.checklist'), weight: 4 },
            { header: t('report.itemState'), weight: 1 },
          ],
          rows: o.checklist.map((i) => [i.label, i.isDone ? t('report.done') : t('report.notDone')]),
        },
        { kind: 'paragraph', text: `${t('report.log')}：${o.workLog.trim() || t('report.noLog')}` },
      ],
    },
    {
      title: t('report.parts'),
      blocks: [
        ...(parts.length === 0
          ? [{ kind: 'paragraph' as const, text: t('report.noParts'), isMuted: true }]
          : [
              {
                kind: 'table' as const,
                columns: [
                  { header: t('report.partName'), weight: 3 },
                  { header: t('report.quantity'), align: 'right' as const },
                  { header: t('report.suppliedBy'), weight: 1.3 },
                  { header: t('report.warranty'), weight: 1.3 },
                  { header: t('report.unitPrice'), weight: 1.4, align: 'right' as const },
                  { header: t('report.charged'), weight: 1.4, align: 'right' as const },
                ],
                rows: parts.map((p) => [
                  p.model ? `${p.name} ${p.model}` : p.name,
                  { text: String(p.quantity), value: p.quantity },
                  p.isSuppliedByUs ? t('report.byUs') : t('report.byCustomer'),
                  p.isUnderWarranty ? t('report.inWarranty') : t('report.outOfWarranty'),
                  { text: money(p.unitPriceFen), value: p.unitPriceFen ?? 0 },
                  { text: money(p.chargedFen), value: p.chargedFen },
                ]),
              },
              {
                kind: 'fields' as const,
                rows: [{ label: t('report.partsTotal'), value: money(partsTotalFen(parts)), isStrong: true }],
              },
            ]),
        // 000: the yearly maintenance fee covers service, not parts and materials.
        { kind: 'paragraph', text: MAINTENANCE_FEE_EXCLUDES_PARTS[locale], isMuted: true },
      ],
    },
    signOffSection({
      t,
      order: o,
      signature,
      timeZone,
      details: [
        ...(o.signatureKind === 'scanned_form' ? [{ kind: 'paragraph' as const, text: t('report.scannedForm') }] : []),
        {
          kind: 'fields',
          rows: [
            { label: t('report.rating'), value: o.rating ? t('report.ratingValue', { rating: o.rating }) : '—' },
            { label: t('report.remark'), value: o.remark ?? '—' },
          ],
        },
      ],
    }),
  ];
  return {
    locale,
    title: t('report.title'),
    subtitle: t('report.subtitle', { number: o.number }),
    number: o.number,
    state: t(`report.state.${o.status}`),
    sections,
    generatedAt,
    timeZone,
  };
}
