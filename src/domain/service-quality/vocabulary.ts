/** Service quality (issue 13 part B): return visits, surveys, user meetings, training. Closed vocabularies. */

/** 回访: a phone return visit by an agent, or an inspection by a senior engineer. */
export const RETURN_VISIT_KINDS = ['phone', 'inspection'] as const;
export type ReturnVisitKind = (typeof RETURN_VISIT_KINDS)[number];

export const RETURN_VISIT_OUTCOMES = ['reached', 'not_reached', 'follow_up'] as const;
export type ReturnVisitOutcome = (typeof RETURN_VISIT_OUTCOMES)[number];

/** How a survey was answered: in the portal (signed in) or by the signed link (no login). */
export const SURVEY_CHANNELS = ['portal', 'link'] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];

export const TRAINING_KINDS = [
  'standard_course',
  'topic_course',
  'implementation',
  'certification',
  'emergency_quarterly',
  'admin_retraining',
] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
