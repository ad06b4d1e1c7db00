import { audit } from '../../../domain/audit.ts';
import { type Entitlement, entitlement, explain, type Locale } from '../../../domain/contracts/entitlement.ts';
import { addDays, addYears, localDateOf } from '../../../domain/contracts/local-date.ts';
import { formatCny } from '../../../domain/contracts/money.ts';
import { dueReminders } from '../../../domain/contracts/reminders.ts';
import { systemContractTerms } from '../../../domain/contracts/system-contract.ts';
import { contractYearWindow, visitsUsed } from '../../../domain/contracts/visits.ts';
import { REMINDER_DAYS } from '../../../domain/contracts/vocabulary.ts';
import { REGENERATE_ROUNDS_JOB } from '../../../domain/maintenance/schedule.ts';
import { notification } from '../../../domain/notifications.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { enqueueJob } from '../../jobs/jobs.service.ts';
import { type Actor, authorize, customerScope, isStaff, withoutStaffNotes } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { findCustomer } from '../customers/customers.repo.ts';
import { notifyUsers } from '../notifications/notifications.service.ts';
import { findUser } from '../users/users.repo.ts';
import {
  countContractVisits,
  deleteServiceContractRow,
  deleteSystemContractRow,
  findOverlapping,
  findServiceContract,
  findSystemContract,
  findTier,
  insertOverride,
  insertReminder,
  insertServiceContract,
  insertSystemContract,
  insertTier,
  loadArchiveFacts,
  lockCustomer,
  selectContractsNeedingReminders,
  selectContractVisits,
  selectOverrides,
  selectServiceContracts,
  selectSystemContracts,
  selectTiers,
  updateServiceContractRow,
  updateSystemContractRow,
  updateTierRow,
} from './contracts.repo.ts';
import type {
  OverrideInput,
  RenewInput,
  ServiceContractInput,
  SystemContractInput,
  TierInput,
  UpdateServiceContractInput,
  UpdateSystemContractInput,
  UpdateTierInput,
} from './contracts.schema.ts';

/** The service centre's local date of an instant: contracts start and end on such dates. */
export function today(deps: Deps, at: Date = deps.clock()): string {
  return localDateOf(at, deps.config.timeZone);
}

/** PostgreSQL's SQLSTATE of a driver error (node-postgres or PGlite, possibly wrapped by Drizzle). */
export function pgCode(error: unknown): string | undefined {
  for (let e: unknown = error, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

// ---------- tiers ----------
export async function listTiers({ deps, actor }: { deps: Deps; actor: Actor }) {
  authorize(actor, 'contract.read', { customerId: actor.customerId });
  return { items: await selectTiers(deps.db) };
}

export async function createTier({ deps, actor, input }: { deps: Deps; actor: Actor; input: TierInput }) {
  authorize(actor, 'tier.manage');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const row = await insertTier(tx, { ...input, createdAt: now, updatedAt: now });
    if (!row) throw new AppError('conflict', `tier "${input.code}" already exists`, { code: 'taken' });
    await insertAudit(tx, { actorId: actor.id, action: 'tier.create', entityType: 'service_tier', entityId: row.id, after: row, at: now });
    return row;
  });
}

/** Editing a tier changes new contracts only: each contract keeps the quota it was signed with. */
export async function updateTier({ deps, actor, tierId, input }: { deps: Deps; actor: Actor; tierId: string; input: UpdateTierInput }) {
  authorize(actor, 'tier.manage');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const before = await findTier(tx, tierId);
    if (!before) throw notFound('service tier');
    const row = await updateTierRow(tx, tierId, { ...input, updatedAt: now });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'tier.update',
      entityType: 'service_tier',
      entityId: tierId,
      before,
      after: row,
      at: now,
    });
    return row;
  });
}

// ---------- system contracts ----------
function withTerms<T extends { acceptanceDate: string | null; finalAcceptanceDate: string | null; totalPriceFen: number }>(row: T) {
  return { ...row, ...systemContractTerms(row) };
}

async function requireCustomer(tx: Tx, customerId: string) {
  const customer = await lockCustomer(tx, customerId);
  if (!customer) throw notFound('customer');
  return customer;
}

