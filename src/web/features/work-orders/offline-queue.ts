import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { ApiError, api, apiUpload, isApiError } from '../../api/client.ts';
import type { WorkOrder, WorkOrderPhoto } from './api.ts';
import { deleteFile, getFile, putFile } from './photo-store.ts';

// The engineer's actions, queued on the phone (localStorage) with a client-generated id and the real
// time they were taken, and sent in order whenever the network is there. A photo or a scanned signed
// form is an action too: its bytes wait in IndexedDB (photo-store.ts) under the action's id, which the
// server keeps as the upload's client id. The server applies each id
// once, so a replay after a lost response is harmless; an action the server refuses (4xx) is taken off
// the queue and shown to the engineer as a conflict.

export type QueuedAction = {
  clientActionId: string;
  workOrderId: string;
  kind: 'check-in' | 'check-out' | 'sign-off' | 'update' | 'photo';
  body: Record<string, unknown>;
  queuedAt: string;
};
export type Conflict = { action: QueuedAction; message: string };

const KEY = 'aftersales.field.queue';
const CONFLICTS_KEY = 'aftersales.field.conflicts';
const listeners = new Set<() => void>();
let snapshot: { queue: QueuedAction[]; conflicts: Conflict[] } = { queue: read(KEY), conflicts: read(CONFLICTS_KEY) };
let flushing: Promise<void> | null = null;

function read<T>(key: string): T[] {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '[]') as T[];
  } catch {
    return [];
  }
}

function write(queue: QueuedAction[], conflicts: Conflict[]) {
  localStorage.setItem(KEY, JSON.stringify(queue));
  localStorage.setItem(CONFLICTS_KEY, JSON.stringify(conflicts));
  snapshot = { queue, conflicts };
  for (const listener of listeners) listener();
}

async function sendFile(action: QueuedAction): Promise<void> {
  const file = await getFile(action.clientActionId);
  // Already sent (the response was lost after the bytes were dropped): nothing left to send.
  if (!file) return;
  const form = new FormData();
  form.append('clientId', action.clientActionId);
  form.append('kind', String(action.body.kind ?? 'photo'));
  form.append('file', file.blob, file.fileName);
  await apiUpload<WorkOrderPhoto>(`/work-orders/${action.workOrderId}/photos`, form);
  await deleteFile(action.clientActionId);
}

async function send(action: QueuedAction): Promise<WorkOrder | null> {
  if (action.kind === 'photo') {
    await sendFile(action);
    return null;
  }
  const body = { ...action.body, clientActionId: action.clientActionId };
  if (action.kind === 'update') return api.patch<WorkOrder>(`/work-orders/${action.workOrderId}`, body);
  return api.post<WorkOrder>(`/work-orders/${action.workOrderId}/${action.kind}`, body);
}

/** Sends what is queued, oldest first; stops at the first network failure (the rest waits for `online`). */
export function flushQueue(onApplied?: (order: WorkOrder | null, action: QueuedAction) => void): Promise<void> {
  if (flushing) return flushing;
  const run = async () => {
    while (snapshot.queue.length > 0) {
      const next = snapshot.queue[0];
      // Actions queued while this one was being sent stay queued (not the list as it was before).
      const without = () => snapshot.queue.filter((a) => a !== next);
      try {
        const order = await send(next);
        write(without(), snapshot.conflicts);
        onApplied?.(order, next);
      } catch (error) {
        if (isApiError(error, 'network_error') || (error instanceof ApiError && error.status >= 500)) return;
        const message = error instanceof Error ? error.message : String(error);
        write(without(), [...snapshot.conflicts, { action: next, message }]);
      }
    }
  };
  // Cleared in a later microtask, so an empty queue (which finishes at once) does not leave it set.
  flushing = run().finally(() => {
    flushing = null;
  });
  return flushing;
}

export function enqueue(action: Omit<QueuedAction, 'clientActionId' | 'queuedAt'>, clientActionId = crypto.randomUUID()): QueuedAction {
  const queued = { ...action, clientActionId, queuedAt: new Date().toISOString() };
  write([...snapshot.queue, queued], snapshot.conflicts);
  return queued;
}

/**
 * Queues a photo (or the scanned signed form): the bytes go to IndexedDB first, then the action joins
 * the queue, so a sign-off queued after it is sent after it. Returns the upload's client id.
 */
export async function enqueueFile({
  workOrderId,
  kind,
  blob,
  fileName,
}: {
  workOrderId: string;
  kind: 'photo' | 'signed_form';
  blob: Blob;
  fileName: string;
}): Promise<string> {
  const clientActionId = crypto.randomUUID();
  await putFile(clientActionId, { blob, fileName });
  enqueue({ workOrderId, kind: 'photo', body: { kind, fileName } }, clientActionId);
  return clientActionId;
}

export function dismissConflicts() {
  for (const c of snapshot.conflicts) if (c.action.kind === 'photo') void deleteFile(c.action.clientActionId).catch(() => undefined);
  write(snapshot.queue, []);
}

/**
 * Puts a refused action back at the end of the queue (the engineer fixed what the server objected to,
 * e.g. signed in again or the order was re-planned). The server never applied it, so its id is reused.
 */
export function retryConflict(clientActionId: string) {
  const conflict = snapshot.conflicts.find((c) => c.action.clientActionId === clientActionId);
  if (!conflict) return;
  write(
    [...snapshot.queue, conflict.action],
    snapshot.conflicts.filter((c) => c !== conflict),
  );
}

/** Drops one refused action for good (it stays undone on the server). */
export function discardConflict(clientActionId: string) {
  void deleteFile(clientActionId).catch(() => undefined);
  write(
    snapshot.queue,
    snapshot.conflicts.filter((c) => c.action.clientActionId !== clientActionId),
  );
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The queue as React state; replays it when the browser comes back online. */
export function useFieldQueue(onApplied: (order: WorkOrder | null, action: QueuedAction) => void) {
  const state = useSyncExternalStore(subscribe, () => snapshot);
  const flush = useCallback(() => flushQueue(onApplied), [onApplied]);
  useEffect(() => {
    const online = () => void flush();
    window.addEventListener('online', online);
    if (navigator.onLine) void flush();
    // A flaky signal fails a send without an `offline` event: try again now and then while anything waits.
    const retry = window.setInterval(() => {
      if (navigator.onLine && snapshot.queue.length > 0) void flush();
    }, 15_000);
    return () => {
      window.removeEventListener('online', online);
      window.clearInterval(retry);
    };
  }, [flush]);
  return { pending: state.queue, conflicts: state.conflicts, flush };
}
