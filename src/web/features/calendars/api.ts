import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CalendarInput } from '../../../domain/calendar/index.ts';
import type { CreateCalendarBody, ImportIcsBody, UpdateCalendarBody } from '../../../server/features/calendars/calendars.schema.ts';
import { api } from '../../api/client.ts';
import type { CalendarRecord } from '../../api/types.ts';

export const calendarKeys = {
  all: ['calendars'] as const,
  list: () => [...calendarKeys.all, 'list'] as const,
  previews: () => [...calendarKeys.all, 'preview'] as const,
  preview: (definition: string, start: string, minutes: number) => [...calendarKeys.previews(), definition, start, minutes] as const,
};

/** Every calendar (staff may read them); cached for a while, they change rarely. */
export const calendarsQuery = queryOptions({
  queryKey: calendarKeys.list(),
  queryFn: ({ signal }) => api.get<{ items: CalendarRecord[] }>('/calendars', undefined, signal),
  staleTime: 5 * 60_000,
});

export function useCalendars(enabled = true) {
  return useQuery({ ...calendarsQuery, select: (data) => data.items, enabled });
}

export type CreateCalendarInput = z.input<typeof CreateCalendarBody>;
export type UpdateCalendarInput = z.input<typeof UpdateCalendarBody>;

export function useCreateCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCalendarInput) => api.post<CalendarRecord>('/calendars', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarKeys.list() }),
  });
}

export function useUpdateCalendar(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateCalendarInput) => api.patch<CalendarRecord>(`/calendars/${id}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarKeys.list() }),
  });
}

export type ImportIcsInput = z.input<typeof ImportIcsBody>;
export type ImportIcsResult = { calendar: CalendarRecord; imported: { holidays: number; workdays: number } };

export function useImportIcs(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ImportIcsInput) => api.post<ImportIcsResult>(`/calendars/${id}/import-ics`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarKeys.list() }),
  });
}

/** What-if: when `minutes` of business time from `start` run out on a draft calendar (sent inline). */
export function useCalendarPreview(calendar: CalendarInput | null, start: string | null, minutes: number | null) {
  const definition = calendar ? JSON.stringify(calendar) : '';
  return useQuery({
    queryKey: calendarKeys.preview(definition, start ?? '', minutes ?? -1),
    queryFn: () => api.post<{ due: string }>('/calendars/preview', { calendar, start, minutes }),
    enabled: Boolean(calendar && start && minutes !== null && minutes >= 0),
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
