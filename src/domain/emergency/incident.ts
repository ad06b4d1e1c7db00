/** A major incident's closed vocabularies (stored as text with CHECK constraints, see db/vocabulary-checks.ts). */

export { REENTRY_STATES } from './continuity.ts';
export { CONTINUITY_STAGES, MEASURE_LEVELS } from './template.ts';

/** open → recovered (the system is back: no further stage fires) → closed (补录 all done or waived). */
export const INCIDENT_STATUSES = ['open', 'recovered', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** The incident's checklists: 2.5 activation steps, the trigger's 2.6 playbook, the 1.4 measures. */
export const INCIDENT_ITEM_KINDS = ['activation', 'playbook', 'measure'] as const;
export type IncidentItemKind = (typeof INCIDENT_ITEM_KINDS)[number];

/** The incident's own timeline. `isInternal` events are not shown to the hospital. */
export const INCIDENT_EVENT_TYPES = [
  'declared',
  'item_done',
  'stage_fired',
  'department_back',
  'recovered',
  'reentry',
  'note',
  'closed',
] as const;
export type IncidentEventType = (typeof INCIDENT_EVENT_TYPES)[number];