export async function listSystemContracts({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  authorize(actor, 'contract.read', { customerId }, 'customer');
  if (!(await findCustomer(deps.db, customerId))) throw notFound('customer');
  return { items: (await selectSystemContracts(deps.db, customerId)).map((row) => withoutStaffNotes(actor, withTerms(row))) };
}

export async function createSystemContract({
  deps,
  actor,
  customerId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  customerId: string;
  input: SystemContractInput;
}) {
  authorize(actor, 'contract.manage');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    await requireCustomer(tx, customerId);
    // A single acceptance date counts as both acceptances unless the final one is given (or null: not yet).
    const finalAcceptanceDate = input.finalAcceptanceDate === undefined ? (input.acceptanceDate ?? null) : input.finalAcceptanceDate;
    if (finalAcceptanceDate && !input.acceptanceDate)
      throw new AppError('validation_failed', 'final acceptance needs an initial acceptance', {
        finalAcceptanceDate: 'without acceptanceDate',
      });
    const row = await insertSystemContract(tx, {
      ...input,
      finalAcceptanceDate,
      customerId,
      createdById: actor.id,
      createdAt: now,
      updatedAt: now,
    });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'system_contract.create',
      entityType: 'system_contract',
      entityId: row.id,
      after: row,
      at: now,
    });
    await enqueueRoundRegeneration(tx, customerId, now);
    return withTerms(row);
  });
}

export async function updateSystemContract({
  deps,
  actor,
  contractId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  contractId: string;
  input: UpdateSystemContractInput;
}) {
  authorize(actor, 'contract.manage');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const before = await findSystemContract(tx, contractId);
    if (!before) throw notFound('system contract');
    // A final acceptance that was in step with the initial one follows it when only the initial one changes.
    const inStep =
      input.finalAcceptanceDate === undefined && input.acceptanceDate !== undefined && before.finalAcceptanceDate === before.acceptanceDate;
    const changes = inStep ? { ...input, finalAcceptanceDate: input.acceptanceDate ?? null } : input;
    const merged = { ...before, ...changes };
    if (merged.signedDate && merged.acceptanceDate && merged.acceptanceDate < merged.signedDate) {
      throw new AppError('validation_failed', 'acceptance cannot be before signing', { acceptanceDate: 'before signedDate' });
    }
    if (merged.finalAcceptanceDate && (!merged.acceptanceDate || merged.finalAcceptanceDate < merged.acceptanceDate)) {
      throw new AppError('validation_failed', 'final acceptance needs an initial acceptance on or before it', {
        finalAcceptanceDate: 'before acceptanceDate',
      });
    }
    const row = await updateSystemContractRow(tx, contractId, { ...changes, updatedAt: now });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'system_contract.update',
      entityType: 'system_contract',
      entityId: contractId,
      before,
      after: row,
      at: now,
    });
    await enqueueRoundRegeneration(tx, before.customerId, now);
    return withTerms(row);
  });
}

export async function deleteSystemContract({ deps, actor, contractId }: { deps: Deps; actor: Actor; contractId: string }) {
  authorize(actor, 'contract.manage');
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const before = await findSystemContract(tx, contractId);
    if (!before) throw notFound('system contract');
    await deleteSystemContractRow(tx, contractId);
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'system_contract.delete',
      entityType: 'system_contract',
      entityId: contractId,
      before,
      at: now,
    });
  });
}

// ---------- service contracts ----------
async function shapeContracts(tx: Tx, rows: Awaited<ReturnType<typeof selectServiceContracts>>, on: string) {
  const used = await selectContractVisits(
    tx,
    rows.map((r) => r.contract.id),
  );
  return rows.map((r) => ({
    ...r.contract,
    customerName: r.customerName,
    tier: r.tier,
    renewedById: r.renewedById,
    visitsUsed: visitsUsed(r.contract, used, on),
  }));
}

export async function listServiceContracts({
  deps,
  actor,
  filter,
}: {
  deps: Deps;
  actor: Actor;
  filter: { customerId?: string; expiringWithinDays?: number };
}) {
  const scope = customerScope(actor);
  const customerId = scope ?? filter.customerId;
  authorize(actor, 'contract.read', { customerId: customerId ?? null }, 'customer');
  const on = today(deps);
  const rows = await selectServiceContracts(deps.db, {
    customerId,
    ...(filter.expiringWithinDays !== undefined
      ? { endFrom: on, endTo: addDays(on, filter.expiringWithinDays), startTo: on, notRenewed: true }
      : {}),
  });
  return { items: (await shapeContracts(deps.db, rows, on)).map((row) => withoutStaffNotes(actor, row)) };
}

