import { cnyCapital } from '../../../domain/contracts/cny-capital.ts';
import { formatCny, visitFeeFen } from '../../../domain/contracts/money.ts';
import type { QuoteState } from '../../../domain/contracts/vocabulary.ts';
import type { DocumentModel, TableCell } from '../../documents/index.ts';
import { AppError } from '../../errors.ts';
import { type Locale, translator } from '../../messages/catalogue.ts';
import { documentMessages } from '../../messages/documents.ts';

// The per-visit quote (上门服务补充协议) as one document model: the print view and the PDF are two
// renderings of it, so they say the same (title, number, translated state, both parties, fee lines,
// the total and its amount in 大写).

export type QuoteDocumentInput = {
  quote: {
    number: string;
    people: number;
    travelPerPersonFen: number;
    lodgingPerPersonDayFen: number;
    dailyFeePerPersonDayFen: number;
    arrivalDate: string;
    departureDate: string;
    days: number;
    totalFen: number;
    state: QuoteState;
    note: string | null;
    signedBy: string | null;
    signedAt: Date | null;
  };
  customer: { name: string; address: string | null; province: string | null; city: string | null };
  ticketNumber: string | null;
  /** Party B: the service provider (AFTERSALES_VENDOR_NAME). */
  vendorName: string;
  locale: Locale;
  timeZone: string;
  generatedAt: Date;
};

const money = (fen: number): TableCell => ({ text: formatCny(fen), value: fen / 100, format: '#,##0.00' });

export function quoteDocument(input: QuoteDocumentInput): DocumentModel {
  const { quote: q, customer, locale } = input;
  const t = translator(documentMessages, locale);
  // The amounts are the domain's: per person = travel + (lodging + daily fee) × days; total = × people.
  const fee = visitFeeFen(q, q.days);
  if (fee.totalFen !== q.totalFen) throw new AppError('internal', 'the stored total differs from the fee formula');
  const lines = [
    {
      item: t('quote.travel'),
      unit: q.travelPerPersonFen,
      per: t('quote.perPerson'),
      qty: t('quote.qtyPeople', { people: q.people }),
      n: q.people,
    },
    {
      item: t('quote.lodging'),
      unit: q.lodgingPerPersonDayFen,
      per: t('quote.perPersonDay'),
      qty: t('quote.qtyPeopleDays', { people: q.people, days: q.days }),
      n: q.people * q.days,
    },
    {
      item: t('quote.dailyFee'),
      unit: q.dailyFeePerPersonDayFen,
      per: t('quote.perPersonDay'),
      qty: t('quote.qtyPeopleDays', { people: q.people, days: q.days }),
      n: q.people * q.days,
    },
  ].map((l) => ({ ...l, amount: l.unit * l.n }));
  if (lines.reduce((s, l) => s + l.amount, 0) !== fee.totalFen) throw new AppError('internal', 'fee lines do not add up');

  const address = customer.address ?? ([customer.province, customer.city].filter(Boolean).join('') || '—');
  const signed = q.state === 'signed' && q.signedBy;
  const signedOn = signed && q.signedAt ? new Intl.DateTimeFormat('sv-SE', { timeZone: input.timeZone }).format(q.signedAt) : '';
  const terms = [t('quote.term1'), t('quote.term2'), t('quote.term3')];
  if (q.note) terms.push(t('quote.note', { note: q.note }));
  return {
    locale,
    title: t('quote.title'),
    subtitle: t('quote.subtitle'),
    number: q.number,
    state: t(`quote.state.${q.state}` as const),
    generatedAt: input.generatedAt,
    timeZone: input.timeZone,
    sections: [
      {
        blocks: [
          {
            kind: 'fields',
            rows: [
              { label: t('quote.partyA'), value: customer.name, isStrong: true },
              { label: t('quote.address'), value: address },
              { label: t('quote.partyB'), value: input.vendorName, isStrong: true },
            ],
          },
          { kind: 'paragraph', text: t('quote.preamble') },
        ],
      },
      {
        title: t('quote.arrangement'),
        blocks: [
          {
            kind: 'fields',
            rows: [
              ...(input.ticketNumber ? [{ label: t('quote.ticket'), value: input.ticketNumber }] : []),
              { label: t('quote.people'), value: t('quote.peopleValue', { people: q.people }) },
              { label: t('quote.dates'), value: t('quote.datesValue', { arrival: q.arrivalDate, departure: q.departureDate }) },
              { label: t('quote.days'), value: t('quote.daysValue', { days: q.days }) },
            ],
          },
        ],
      },
      {
        title: t('quote.fees'),
        blocks: [
          {
            kind: 'table',
            columns: [
              { header: t('quote.item'), weight: 34 },
              { header: t('quote.unitPrice'), align: 'right', weight: 22 },
              { header: t('quote.quantity'), align: 'right', weight: 20 },
              { header: t('quote.amount'), align: 'right', weight: 24 },
            ],
            rows: lines.map((l) => [l.item, `${formatCny(l.unit)}${l.per}`, l.qty, money(l.amount)]),
            totals: [
              [{ text: t('quote.total'), span: 3 }, money(q.totalFen)],
              [t('quote.inWords'), { text: cnyCapital(q.totalFen), span: 3 }],
            ],
          },
          {
            kind: 'paragraph',
            isMuted: true,
            text: t('quote.formula', {
              travel: formatCny(q.travelPerPersonFen),
              lodging: formatCny(q.lodgingPerPersonDayFen),
              daily: formatCny(q.dailyFeePerPersonDayFen),
              days: q.days,
              perPerson: formatCny(fee.perPersonFen),
              people: q.people,
              total: formatCny(q.totalFen),
            }),
          },
        ],
      },
      { title: t('quote.terms'), blocks: [{ kind: 'list', items: terms }] },
      {
        blocks: [
          {
            kind: 'signatures',
            parties: [
              {
                title: t('quote.signPartyA'),
                lines: [
                  { label: t('quote.signedBy'), value: signed ? (q.signedBy ?? '') : '' },
                  { label: t('quote.date'), value: signedOn },
                ],
              },
              {
                title: t('quote.signPartyB'),
                lines: [{ label: t('quote.agent') }, { label: t('quote.date') }],
              },
            ],
          },
        ],
      },
    ],
  };
}

/** The download's name: 补充协议-<customer>-<number>.pdf in Chinese, its English counterpart otherwise. */
export function quoteFileName({ locale, customerName, number }: { locale: Locale; customerName: string; number: string }) {
  return translator(documentMessages, locale)('quote.fileName', { customer: customerName, number });
}
