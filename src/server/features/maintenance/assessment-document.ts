import {
  ASSESSMENT_RATING_LABELS,
  ASSESSMENT_SECTION_TITLES,
  type AssessmentSectionEntry,
  inTemplateOrder,
} from '../../../domain/maintenance/assessment.ts';
import type { DocumentModel, DocumentSection } from '../../documents/index.ts';
import { assessmentMessages } from '../../messages/assessment.ts';
import { type Locale, translator } from '../../messages/catalogue.ts';

// The system operation assessment (系统运行评估报告, 000 G) as a document model: the overview, each of the
// template's six sections with its verdict, findings and recommendations, the conclusion, and signature lines.
// Pure: texts from messages/assessment.ts and the template's titles; rendered by documents/.

export type AssessmentForDocument = {
  number: string;
  customerName: string;
  period: number;
  assessedOn: string;
  assessorName: string;
  roundWindow: string | null;
  sections: AssessmentSectionEntry[];
  summary: string;
};

export function assessmentReport({
  assessment: a,
  locale,
  timeZone,
  generatedAt,
}: {
  assessment: AssessmentForDocument;
  locale: Locale;
  timeZone: string;
  generatedAt: Date;
}): DocumentModel {
  const t = translator(assessmentMessages, locale);
  const lang = locale === 'en' ? 'en' : 'zh';
  const sections: DocumentSection[] = [
    {
      title: t('overview'),
      blocks: [
        {
          kind: 'fields',
          rows: [
            { label: t('customer'), value: a.customerName, isStrong: true },
            { label: t('period'), value: String(a.period) },
            { label: t('assessedOn'), value: a.assessedOn },
            { label: t('assessor'), value: a.assessorName },
            ...(a.roundWindow ? [{ label: t('round'), value: a.roundWindow }] : []),
          ],
        },
        { kind: 'paragraph', text: t('intro'), isMuted: true },
      ],
    },
    {
      title: t('sections'),
      blocks: inTemplateOrder(a.sections).flatMap((s, i) => [
        { kind: 'paragraph' as const, text: `${i + 1}. ${ASSESSMENT_SECTION_TITLES[s.key][lang]}` },
        {
          kind: 'fields' as const,
          rows: [
            { label: t('rating'), value: ASSESSMENT_RATING_LABELS[s.rating][lang], isStrong: s.rating === 'needs_attention' },
            { label: t('findings'), value: s.findings },
            { label: t('recommendations'), value: s.recommendations ?? t('none') },
          ],
        },
      ]),
    },
    { title: t('summary'), blocks: [{ kind: 'paragraph', text: a.summary }] },
    {
      title: t('signatures'),
      blocks: [
        {
          kind: 'signatures',
          parties: [
            {
              title: t('vendor'),
              lines: [
                { label: t('signer'), value: a.assessorName },
                { label: t('date'), value: a.assessedOn },
              ],
            },
            { title: t('hospital'), lines: [{ label: t('signer') }, { label: t('date') }] },
          ],
        },
      ],
    },
  ];
  return {
    locale,
    title: t('title'),
    subtitle: t('subtitle', { customer: a.customerName, period: a.period }),
    number: a.number,
    state: t('state'),
    sections,
    generatedAt,
    timeZone,
  };
}
