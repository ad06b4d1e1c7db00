/** The keys of a calendar's week, Monday first (no Zod: the compiled calendar needs them in the browser). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
