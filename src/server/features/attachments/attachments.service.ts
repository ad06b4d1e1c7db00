import path from 'node:path';
import type { Readable } from 'node:stream';
import { cleanFileName } from '../../../domain/files/file-name.ts';
import { timeline } from '../../../domain/timeline.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Actor, authorize, can } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { findTicketRow, insertEvent, updateTicketRow } from '../tickets/tickets.repo.ts';
import { findAttachment, insertAttachment } from './attachments.repo.ts';
import { openStoredFile, removeStoredFile, storeUpload } from './file-store.ts';

export function attachmentsRoot(deps: Deps): string {
  return path.join(deps.config.dataDir, 'attachments');
}

export async function uploadAttachment({
  deps,
  actor,
  ticketId,
  fileName,
  stream,
  isTruncated,
  isInternal,
}: {
  deps: Deps;
  actor: Actor;
  ticketId: string;
  fileName: string;
  stream: Readable;
  isTruncated: () => boolean;
  isInternal: boolean;
}) {
  const ticket = await findTicketRow(deps.db, ticketId);
  if (!ticket) throw notFound('request');
  authorize(actor, 'ticket.read', { customerId: ticket.customerId }, 'request');
  authorize(actor, 'ticket.attach', { customerId: ticket.customerId });
  if (isInternal && !can(actor, 'ticket.note')) throw new AppError('forbidden', 'only staff attach internal files');
  const cleaned = cleanFileName(fileName);
  if (!cleaned.ok) throw new AppError('validation_failed', 'the file name is not valid UTF-8', { file: 'invalid file name' });
  const cleanName = cleaned.name;
  const root = attachmentsRoot(deps);
  const stored = await storeUpload({ root, stream, isTruncated });
  const now = deps.clock();
  try {
    const row = await deps.db.transaction(async (tx) => {
      const attachment = await insertAttachment(tx, {
        ticketId,
        fileName: cleanName,
        ...stored,
        isInternal,
        uploadedById: actor.id,
        createdAt: now,
      });
      await insertEvent(tx, {
        ticketId,
        actorId: actor.id,
        createdAt: now,
        ...timeline.attachmentAdded({ attachmentId: attachment.id, fileName: cleanName, sizeBytes: stored.sizeBytes }, { isInternal }),
      });
      const after = await updateTicketRow(tx, ticketId, { updatedAt: now });
      await insertAudit(tx, {
        actorId: actor.id,
        action: 'attachment.create',
        entityType: 'attachment',
        entityId: attachment.id,
        after: attachment,
        at: now,
      });
      return { attachment, ticket: after };
    });
    deps.live.publish({
      type: 'ticket.updated',
      ticketId,
      number: row.ticket.number,
      customerId: row.ticket.customerId,
      actorId: actor.id,
    });
    const a = row.attachment;
    return { ...a, uploadedBy: { id: actor.id, name: actor.name } };
  } catch (error) {
    await removeStoredFile(root, stored.storageKey);
    throw error;
  }
}

export async function openAttachment({ deps, actor, attachmentId }: { deps: Deps; actor: Actor; attachmentId: string }) {
  const attachment = await findAttachment(deps.db, attachmentId);
  if (!attachment) throw notFound('attachment');
  const ticket = await findTicketRow(deps.db, attachment.ticketId);
  if (!ticket) throw notFound('attachment');
  authorize(actor, 'ticket.read', { customerId: ticket.customerId }, 'attachment');
  if (attachment.isInternal && !can(actor, 'ticket.read_internal')) throw notFound('attachment');
  return { attachment, stream: openStoredFile(attachmentsRoot(deps), attachment.storageKey) };
}