export async function getServiceContract({ deps, actor, contractId }: { deps: Deps; actor: Actor; contractId: string }) {
  const rows = await selectServiceContracts(deps.db, { ids: [contractId] });
  const row = rows[0];
  if (!row) throw notFound('service contract');
  authorize(actor, 'contract.read', { customerId: row.contract.customerId }, 'service contract');
  return withoutStaffNotes(actor, (await shapeContracts(deps.db, rows, today(deps)))[0]);
}

async function assertNoOverlap(tx: Tx, customerId: string, startDate: string, endDate: string, exceptId?: string) {
  const other = await findOverlapping(tx, customerId, startDate, endDate, exceptId);
  if (other) {
    throw new AppError('conflict', `overlaps the customer's service contract ${other.startDate} – ${other.endDate}`, {
      startDate: 'overlaps',
      endDate: 'overlaps',
    });
  }
}

/** The exclusion constraint (where btree_gist exists) is the last word if two writers slipped past. */
async function guardOverlap<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgCode(error) === '23P01') {
      throw new AppError('conflict', "overlaps another of the customer's service contracts", {
        startDate: 'overlaps',
        endDate: 'overlaps',
      });
    }
    throw error;
  }
}

async function checkAccountOwner(tx: Tx, accountOwnerId: string | null | undefined, field = 'accountOwnerId') {
  if (!accountOwnerId) return;
  const owner = await findUser(tx, accountOwnerId);
  if (!owner || owner.role === 'customer' || !owner.isActive) {
    throw new AppError(
      'validation_failed',
      `the ${field === 'accountOwnerId' ? 'account owner' : 'resident engineer'} must be an active staff member`,
      {
        [field]: 'not staff',
      },
    );
  }
}

async function insertContract(tx: Tx, deps: Deps, actor: Actor, input: ServiceContractInput & { renewalOfId?: string }, now: Date) {
  await requireCustomer(tx, input.customerId);
  const tier = await findTier(tx, input.tierId);
  if (!tier) throw new AppError('validation_failed', 'unknown service tier', { tierId: 'unknown' });
  if (!tier.isActive) throw new AppError('validation_failed', 'this service tier is no longer offered', { tierId: 'inactive' });
  await checkAccountOwner(tx, input.accountOwnerId);
  await checkAccountOwner(tx, input.residentEngineerId, 'residentEngineerId');
  await assertNoOverlap(tx, input.customerId, input.startDate, input.endDate);
  const row = await insertServiceContract(tx, {
    customerId: input.customerId,
    tierId: tier.id,
    startDate: input.startDate,
    endDate: input.endDate,
    priceFen: input.priceFen ?? tier.yearlyPriceFen,
    visitQuota: input.visitQuota === undefined ? tier.emergencyVisitsPerYear : input.visitQuota,
    accountOwnerId: input.accountOwnerId ?? (isStaff(actor) ? actor.id : null),
    residentEngineerId: input.residentEngineerId ?? null,
    renewalOfId: input.renewalOfId ?? null,
    notes: input.notes ?? null,
    createdById: actor.id,
    createdAt: now,
    updatedAt: now,
  });
  await insertAudit(tx, {
    actorId: actor.id,
    action: 'service_contract.create',
    entityType: 'service_contract',
    entityId: row.id,
    after: row,
    at: now,
  });
  await enqueueRoundRegeneration(tx, input.customerId, now);
  void deps;
  return row;
}

/** The customer's maintenance rounds follow its contracts (issue 13): regenerated by a job once this commits. */
function enqueueRoundRegeneration(tx: Tx, customerId: string, at: Date) {
  return enqueueJob({ tx, name: REGENERATE_ROUNDS_JOB, runAt: at, payload: { customerId } });
}

export async function createServiceContract({ deps, actor, input }: { deps: Deps; actor: Actor; input: ServiceContractInput }) {
  authorize(actor, 'contract.manage');
  const now = deps.clock();
  const row = await guardOverlap(() => deps.db.transaction((tx) => insertContract(tx, deps, actor, input, now)));
  return getServiceContract({ deps, actor, contractId: row.id });
}

