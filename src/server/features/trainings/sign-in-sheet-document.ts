import type { TrainingKind } from '../../../domain/service-quality/vocabulary.ts';
import type { DocumentBlock, DocumentModel, SignatureParty } from '../../documents/index.ts';
import { type Locale, translator } from '../../messages/catalogue.ts';
import { documentMessages } from '../../messages/documents.ts';

// The training sign-in sheet (培训签到表) as one document model: the session, the trainees and every
// drawn signature (the lecturer's first), or a note that the scanned paper sheet is the record.

export type SignInSheetInput = {
  customerName: string;
  kind: TrainingKind;
  title: string;
  sessionDate: string;
  lecturerName: string;
  lecturerSignature: Uint8Array | null;
  isScanned: boolean;
  attendees: { name: string; signature: Uint8Array | null; isOverQuota: boolean }[];
  locale: Locale;
  timeZone: string;
  generatedAt: Date;
};

export function signInSheetDocument(input: SignInSheetInput): DocumentModel {
  const t = translator(documentMessages, input.locale);
  const parties: SignatureParty[] = [
    {
      title: t('training.lecturerSign'),
      lines: [{ label: t('training.name'), value: input.lecturerName }],
      image: input.lecturerSignature ?? undefined,
    },
    ...input.attendees.map((a) => ({
      title: t('training.traineeSign'),
      lines: [{ label: t('training.name'), value: a.name }],
      image: a.signature ?? undefined,
    })),
  ];
  const signatureBlocks: DocumentBlock[] = [];
  // Three to a row: a long sheet breaks over pages like the paper one.
  for (let i = 0; i < parties.length; i += 3) signatureBlocks.push({ kind: 'signatures', parties: parties.slice(i, i + 3) });
  return {
    locale: input.locale,
    title: t('training.title'),
    subtitle: input.title,
    generatedAt: input.generatedAt,
    timeZone: input.timeZone,
    sections: [
      {
        blocks: [
          {
            kind: 'fields',
            rows: [
              { label: t('training.customer'), value: input.customerName, isStrong: true },
              { label: t('training.kind'), value: t(`training.kind.${input.kind}`) },
              { label: t('training.topic'), value: input.title },
              { label: t('training.date'), value: input.sessionDate },
              { label: t('training.lecturer'), value: input.lecturerName },
            ],
          },
        ],
      },
      {
        title: t('training.trainees'),
        blocks: [
          {
            kind: 'table',
            columns: [
              { header: t('training.no'), weight: 0.5 },
              { header: t('training.name'), weight: 2 },
              { header: t('training.signed'), weight: 2 },
            ],
            rows: input.attendees.map((a, i) => [
              String(i + 1),
              a.name,
              [
                input.isScanned || a.signature ? t('training.yes') : t('training.no_signature'),
                a.isOverQuota ? t('training.overQuota') : '',
              ]
                .filter(Boolean)
                .join(' · '),
            ]),
          },
          ...(input.isScanned ? [{ kind: 'paragraph' as const, text: t('training.scanned') }] : signatureBlocks),
        ],
      },
    ],
  };
}
