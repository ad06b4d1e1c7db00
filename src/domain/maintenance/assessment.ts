// The system operation assessment (000 G 系统运行评估服务): after the hospital information system has run a
// while, its working state and performance are assessed and the engineers advise on usage patterns, the
// information flow between departments, network security, platform upgrade or migration feasibility and the
// soundness of the configuration. One per customer and period (usually with the yearly round). Pure data.

export const ASSESSMENT_SECTIONS = [
  'performance',
  'usage_patterns',
  'information_flow',
  'network_security',
  'platform_upgrade',
  'configuration',
] as const;
export type AssessmentSection = (typeof ASSESSMENT_SECTIONS)[number];

/** The titles of the template, from 000 G (zh) with an English rendering. */
export const ASSESSMENT_SECTION_TITLES: Record<AssessmentSection, { zh: string; en: string }> = {
  performance: { zh: '系统工作状态与性能评估', en: 'Working state and performance of the system' },
  usage_patterns: { zh: '医院信息系统使用模式分析', en: 'How the hospital information system is used' },
  information_flow: { zh: '部门间信息传递流程分析', en: 'Information flow between departments' },
  network_security: { zh: '网络系统的安全性分析', en: 'Security of the network' },
  platform_upgrade: { zh: '系统平台升级、迁移等可行性分析', en: 'Feasibility of a platform upgrade or migration' },
  configuration: { zh: '系统配置合理性分析', en: 'Soundness of the system configuration' },
};

/** Each section's verdict. */
export const ASSESSMENT_RATINGS = ['good', 'acceptable', 'needs_attention'] as const;
export type AssessmentRating = (typeof ASSESSMENT_RATINGS)[number];

export const ASSESSMENT_RATING_LABELS: Record<AssessmentRating, { zh: string; en: string }> = {
  good: { zh: '良好', en: 'Good' },
  acceptable: { zh: '基本合理', en: 'Acceptable' },
  needs_attention: { zh: '需要改进', en: 'Needs attention' },
};

export interface AssessmentSectionEntry {
  key: AssessmentSection;
  rating: AssessmentRating;
  findings: string;
  recommendations: string | null;
}

/** Problems in a filled template: a section missing or given twice (the order follows the template). */
export function assessmentIssues(sections: readonly { key: AssessmentSection }[]): Record<string, string> {
  const issues: Record<string, string> = {};
  const seen = new Set<string>();
  sections.forEach((s, i) => {
    if (seen.has(s.key)) issues[`sections.${i}.key`] = 'given twice';
    seen.add(s.key);
  });
  for (const key of ASSESSMENT_SECTIONS) if (!seen.has(key)) issues.sections = `missing ${key}`;
  return issues;
}

/** The sections in the template's order. */
export function inTemplateOrder<T extends { key: AssessmentSection }>(sections: readonly T[]): T[] {
  return [...sections].sort((a, b) => ASSESSMENT_SECTIONS.indexOf(a.key) - ASSESSMENT_SECTIONS.indexOf(b.key));
}