export async function renewServiceContract({
  deps,
  actor,
  contractId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  contractId: string;
  input: RenewInput;
}) {
  authorize(actor, 'contract.manage');
  const now = deps.clock();
  const row = await guardOverlap(() =>
    deps.db.transaction(async (tx) => {
      const old = await findServiceContract(tx, contractId);
      if (!old) throw notFound('service contract');
      await lockCustomer(tx, old.customerId);
      const [already] = await selectServiceContracts(tx, { ids: [contractId] });
      if (already?.renewedById) throw new AppError('conflict', 'this contract has already been renewed', { id: 'renewed' });
      const startDate = input.startDate ?? addDays(old.endDate, 1);
      const endDate = input.endDate ?? addDays(addYears(startDate, 1), -1);
      if (endDate < startDate) throw new AppError('validation_failed', 'end date is before start date', { endDate: 'before startDate' });
      return insertContract(
        tx,
        deps,
        actor,
        {
          customerId: old.customerId,
          tierId: input.tierId ?? old.tierId,
          startDate,
          endDate,
          priceFen: input.priceFen,
          visitQuota: input.visitQuota,
          accountOwnerId: input.accountOwnerId === undefined ? old.accountOwnerId : input.accountOwnerId,
          notes: input.notes,
          renewalOfId: old.id,
        },
        now,
      );
    }),
  );
  return getServiceContract({ deps, actor, contractId: row.id });
}

export async function updateServiceContract({
  deps,
  actor,
  contractId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  contractId: string;
  input: UpdateServiceContractInput;
}) {
  authorize(actor, 'contract.manage');
  const now = deps.clock();
  await guardOverlap(() =>
    deps.db.transaction(async (tx) => {
      const found = await findServiceContract(tx, contractId);
      if (!found) throw notFound('service contract');
      await lockCustomer(tx, found.customerId);
      const before = (await findServiceContract(tx, contractId)) ?? found;
      const next = { ...before, ...input };
      if (next.endDate < next.startDate)
        throw new AppError('validation_failed', 'end date is before start date', { endDate: 'before startDate' });
      await checkAccountOwner(tx, input.accountOwnerId);
      await checkAccountOwner(tx, input.residentEngineerId, 'residentEngineerId');
      await assertNoOverlap(tx, before.customerId, next.startDate, next.endDate, contractId);
      const contractVisits = (await selectContractVisits(tx, [contractId])).filter((v) => !v.isOverQuota);
      if (contractVisits.some((v) => v.visitDate < next.startDate || v.visitDate > next.endDate)) {
        throw new AppError('conflict', 'visits already registered against this contract would fall outside it', {
          endDate: 'visits outside',
        });
      }
      if (next.visitQuota !== null) {
        // The most visits counted in any one contract year must still fit the new quota.
        const maxUsed = Math.max(
          0,
          ...contractVisits.map((v) =>
            visitsUsed(
              { ...next, id: contractId },
              contractVisits.map((x) => ({ ...x, serviceContractId: contractId })),
              v.visitDate,
            ),
          ),
        );
        if (next.visitQuota < maxUsed) {
          throw new AppError('conflict', `${maxUsed} visits are already registered in one contract year: the quota cannot be lower`, {
            visitQuota: `below ${maxUsed} used`,
          });
        }
      }
      const row = await updateServiceContractRow(tx, contractId, { ...input, updatedAt: now });
      await insertAudit(tx, {
        actorId: actor.id,
        action: 'service_contract.update',
        entityType: 'service_contract',
        entityId: contractId,
        before,
        after: row,
        at: now,
      });
      await enqueueRoundRegeneration(tx, before.customerId, now);
    }),
  );
  return getServiceContract({ deps, actor, contractId });
}

export async function deleteServiceContract({ deps, actor, contractId }: { deps: Deps; actor: Actor; contractId: string }) {
  authorize(actor, 'contract.manage');
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const before = await findServiceContract(tx, contractId);
    if (!before) throw notFound('service contract');
    const [shaped] = await selectServiceContracts(tx, { ids: [contractId] });
    if ((await countContractVisits(tx, contractId)) > 0 || shaped?.renewedById) {
      throw new AppError('conflict', 'a contract with registered visits or a renewal cannot be deleted', { id: 'in use' });
    }
    await deleteServiceContractRow(tx, contractId);
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'service_contract.delete',
      entityType: 'service_contract',
      entityId: contractId,
      before,
      at: now,
    });
  });
}

