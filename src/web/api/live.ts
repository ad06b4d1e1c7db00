import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { notificationKeys } from '../features/notifications/api.ts';
import { slaKeys } from '../features/sla/api.ts';
import { ticketKeys } from '../features/tickets/api.ts';
import { API_BASE } from './client.ts';

export type LiveStatus = 'connecting' | 'open' | 'closed';

export type LiveTicketMessage = {
  type: 'ticket.created' | 'ticket.updated';
  ticketId: string;
  number: string;
  customerId: string;
};

/** A major incident changed (server `incident.updated`): enough to refetch it. */
export type LiveIncidentMessage = { type: 'incident.updated'; incidentId: string; ticketId: string; customerId: string };

/**
 * The registry features subscribe to: the one stream (opened by the app layout) hands each `incident` message to
 * every listener, and says whether it is connected, so a page can keep a slow fallback poll for when it is not.
 */
const incidentListeners = new Set<(message: LiveIncidentMessage) => void>();
const statusListeners = new Set<() => void>();
let currentStatus: LiveStatus = 'closed';

function setSharedStatus(status: LiveStatus) {
  currentStatus = status;
  for (const listener of statusListeners) listener();
}

/** Calls `listener` for every incident change the stream carries while the component is mounted. */
export function useLiveIncidents(listener: (message: LiveIncidentMessage) => void) {
  const handler = useRef(listener);
  handler.current = listener;
  useEffect(() => {
    const forward = (message: LiveIncidentMessage) => handler.current(message);
    incidentListeners.add(forward);
    return () => {
      incidentListeners.delete(forward);
    };
  }, []);
}

/** Whether the live stream is connected now (false before the layout opened it, or while it reconnects). */
export function useLiveConnected(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      statusListeners.add(onChange);
      return () => {
        statusListeners.delete(onChange);
      };
    },
    () => currentStatus === 'open',
    () => false,
  );
}

function parseMessage(data: string): LiveTicketMessage | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && 'ticketId' in value && 'type' in value) return value as LiveTicketMessage;
  } catch {
    // A malformed message is ignored; the next one or a refetch catches up.
  }
  return null;
}

/**
 * Subscribes to GET /api/v1/live (Server-Sent Events) and invalidates the ticket queries a change touches:
 * lists and counts always, the detail of the changed request if it is cached. EventSource reconnects by itself.
 */
export function useLiveUpdates(onMessage?: (message: LiveTicketMessage) => void): LiveStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handler = useRef(onMessage);
  handler.current = onMessage;

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`${API_BASE}/live`, { withCredentials: true });
    let pending: ReturnType<typeof setTimeout> | null = null;
    const touched = new Set<string>();

    // Bursts (a transition writes several rows) collapse into one refetch.
    const flush = () => {
      pending = null;
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.counts() });
      // Any change to a request may move its SLA clocks (a reply, a pause, an escalation).
      void queryClient.invalidateQueries({ queryKey: slaKeys.atRiskAll() });
      for (const id of touched) void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) });
      touched.clear();
    };

    let hasOpened = false;
    source.onopen = () => {
      setStatus('open');
      setSharedStatus('open');
      // After a reconnect we may have missed messages: refetch what is on screen.
      if (hasOpened) {
        void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
        void queryClient.invalidateQueries({ queryKey: slaKeys.atRiskAll() });
        void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      }
      hasOpened = true;
    };
    source.onerror = () => {
      const next = source.readyState === EventSource.CLOSED ? 'closed' : 'connecting';
      setStatus(next);
      setSharedStatus(next);
    };
    source.addEventListener('ticket', (event) => {
      const message = parseMessage((event as MessageEvent<string>).data);
      if (!message) return;
      touched.add(message.ticketId);
      if (!pending) pending = setTimeout(flush, 300);
      handler.current?.(message);
    });

    // A major incident changed: the features that show incidents refetch them (they subscribe with useLiveIncidents).
    source.addEventListener('incident', (event) => {
      try {
        const message = JSON.parse((event as MessageEvent<string>).data) as LiveIncidentMessage;
        if (typeof message?.incidentId !== 'string') return;
        for (const listener of incidentListeners) listener(message);
      } catch {
        // A malformed message is ignored; the next one or the fallback poll catches up.
      }
    });

    // A notification is addressed to this user only; the bell refetches its list and unread count.
    source.addEventListener('notification', () => {
      void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    });

    return () => {
      if (pending) clearTimeout(pending);
      source.close();
      setSharedStatus('closed');
    };
  }, [queryClient]);

  return status;
}
