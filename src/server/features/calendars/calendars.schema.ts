import { z } from 'zod';
import { CalendarSchema, MAX_BUSINESS_MINUTES } from '../../../domain/calendar/index.ts';

export { CalendarSchema };

const Instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const CalendarResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  definition: z.record(z.string(), z.unknown()),
  isBuiltin: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const CalendarListResponse = z.object({ items: z.array(CalendarResponse) });

export const CreateCalendarBody = z.strictObject({ name: z.string().trim().min(1).max(100), definition: CalendarSchema });
export type CreateCalendarInput = z.infer<typeof CreateCalendarBody>;
export const UpdateCalendarBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  definition: CalendarSchema.optional(),
});
export type UpdateCalendarInput = z.infer<typeof UpdateCalendarBody>;

/** Either a stored calendar or one given inline (the what-if preview of an unsaved edit). */
const CalendarChoice = z.union([z.strictObject({ calendarId: z.uuid() }), z.strictObject({ calendar: CalendarSchema })]);
export type CalendarChoiceInput = z.infer<typeof CalendarChoice>;

export const PreviewBody = z.intersection(
  CalendarChoice,
  z.object({ start: Instant, minutes: z.number().int().min(0).max(MAX_BUSINESS_MINUTES) }),
);
export type PreviewInput = z.infer<typeof PreviewBody>;
export const PreviewResponse = z.object({ due: z.date() });

export const BetweenBody = z.intersection(CalendarChoice, z.object({ from: Instant, to: Instant }));
export type BetweenInput = z.infer<typeof BetweenBody>;
export const BetweenResponse = z.object({ seconds: z.number() });

export const ImportIcsBody = z.strictObject({
  ics: z.string().min(1).max(2_000_000).optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});
export type ImportIcsInput = z.infer<typeof ImportIcsBody>;
