import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EscalationPath, RmaOutcome, RosterRung } from '../../../domain/cannot-solve.ts';
import { api } from '../../api/client.ts';

type Person = { id: string; name: string };

export type Escalation = {
  id: string;
  ticketId: string;
  path: EscalationPath;
  rung: RosterRung;
  reason: string;
  assignee: Person | null;
  reproduction: { environment: string; steps: string; reproduced: boolean; recordedBy: Person; recordedAt: string } | null;
  createdBy: Person;
  createdAt: string;
};

export type RosterEntry = { id: string; rung: RosterRung; product: string | null; module: string | null; user: Person; createdAt: string };

export type RmaRecord = {
  id: string;
  ticketId: string;
  manufacturer: string;
  caseNumber: string | null;
  sentAt: string;
  returnedAt: string | null;
  outcome: RmaOutcome | null;
  customerToldAt: string | null;
  newDeadline: string | null;
  note: string | null;
};

export type RmaInput = Partial<Omit<RmaRecord, 'id' | 'ticketId'>>;

export const escalationKeys = {
  all: ['escalations'] as const,
  ofTicket: (ticketId: string) => [...escalationKeys.all, 'ticket', ticketId] as const,
  rma: (ticketId: string) => [...escalationKeys.all, 'rma', ticketId] as const,
  roster: () => [...escalationKeys.all, 'roster'] as const,
};

function useRefresh(ticketId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: escalationKeys.ofTicket(ticketId) });
    void queryClient.invalidateQueries({ queryKey: escalationKeys.rma(ticketId) });
    void queryClient.invalidateQueries({ queryKey: ['tickets'] });
  };
}

export function useEscalations(ticketId: string, enabled = true) {
  return useQuery({
    queryKey: escalationKeys.ofTicket(ticketId),
    queryFn: ({ signal }) => api.get<{ items: Escalation[] }>(`/tickets/${ticketId}/escalations`, undefined, signal),
    enabled,
  });
}

export function useEscalate(ticketId: string) {
  const refresh = useRefresh(ticketId);
  return useMutation({
    mutationFn: (input: { path: EscalationPath; reason: string }) => api.post<Escalation>(`/tickets/${ticketId}/escalations`, input),
    onSuccess: refresh,
  });
}

export function useRecordReproduction(ticketId: string) {
  const refresh = useRefresh(ticketId);
  return useMutation({
    mutationFn: ({ escalationId, ...input }: { escalationId: string; environment: string; steps: string; reproduced: boolean }) =>
      api.post<Escalation>(`/escalations/${escalationId}/reproduction`, input),
    onSuccess: refresh,
  });
}

export function useReportDefect(ticketId: string) {
  const refresh = useRefresh(ticketId);
  return useMutation({
    mutationFn: (input: { summary: string; escalationId?: string; reproduction?: string }) =>
      api.post(`/tickets/${ticketId}/defect-reports`, input),
    onSuccess: refresh,
  });
}

export function useRmas(ticketId: string, enabled = true) {
  return useQuery({
    queryKey: escalationKeys.rma(ticketId),
    queryFn: ({ signal }) => api.get<{ items: RmaRecord[] }>(`/tickets/${ticketId}/rma`, undefined, signal),
    enabled,
  });
}

export function useSaveRma(ticketId: string) {
  const refresh = useRefresh(ticketId);
  return useMutation({
    mutationFn: ({ id, ...input }: RmaInput & { id?: string }) =>
      id ? api.patch<RmaRecord>(`/rma/${id}`, input) : api.post<RmaRecord>(`/tickets/${ticketId}/rma`, input),
    onSuccess: refresh,
  });
}

export function useRoster() {
  return useQuery({
    queryKey: escalationKeys.roster(),
    queryFn: ({ signal }) => api.get<{ items: RosterEntry[] }>('/escalation-roster', undefined, signal),
  });
}

export function useAddRosterEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { rung: RosterRung; product?: string; module?: string; userId: string }) =>
      api.post<RosterEntry>('/escalation-roster', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: escalationKeys.roster() }),
  });
}

export function useRemoveRosterEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/escalation-roster/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: escalationKeys.roster() }),
  });
}
