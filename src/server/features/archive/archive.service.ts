import path from 'node:path';
import { Readable } from 'node:stream';
import { type AuditAction, audit } from '../../../domain/audit.ts';
import { addDays } from '../../../domain/contracts/local-date.ts';
import { type DocumentKind, HANDOVER_ITEMS, type HandoverItem, URGE_DEADLINE_DAYS } from '../../../domain/contracts/vocabulary.ts';
import { cleanFileName } from '../../../domain/files/file-name.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Actor, authorize, can, isQuoteVisibleTo, withoutStaffNotes } from '../../policy.ts';
import { openStoredFile, removeStoredFile, storeUpload } from '../attachments/file-store.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { lockCustomer } from '../contracts/contracts.repo.ts';
import { findCustomer } from '../customers/customers.repo.ts';
import {
  deleteConfigItemRow,
  deleteModuleRow,
  findConfigItem,
  findDocument,
  findModule,
  findProject,
  insertConfigItem,
  insertDocument,
  insertModules,
  selectConfigItems,
  selectDocuments,
  selectHandover,
  selectModules,
  selectTimelineSources,
  updateConfigItemRow,
  updateModuleRow,
  updateProfileRow,
  upsertHandover,
  upsertProject,
} from './archive.repo.ts';
import type { ConfigItemInput, HandoverInput, ModuleInput, ProfileInput, ProjectInput, UpdateModuleInput } from './archive.schema.ts';

type Ctx = { deps: Deps; actor: Actor };

async function readable(deps: Deps, actor: Actor, customerId: string) {
  authorize(actor, 'archive.read', { customerId }, 'customer');
  const customer = await findCustomer(deps.db, customerId);
  if (!customer) throw notFound('customer');
  return customer;
}

/** Runs an archive write for one customer in a transaction, with its audit entry. */
async function write<T>(
  { deps, actor }: Ctx,
  customerId: string,
  action: AuditAction,
  work: (tx: Tx, now: Date) => Promise<{ entityId: string; before?: unknown; after: T }>,
): Promise<T> {
  authorize(actor, 'archive.manage');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    if (!(await lockCustomer(tx, customerId))) throw notFound('customer');
    const r = await work(tx, now);
    await insertAudit(tx, {
      actorId: actor.id,
      ...audit(action),
      entityId: r.entityId,
      before: r.before,
      after: r.after,
      at: now,
    });
    return r.after;
  });
}

// ---------- profile ----------
function shapeProfile(actor: Actor, c: NonNullable<Awaited<ReturnType<typeof findCustomer>>>) {
  const base = { ...c };
  if (!can(actor, 'archive.read_internal')) return { ...base, economicNotes: undefined, finances: undefined };
  return base;
}

export async function getProfile({ deps, actor, customerId }: Ctx & { customerId: string }) {
  return shapeProfile(actor, await readable(deps, actor, customerId));
}

export async function updateProfile(ctx: Ctx & { customerId: string; input: ProfileInput }) {
  const row = await write(ctx, ctx.customerId, 'customer.update_profile', async (tx, now) => {
    const before = await findCustomer(tx, ctx.customerId);
    const after = await updateProfileRow(tx, ctx.customerId, { ...ctx.input, updatedAt: now });
    return { entityId: ctx.customerId, before, after };
  });
  return shapeProfile(ctx.actor, row);
}

// ---------- modules ----------
export async function listModules({ deps, actor, customerId }: Ctx & { customerId: string }) {
  await readable(deps, actor, customerId);
  return { items: (await selectModules(deps.db, customerId)).map((row) => withoutStaffNotes(actor, row)) };
}

export async function addModule(ctx: Ctx & { customerId: string; input: ModuleInput }) {
  return write(ctx, ctx.customerId, 'module.create', async (tx, now) => {
    const [row] = await insertModules(tx, [{ ...ctx.input, customerId: ctx.customerId, createdAt: now, updatedAt: now }]);
    if (!row) throw new AppError('conflict', `${ctx.input.system} / ${ctx.input.module} is already on file`, { module: 'taken' });
    return { entityId: row.id, after: row };
  });
}

export async function updateModule(ctx: Ctx & { moduleId: string; input: UpdateModuleInput }) {
  const found = await findModule(ctx.deps.db, ctx.moduleId);
  if (!found) throw notFound('module');
  return write(ctx, found.customerId, 'module.update', async (tx, now) => {
    const before = await findModule(tx, ctx.moduleId);
    if (!before) throw notFound('module');
    const next = { ...before, ...ctx.input };
    if (ctx.input.acceptanceState && ctx.input.acceptanceState !== 'accepted' && ctx.input.acceptanceDate === undefined)
      next.acceptanceDate = null;
    if ((next.acceptanceState === 'accepted') !== (next.acceptanceDate !== null)) {
      throw new AppError('validation_failed', 'an accepted module has an acceptance date, and only then', { acceptanceDate: 'mismatch' });
    }
    if (next.acceptanceDate && next.goLiveDate && next.acceptanceDate < next.goLiveDate) {
      throw new AppError('validation_failed', 'acceptance before go-live', { acceptanceDate: 'before goLiveDate' });
    }
    const after = await updateModuleRow(tx, ctx.moduleId, { ...ctx.input, acceptanceDate: next.acceptanceDate, updatedAt: now });
    return { entityId: ctx.moduleId, before, after };
  });
}

