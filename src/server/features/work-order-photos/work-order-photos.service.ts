import type { Readable } from 'node:stream';
import { acceptsFiles, PHOTO_CONTENT_TYPES, PHOTO_MAX_BYTES, SIGNED_FORM_CONTENT_TYPES } from '../../../domain/field/work-orders.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Actor, authorize, can } from '../../policy.ts';
import { attachmentsRoot } from '../attachments/attachments.service.ts';
import { openStoredFile, removeStoredFile, storeUpload } from '../attachments/file-store.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import {
  countPhotos,
  deletePhotoRow,
  findOrderForFiles,
  findPhoto,
  findPhotoByClientId,
  insertPhoto,
  listPhotos,
  lockOrderStatus,
  selectOrderEngineerIds,
} from './work-order-photos.repo.ts';
import { UploadFields } from './work-order-photos.schema.ts';

// Photos from the engineer's camera and scanned signed forms of a work order. One upload home: the
// bytes go to the attachment store (streamed, hashed, sniffed: only images, a form also as PDF), the
// row to work_order_photos. The phone names each upload with its own id (`clientId`): an offline
// replay of the same id is answered with the first row, never stored twice.

/** The largest upload: the configured limit, and never more than a photo's ceiling. */
export function photoMaxBytes(deps: Deps): number {
  return Math.min(deps.config.maxUploadBytes, PHOTO_MAX_BYTES);
}

type Order = NonNullable<Awaited<ReturnType<typeof findOrderForFiles>>>;

/** The order, readable by the actor (another organisation's user: 404). */
async function readableOrder(deps: Deps, actor: Actor, workOrderId: string): Promise<Order> {
  const order = await findOrderForFiles(deps.db, workOrderId);
  if (!order) throw notFound('work order');
  authorize(actor, 'work_order.read', { customerId: order.customerId }, 'work order');
  return order;
}

/** Staff on the order (or who may act for others) add and remove files. */
async function checkWorker(deps: Deps, actor: Actor, order: Order) {
  authorize(actor, 'work_order.work', { customerId: order.customerId }, 'work order');
  const engineerIds = await selectOrderEngineerIds(deps.db, order.id);
  if (!engineerIds.includes(actor.id) && !can(actor, 'work_order.act_for_others')) {
    throw new AppError('forbidden', 'only the engineers on this work order may act on it');
  }
}

/** Hospital users see a visit's photos once it is signed off; staff always. */
function mayReadFiles(actor: Actor, order: Order): boolean {
  return order.status === 'signed_off' || can(actor, 'work_order.read_unsigned_files');
}

export async function uploadPhoto({
  deps,
  actor,
  workOrderId,
  fields,
  fileName,
  stream,
  isTruncated,
}: {
  deps: Deps;
  actor: Actor;
  workOrderId: string;
  fields: Record<string, string>;
  fileName: string;
  stream: Readable;
  isTruncated: () => boolean;
}) {
  let stored: Awaited<ReturnType<typeof storeUpload>> | undefined;
  const root = attachmentsRoot(deps);
  try {
    const parsed = UploadFields.safeParse(fields);
    if (!parsed.success) {
      const details = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'fields', i.message]));
      throw new AppError('validation_failed', 'send clientId (a UUID) and kind before the file', details);
    }
    const { clientId, kind } = parsed.data;
    const order = await readableOrder(deps, actor, workOrderId);
    await checkWorker(deps, actor, order);
    const earlier = await findPhotoByClientId(deps.db, clientId);
    if (earlier) {
      if (earlier.workOrderId !== workOrderId || earlier.kind !== kind) {
        throw new AppError('conflict', 'this clientId was used for another upload', { clientId: 'used' });
      }
      stream.resume();
      return { photo: earlier, isReplay: true };
    }
    if (!acceptsFiles(order.status)) {
      throw new AppError('invalid_transition', `a ${order.status} work order takes no more files`, { status: order.status });
    }
    stored = await storeUpload({
      root,
      stream,
      isTruncated,
      allowed: kind === 'signed_form' ? SIGNED_FORM_CONTENT_TYPES : PHOTO_CONTENT_TYPES,
    });
    const file = stored;
    const now = deps.clock();
    const row = await deps.db.transaction(async (tx) => {
      const status = await lockOrderStatus(tx, workOrderId);
      if (!status) throw notFound('work order');
      if (!acceptsFiles(status)) throw new AppError('invalid_transition', `a ${status} work order takes no more files`, { status });
      const photo = await insertPhoto(tx, {
        workOrderId,
        clientId,
        kind,
        fileName,
        contentType: file.contentType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        storageKey: file.storageKey,
        uploadedById: actor.id,
        createdAt: now,
      });
      if (photo) {
        await insertAudit(tx, {
          actorId: actor.id,
          action: 'work_order.photo_add',
          entityType: 'work_order',
          entityId: workOrderId,
          after: { photoId: photo.id, kind, fileName, sizeBytes: file.sizeBytes, sha256: file.sha256 },
          at: now,
        });
      }
      return photo;
    });
    if (!row) {
      // The same upload arrived twice at once: the other one won; this copy of the bytes goes.
      await removeStoredFile(root, file.storageKey);
      const first = await findPhotoByClientId(deps.db, clientId);
      if (!first) throw notFound('photo');
      return { photo: first, isReplay: true };
    }
    publishOrder(deps, actor, order);
    return { photo: row, isReplay: false };
  } catch (error) {
    stream.resume();
    if (stored) await removeStoredFile(root, stored.storageKey);
    throw error;
  }
}

