import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
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
      // After a reconnect we may have missed messages: refetch what is on screen.
      if (hasOpened) {
        void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
        void queryClient.invalidateQueries({ queryKey: slaKeys.atRiskAll() });
        void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      }
      hasOpened = true;
    };
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    source.addEventListener('ticket', (event) => {
      const message = parseMessage((event as MessageEvent<string>).data);
      if (!message) return;
      touched.add(message.ticketId);
      if (!pending) pending = setTimeout(flush, 300);
      handler.current?.(message);
    });

    // A notification is addressed to this user only; the bell refetches its list and unread count.
    source.addEventListener('notification', () => {
      void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    });

    return () => {
      if (pending) clearTimeout(pending);
      source.close();
    };
  }, [queryClient]);

  return status;
}