export async function removeModule(ctx: Ctx & { moduleId: string }) {
  const found = await findModule(ctx.deps.db, ctx.moduleId);
  if (!found) throw notFound('module');
  await write(ctx, found.customerId, 'module.delete', async (tx) => {
    await deleteModuleRow(tx, ctx.moduleId);
    return { entityId: ctx.moduleId, before: found, after: null };
  });
}

// ---------- configuration items ----------
export async function listConfigItems({ deps, actor, customerId }: Ctx & { customerId: string }) {
  await readable(deps, actor, customerId);
  return { items: (await selectConfigItems(deps.db, customerId)).map((row) => withoutStaffNotes(actor, row)) };
}

export async function addConfigItem(ctx: Ctx & { customerId: string; input: ConfigItemInput }) {
  return write(ctx, ctx.customerId, 'configuration_item.create', async (tx, now) => {
    const row = await insertConfigItem(tx, { ...ctx.input, customerId: ctx.customerId, createdAt: now, updatedAt: now });
    return { entityId: row.id, after: row };
  });
}

export async function updateConfigItem(ctx: Ctx & { itemId: string; input: Partial<ConfigItemInput> }) {
  const found = await findConfigItem(ctx.deps.db, ctx.itemId);
  if (!found) throw notFound('configuration item');
  return write(ctx, found.customerId, 'configuration_item.update', async (tx, now) => {
    const after = await updateConfigItemRow(tx, ctx.itemId, { ...ctx.input, updatedAt: now });
    return { entityId: ctx.itemId, before: found, after };
  });
}

export async function removeConfigItem(ctx: Ctx & { itemId: string }) {
  const found = await findConfigItem(ctx.deps.db, ctx.itemId);
  if (!found) throw notFound('configuration item');
  await write(ctx, found.customerId, 'configuration_item.delete', async (tx) => {
    await deleteConfigItemRow(tx, ctx.itemId);
    return { entityId: ctx.itemId, before: found, after: null };
  });
}

// ---------- project history and handover ----------
async function projectOf(tx: Tx, actor: Actor, customerId: string) {
  const [project, handover] = await Promise.all([findProject(tx, customerId), selectHandover(tx, customerId)]);
  const byItem = new Map(handover.map((h) => [h.item, h]));
  const list = HANDOVER_ITEMS.map((item) => ({
    item,
    isDone: byItem.get(item)?.isDone ?? false,
    documentId: byItem.get(item)?.documentId ?? null,
  }));
  return {
    customerId,
    contractSignedDate: project?.contractSignedDate ?? null,
    teamStationedDate: project?.teamStationedDate ?? null,
    initialAcceptanceDate: project?.initialAcceptanceDate ?? null,
    finalAcceptanceDate: project?.finalAcceptanceDate ?? null,
    unacceptedCase: project?.unacceptedCase ?? null,
    urgeLetterDate: project?.urgeLetterDate ?? null,
    urgeLetterMethod: project?.urgeLetterMethod ?? null,
    urgeLetterDocumentId: project?.urgeLetterDocumentId ?? null,
    urgeDeadline: project?.urgeLetterDate ? addDays(project.urgeLetterDate, URGE_DEADLINE_DAYS) : null,
    refundFen: project?.refundFen ?? null,
    negotiationDueDate: project?.negotiationDueDate ?? null,
    notes: can(actor, 'archive.read_internal') ? (project?.notes ?? null) : undefined,
    handover: list,
    isHandoverComplete: list.every((h) => h.isDone),
  };
}

export async function getProject({ deps, actor, customerId }: Ctx & { customerId: string }) {
  await readable(deps, actor, customerId);
  return projectOf(deps.db, actor, customerId);
}

