import { asc, eq } from 'drizzle-orm';
import type { CalendarInput } from '../../../domain/calendar/index.ts';
import type { Tx } from '../../db/client.ts';
import { calendars } from '../../db/schema.ts';

export async function selectCalendars(tx: Tx) {
  return tx.select().from(calendars).orderBy(asc(calendars.createdAt), asc(calendars.name));
}

export async function findCalendar(tx: Tx, id: string) {
  const [row] = await tx.select().from(calendars).where(eq(calendars.id, id));
  return row;
}

export async function insertCalendar(tx: Tx, values: { name: string; definition: CalendarInput; isBuiltin?: boolean; at: Date }) {
  const [row] = await tx
    .insert(calendars)
    .values({
      name: values.name,
      definition: values.definition,
      isBuiltin: values.isBuiltin ?? false,
      createdAt: values.at,
      updatedAt: values.at,
    })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function updateCalendarRow(tx: Tx, id: string, values: { name?: string; definition?: CalendarInput; at: Date }) {
  const [row] = await tx
    .update(calendars)
    .set({ name: values.name, definition: values.definition, updatedAt: values.at })
    .where(eq(calendars.id, id))
    .returning();
  return row;
}
