import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GrantState, RemoteAccessMethod } from '../../../domain/remote-access.ts';
import { api } from '../../api/client.ts';

type Person = { id: string; name: string };

/** A grant as the API lists it: never the secret. */
export type RemoteAccessGrant = {
  id: string;
  ticketId: string;
  method: RemoteAccessMethod;
  target: string | null;
  grantedByName: string;
  grantedBy: Person | null;
  recordedBy: Person;
  validFrom: string;
  validUntil: string;
  state: GrantState;
  hasSecret: boolean;
  secretErasedAt: string | null;
  revokedAt: string | null;
  canReveal: boolean;
  createdAt: string;
};

export type RemoteSession = { id: string; grantId: string; engineer: Person; startedAt: string; endedAt: string | null; summary: string };

export type GrantInput = {
  method: RemoteAccessMethod;
  target?: string;
  grantedByName?: string;
  validFrom: string;
  validUntil: string;
  secret: string;
};

export const remoteAccessKeys = {
  all: ['remote-access'] as const,
  ofTicket: (ticketId: string) => [...remoteAccessKeys.all, 'ticket', ticketId] as const,
  sessions: (grantId: string) => [...remoteAccessKeys.all, 'sessions', grantId] as const,
};

export function useGrants(ticketId: string) {
  return useQuery({
    queryKey: remoteAccessKeys.ofTicket(ticketId),
    queryFn: ({ signal }) => api.get<{ items: RemoteAccessGrant[] }>(`/tickets/${ticketId}/remote-access`, undefined, signal),
  });
}

/** After a grant changes: its list, and the request (its timeline shows grants). */
function useRefresh(ticketId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: remoteAccessKeys.ofTicket(ticketId) });
    void queryClient.invalidateQueries({ queryKey: ['tickets', 'detail', ticketId] });
  };
}

export function useGrantRemoteAccess(ticketId: string) {
  const refresh = useRefresh(ticketId);
  return useMutation({
    mutationFn: (input: GrantInput) => api.post<RemoteAccessGrant>(`/tickets/${ticketId}/remote-access`, input),
    onSuccess: refresh,
  });
}

export function useRevokeGrant(ticketId: string) {
  const refresh = useRefresh(ticketId);
  return useMutation({
    mutationFn: (grantId: string) => api.post<RemoteAccessGrant>(`/remote-access/${grantId}/revoke`),
    onSuccess: refresh,
  });
}

/** The plain secret: fetched on demand, never cached by the query client. */
export function useRevealSecret() {
  return useMutation({
    mutationFn: (grantId: string) => api.get<{ secret: string }>(`/remote-access/${grantId}/secret`),
  });
}

export function useSessions(grantId: string, enabled: boolean) {
  return useQuery({
    queryKey: remoteAccessKeys.sessions(grantId),
    queryFn: ({ signal }) => api.get<{ items: RemoteSession[] }>(`/remote-access/${grantId}/sessions`, undefined, signal),
    enabled,
  });
}

export function useLogSession(grantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { startedAt: string; endedAt?: string; summary: string }) =>
      api.post<RemoteSession>(`/remote-access/${grantId}/sessions`, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: remoteAccessKeys.sessions(grantId) }),
  });
}