export async function updateProject(ctx: Ctx & { customerId: string; input: ProjectInput }) {
  await write(ctx, ctx.customerId, 'project.update', async (tx, now) => {
    const before = await findProject(tx, ctx.customerId);
    // A single acceptance date counts as both (like migration 0015): while the final date is in step with
    // the initial one (or there is no project yet), setting only the initial date moves both.
    const input = { ...ctx.input };
    const inStep = (before?.finalAcceptanceDate ?? null) === (before?.initialAcceptanceDate ?? null);
    if (input.finalAcceptanceDate === undefined && input.initialAcceptanceDate !== undefined && inStep)
      input.finalAcceptanceDate = input.initialAcceptanceDate;
    const next = { ...before, ...input };
    const signed = next.contractSignedDate;
    for (const key of ['teamStationedDate', 'initialAcceptanceDate'] as const) {
      const d = next[key];
      if (signed && d && d < signed)
        throw new AppError('validation_failed', `${key} is before the contract was signed`, { [key]: 'before contractSignedDate' });
    }
    if (next.finalAcceptanceDate && (!next.initialAcceptanceDate || next.finalAcceptanceDate < next.initialAcceptanceDate))
      throw new AppError('validation_failed', 'final acceptance needs an initial acceptance on or before it', {
        finalAcceptanceDate: 'before initialAcceptanceDate',
      });
    if (next.urgeLetterDocumentId) {
      const doc = await findDocument(tx, next.urgeLetterDocumentId);
      if (!doc || doc.customerId !== ctx.customerId)
        throw new AppError('validation_failed', 'unknown document for this customer', { urgeLetterDocumentId: 'unknown' });
    }
    const after = await upsertProject(tx, {
      customerId: ctx.customerId,
      contractSignedDate: next.contractSignedDate ?? null,
      teamStationedDate: next.teamStationedDate ?? null,
      initialAcceptanceDate: next.initialAcceptanceDate ?? null,
      finalAcceptanceDate: next.finalAcceptanceDate ?? null,
      unacceptedCase: next.unacceptedCase ?? null,
      urgeLetterDate: next.urgeLetterDate ?? null,
      urgeLetterMethod: next.urgeLetterMethod ?? null,
      urgeLetterDocumentId: next.urgeLetterDocumentId ?? null,
      refundFen: next.refundFen ?? null,
      negotiationDueDate: next.negotiationDueDate ?? null,
      notes: next.notes ?? null,
      updatedAt: now,
    });
    return { entityId: ctx.customerId, before, after };
  });
  return projectOf(ctx.deps.db, ctx.actor, ctx.customerId);
}

export async function setHandoverItem(ctx: Ctx & { customerId: string; item: HandoverItem; input: HandoverInput }) {
  await write(ctx, ctx.customerId, 'handover.update', async (tx, now) => {
    if (ctx.input.documentId) {
      const doc = await findDocument(tx, ctx.input.documentId);
      if (!doc || doc.customerId !== ctx.customerId)
        throw new AppError('validation_failed', 'unknown document for this customer', { documentId: 'unknown' });
    }
    const values = {
      customerId: ctx.customerId,
      item: ctx.item,
      isDone: ctx.input.isDone,
      documentId: ctx.input.documentId ?? null,
      updatedById: ctx.actor.id,
      updatedAt: now,
    };
    await upsertHandover(tx, values);
    return { entityId: `${ctx.customerId}:${ctx.item}`, after: values };
  });
  return projectOf(ctx.deps.db, ctx.actor, ctx.customerId);
}

// ---------- documents ----------
export function documentsRoot(deps: Deps): string {
  return path.join(deps.config.dataDir, 'documents');
}

/** Streams the upload through the attachments' store: same size limit and allowed types. */
export async function uploadDocument({
  deps,
  actor,
  customerId,
  kind,
  title,
  isInternal,
  fileName,
  stream,
  isTruncated,
}: Ctx & {
  customerId: string;
  kind: DocumentKind;
  title: string | null;
  isInternal: boolean;
  fileName: string;
  stream: Readable;
  isTruncated: () => boolean;
}) {
  authorize(actor, 'archive.manage');
  if (!(await findCustomer(deps.db, customerId))) throw notFound('customer');
  const cleaned = cleanFileName(fileName);
  if (!cleaned.ok) throw new AppError('validation_failed', 'the file name is not valid UTF-8', { file: 'invalid file name' });
  const cleanName = cleaned.name;
  const root = documentsRoot(deps);
  const stored = await storeUpload({ root, stream, isTruncated });
  try {
    return await write({ deps, actor }, customerId, 'document.create', async (tx, now) => {
      const row = await insertDocument(tx, {
        customerId,
        kind,
        title,
        fileName: cleanName,
        ...stored,
        isInternal,
        uploadedById: actor.id,
        createdAt: now,
      });
      return { entityId: row.id, after: row };
    });
  } catch (error) {
    await removeStoredFile(root, stored.storageKey);
    throw error;
  }
}

/**
 * Files a document the product generated (a report PDF) in the customer's archive, inside the caller's
 * transaction: the file is stored first and removed again if the transaction fails.
 */
