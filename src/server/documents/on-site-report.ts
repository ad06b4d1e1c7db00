import { formatInstant } from '../lib/format.ts';
import type { DocumentBlock, DocumentSection } from './model.ts';

// The parts every on-site report shares — the service report of a work order (features/work-orders) and the
// maintenance report of a round (features/maintenance): instants and days in the service zone, and the
// customer's sign-off with the signature drawn on the engineer's phone. Each report keeps its own texts.

/** The sign-off's texts, as each report's catalogue words them (keys `report.<name>`). */
export const SIGN_OFF_KEYS = [
  'report.signOff',
  'report.confirmation',
  'report.customerParty',
  'report.engineerParty',
  'report.signer',
  'report.signerTitle',
  'report.signedAt',
  'report.name',
  'report.notSigned',
] as const;
export type SignOffKey = (typeof SIGN_OFF_KEYS)[number];

/** An instant as the report prints it ('—' when missing), and its day (YYYY-MM-DD; '' when missing). */
export function reportTime(timeZone: string) {
  return {
    at: (d: Date | null) => (d ? formatInstant(d, timeZone) : '—'),
    day: (d: Date | null) => (d ? new Intl.DateTimeFormat('sv-SE', { timeZone }).format(d) : ''),
  };
}

/**
 * The customer's sign-off: the confirmation, any report-specific blocks, and both parties — the signer with
 * the drawn signature, the engineers with the check-out day. Not signed yet: a muted line.
 */
export function signOffSection({
  t,
  order: o,
  signature,
  timeZone,
  details = [],
}: {
  t: (key: SignOffKey) => string;
  order: {
    engineers: { name: string }[];
    checkOutAt: Date | null;
    signerName: string | null;
    signerTitle: string | null;
    signedOffAt: Date | null;
  };
  signature: Uint8Array | null;
  timeZone: string;
  /** Blocks between the confirmation and the signatures (e.g. the rating and remark). */
  details?: DocumentBlock[];
}): DocumentSection {
  const { day } = reportTime(timeZone);
  return {
    title: t('report.signOff'),
    blocks: o.signerName
      ? [
          { kind: 'paragraph', text: t('report.confirmation') },
          ...details,
          {
            kind: 'signatures',
            parties: [
              {
                title: t('report.customerParty'),
                lines: [
                  { label: t('report.signer'), value: o.signerName },
                  { label: t('report.signerTitle'), value: o.signerTitle ?? '' },
                  { label: t('report.signedAt'), value: day(o.signedOffAt) },
                ],
                ...(signature ? { image: signature } : {}),
              },
              {
                title: t('report.engineerParty'),
                lines: [
                  { label: t('report.name'), value: o.engineers.map((e) => e.name).join('、') },
                  { label: t('report.signedAt'), value: day(o.checkOutAt) },
                ],
              },
            ],
          },
        ]
      : [{ kind: 'paragraph', text: t('report.notSigned'), isMuted: true }],
  };
}