// ---------- entitlement overrides ----------
export async function listOverrides({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  authorize(actor, 'contract.read', { customerId }, 'customer');
  if (!(await findCustomer(deps.db, customerId))) throw notFound('customer');
  return { items: await selectOverrides(deps.db, customerId) };
}

/** A manager serves a customer the rules say not to, for a stated reason until a date; on the archive's timeline. */
export async function createOverride({
  deps,
  actor,
  customerId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  customerId: string;
  input: OverrideInput;
}) {
  authorize(actor, 'entitlement.override');
  const now = deps.clock();
  const fromDate = input.fromDate ?? today(deps, now);
  if (input.untilDate < fromDate)
    throw new AppError('validation_failed', 'the override ends before it starts', { untilDate: 'before fromDate' });
  const id = await deps.db.transaction(async (tx) => {
    await requireCustomer(tx, customerId);
    const row = await insertOverride(tx, {
      customerId,
      reason: input.reason,
      fromDate,
      untilDate: input.untilDate,
      createdById: actor.id,
      createdAt: now,
    });
    await insertAudit(tx, { actorId: actor.id, ...audit('entitlement.override'), entityId: customerId, after: row, at: now });
    return row.id;
  });
  const created = (await selectOverrides(deps.db, customerId)).find((o) => o.id === id);
  if (!created) throw notFound('override');
  return created;
}

// ---------- entitlement ----------
export async function computeEntitlement(tx: Tx, deps: Deps, customerId: string, at: Date): Promise<Entitlement> {
  const facts = await loadArchiveFacts(tx, customerId);
  return entitlement({ at, timeZone: deps.config.timeZone, facts });
}

export async function getEntitlement({
  deps,
  actor,
  customerId,
  at,
  locale,
}: {
  deps: Deps;
  actor: Actor;
  customerId: string;
  at?: string;
  locale: Locale;
}) {
  authorize(actor, 'contract.read', { customerId }, 'customer');
  const customer = await findCustomer(deps.db, customerId);
  if (!customer) throw notFound('customer');
  const instant = at ? new Date(at) : deps.clock();
  const e = await computeEntitlement(deps.db, deps, customerId, instant);
  // The people intake and the request show (000: a named responsible engineer; 002: Diamond's resident engineer).
  const person = async (id: string | null | undefined) => {
    const u = id ? await findUser(deps.db, id) : undefined;
    return u ? { id: u.id, name: u.name } : null;
  };
  const contract = e.serviceContractId ? await findServiceContract(deps.db, e.serviceContractId) : undefined;
  return {
    ...e,
    explanation: explain(e, locale),
    locale,
    date: today(deps, instant),
    responsibleEngineer: await person(customer.responsibleEngineerId),
    residentEngineer: await person(contract?.residentEngineerId),
  };
}

/** The contract in force on a local date, if any (for the visit register). */
export function contractOn<T extends { startDate: string; endDate: string }>(contracts: T[], date: string): T | undefined {
  return contracts.find((c) => contractYearWindow(c, date) !== null);
}

// ---------- renewal reminders (scheduler hook) ----------
/**
 * Sends due renewal reminders to each contract's account owner (in-app, and by email through the
 * outbox when mail is configured). The unique (contract, days-before) key makes each fire once,
 * even with two schedulers; a contract renewed already gets none.
 */
export async function runRenewalReminders({ deps }: { deps: Deps }): Promise<number> {
  const now = deps.clock();
  const on = today(deps, now);
  const horizon = Math.max(...REMINDER_DAYS);
  const candidates = await selectContractsNeedingReminders(deps.db, on, addDays(on, horizon));
  let fired = 0;
  for (const c of candidates) {
    const { fire, skip } = dueReminders({ endDate: c.endDate, today: on, alreadySent: c.sent ?? [] });
    if (fire === null && skip.length === 0) continue;
    const events = await deps.db.transaction(async (tx) => {
      for (const d of skip) await insertReminder(tx, c.id, d, now);
      if (fire === null || !(await insertReminder(tx, c.id, fire, now))) return [];
      fired++;
      if (!c.accountOwnerId) return [];
      return notifyUsers(tx, deps, {
        userIds: [c.accountOwnerId],
        ticketId: null,
        at: now,
        ...notification.contractRenewal({
          contractId: c.id,
          customerId: c.customerId,
          customerName: c.customerName,
          endDate: c.endDate,
          daysBefore: fire,
        }),
      });
    });
    for (const e of events) deps.live.publish(e);
  }
  return fired;
}

export { formatCny };