export async function fileGeneratedDocument({
  tx,
  deps,
  actorId,
  customerId,
  kind,
  title,
  fileName,
  body,
  at,
}: {
  tx: Tx;
  deps: Deps;
  actorId: string;
  customerId: string;
  kind: DocumentKind;
  title: string;
  fileName: string;
  body: Uint8Array;
  at: Date;
}) {
  const root = documentsRoot(deps);
  const stored = await storeUpload({ root, stream: Readable.from([Buffer.from(body)]), isTruncated: () => false });
  try {
    const row = await insertDocument(tx, {
      customerId,
      kind,
      title,
      fileName,
      ...stored,
      isInternal: false,
      uploadedById: actorId,
      createdAt: at,
    });
    await insertAudit(tx, { actorId, ...audit('document.create'), entityId: row.id, after: row, at });
    return row;
  } catch (error) {
    await removeStoredFile(root, stored.storageKey);
    throw error;
  }
}

export async function listDocuments({ deps, actor, customerId }: Ctx & { customerId: string }) {
  await readable(deps, actor, customerId);
  return { items: await selectDocuments(deps.db, customerId, can(actor, 'archive.read_internal')) };
}

export async function openDocument({ deps, actor, customerId, documentId }: Ctx & { customerId: string; documentId: string }) {
  authorize(actor, 'archive.read', { customerId }, 'document');
  const doc = await findDocument(deps.db, documentId);
  if (!doc || doc.customerId !== customerId) throw notFound('document');
  if (doc.isInternal && !can(actor, 'archive.read_internal')) throw notFound('document');
  return { document: doc, stream: openStoredFile(documentsRoot(deps), doc.storageKey) };
}

// ---------- timeline ----------
/** Requests, visits, contracts, quotes and documents of one customer, newest first. */
export async function getTimeline({ deps, actor, customerId, limit = 100 }: Ctx & { customerId: string; limit?: number }) {
  await readable(deps, actor, customerId);
  const staff = can(actor, 'archive.read_internal');
  const s = await selectTimelineSources(deps.db, customerId, limit);
  const items = [
    ...s.tickets.map((t) => ({
      type: 'request' as const,
      id: t.id,
      at: t.createdAt.toISOString(),
      title: `${t.number} ${t.title}`,
      data: { status: t.status, number: t.number },
    })),
    ...s.visits.map((v) => ({
      type: 'visit' as const,
      id: v.id,
      at: v.visitDate,
      title: v.visitDate,
      data: { isOverQuota: v.isOverQuota, ticketId: v.ticketId, serviceContractId: v.serviceContractId },
    })),
    ...s.serviceContracts.map(({ c, tierZh, tierEn }) => ({
      type: 'service_contract' as const,
      id: c.id,
      at: c.startDate,
      title: `${tierZh} ${c.startDate} – ${c.endDate}`,
      data: { tierZh, tierEn, startDate: c.startDate, endDate: c.endDate, priceFen: c.priceFen, renewalOfId: c.renewalOfId },
    })),
    ...s.systemContracts.map((c) => ({
      type: 'system_contract' as const,
      id: c.id,
      at: c.signedDate ?? c.createdAt.toISOString(),
      title: c.title,
      data: { acceptanceDate: c.acceptanceDate, totalPriceFen: c.totalPriceFen },
    })),
    ...s.documents
      .filter((d) => staff || !d.isInternal)
      .map((d) => ({
        type: 'document' as const,
        id: d.id,
        at: d.createdAt.toISOString(),
        title: d.title ?? d.fileName,
        data: { kind: d.kind, fileName: d.fileName },
      })),
    ...s.quotes
      .filter((q) => isQuoteVisibleTo(actor, q))
      .map((q) => ({
        type: 'quote' as const,
        id: q.id,
        at: q.createdAt.toISOString(),
        title: `${q.arrivalDate} – ${q.departureDate}`,
        data: { number: q.number, state: q.state, totalFen: q.totalFen },
      })),
    // Staff decisions to serve despite "no further service", with their reason (issue 14).
    ...s.overrides.map((o) => ({
      type: 'override' as const,
      id: o.id,
      at: o.createdAt.toISOString(),
      title: o.reason,
      data: { fromDate: o.fromDate, untilDate: o.untilDate },
    })),
    // A routine round skipped (customer declined, hospital closed, merged with another visit): who and why.
    ...s.skippedRounds.map((r) => ({
      type: 'round_skipped' as const,
      id: r.id,
      at: (r.skippedAt ?? new Date(0)).toISOString(),
      title: `${r.windowStart} – ${r.windowEnd}`,
      data: { reason: r.skipReason, note: r.skipNote, byName: r.skippedByName },
    })),
  ];
  // Dates sort before instants of the same day ("2026-03-02" < "2026-03-02T…"): good enough for a day-level timeline.
  items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { items: items.slice(0, limit) };
}