function publishOrder(deps: Deps, actor: Actor, order: Order) {
  deps.live.publish({
    type: 'ticket.updated',
    ticketId: order.ticketId,
    number: order.ticketNumber,
    customerId: order.customerId,
    actorId: actor.id,
  });
}

export async function listOrderPhotos({ deps, actor, workOrderId }: { deps: Deps; actor: Actor; workOrderId: string }) {
  const order = await readableOrder(deps, actor, workOrderId);
  if (!mayReadFiles(actor, order)) return { items: [] };
  return { items: await listPhotos(deps.db, workOrderId) };
}

export async function openPhoto({ deps, actor, workOrderId, photoId }: { deps: Deps; actor: Actor; workOrderId: string; photoId: string }) {
  const order = await readableOrder(deps, actor, workOrderId);
  if (!mayReadFiles(actor, order)) throw notFound('photo');
  const photo = await findPhoto(deps.db, workOrderId, photoId);
  if (!photo) throw notFound('photo');
  return { photo, stream: openStoredFile(attachmentsRoot(deps), photo.storageKey) };
}

/** Staff remove a photo until the customer signs off (a wrong shot, a patient's face). */
export async function deletePhoto({
  deps,
  actor,
  workOrderId,
  photoId,
}: {
  deps: Deps;
  actor: Actor;
  workOrderId: string;
  photoId: string;
}) {
  const order = await readableOrder(deps, actor, workOrderId);
  await checkWorker(deps, actor, order);
  const now = deps.clock();
  const removed = await deps.db.transaction(async (tx) => {
    const status = await lockOrderStatus(tx, workOrderId);
    if (!status) throw notFound('work order');
    const photo = await findPhoto(tx, workOrderId, photoId);
    if (!photo) throw notFound('photo');
    if (!acceptsFiles(status)) throw new AppError('invalid_transition', `the photos of a ${status} work order are kept`, { status });
    await deletePhotoRow(tx, photo.id);
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'work_order.photo_delete',
      entityType: 'work_order',
      entityId: workOrderId,
      before: { photoId: photo.id, kind: photo.kind, fileName: photo.fileName, sha256: photo.sha256 },
      at: now,
    });
    return photo;
  });
  await removeStoredFile(attachmentsRoot(deps), removed.storageKey);
  publishOrder(deps, actor, order);
}

// ---------- for the work order's sign-off and report (features/work-orders) ----------

/** The scanned signed form uploaded under `clientId` to this order, or undefined (unknown, a photo, another order's). */
export async function signedFormOf({ tx, workOrderId, clientId }: { tx: Tx; workOrderId: string; clientId: string }) {
  const form = await findPhotoByClientId(tx, clientId);
  return form && form.workOrderId === workOrderId && form.kind === 'signed_form' ? form : undefined;
}

/** How many photos the order has (the service report lists the number). */
export function photoCount({ tx, workOrderId }: { tx: Tx; workOrderId: string }) {
  return countPhotos(tx, workOrderId, 'photo');
}
