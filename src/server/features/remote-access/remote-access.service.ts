import { randomUUID } from 'node:crypto';
import { notification } from '../../../domain/notifications.ts';
import { grantState, isValidWindow } from '../../../domain/remote-access.ts';
import { timeline } from '../../../domain/timeline.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { secretBoxOf } from '../../lib/secret-box.ts';
import { type Actor, authorize, can, isStaff } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { notifyUsers } from '../notifications/notifications.service.ts';
import {
  assignedEngineerIds,
  countGrantsOfTicket,
  findGrantView,
  findTicketOf,
  type GrantRow,
  type GrantView,
  insertGrant,
  insertSession,
  insertTicketEvent,
  lockGrant,
  lockSecretsToErase,
  lockSecretsUnderOtherKeys,
  selectGrants,
  selectPortalUserIds,
  selectSessions,
  updateGrant,
} from './remote-access.repo.ts';
import type { GrantDto, GrantInput, SessionInput } from './remote-access.schema.ts';

const FINISHED = new Set(['closed', 'cancelled']);

/** The ciphertext is bound to its grant: copied onto another row it does not open. */
const aadOf = (grantId: string) => `remote_access_grants:${grantId}`;

/** What an audit entry or the timeline may say about a grant: never the secret nor its ciphertext. */
function grantFacts(g: GrantRow) {
  return {
    ticketId: g.ticketId,
    method: g.method,
    target: g.target,
    grantedByName: g.grantedByName,
    validFrom: g.validFrom,
    validUntil: g.validUntil,
    revokedAt: g.revokedAt,
    secretKeyId: g.secretKeyId,
  };
}

function toDto(view: GrantView, now: Date, revealers: readonly string[], actor: Actor): GrantDto {
  const g = view.grant;
  const state = grantState(g, now);
  const hasSecret = g.secretCiphertext !== null;
  return {
    id: g.id,
    ticketId: g.ticketId,
    method: g.method,
    target: g.target,
    grantedByName: g.grantedByName,
    grantedBy: g.grantedById ? { id: g.grantedById, name: view.grantedByUserName ?? '' } : null,
    recordedBy: { id: g.recordedById, name: view.recordedByName ?? '' },
    validFrom: g.validFrom,
    validUntil: g.validUntil,
    state,
    hasSecret,
    secretErasedAt: g.secretErasedAt,
    revokedAt: g.revokedAt,
    canReveal: hasSecret && state === 'active' && can(actor, 'remote_access.reveal') && revealers.includes(actor.id),
    createdAt: g.createdAt,
  };
}

/** Loads a request the actor may see (another organisation's is missing), optionally locked. */
async function visibleTicket(tx: Tx, actor: Actor, ticketId: string, options: { lock?: boolean } = {}) {
  const ticket = await findTicketOf(tx, ticketId, options);
  if (!ticket) throw notFound('request');
  authorize(actor, 'ticket.read', { customerId: ticket.customerId }, 'request');
  return ticket;
}

/** Loads a grant the actor may see (through its request). */
async function visibleGrant(tx: Tx, actor: Actor, grantId: string) {
  const view = await findGrantView(tx, grantId);
  if (!view) throw notFound('remote access grant');
  authorize(actor, 'remote_access.read', { customerId: view.grant.customerId }, 'remote access grant');
  return view;
}

export async function grantRemoteAccess({
  deps,
  actor,
  ticketId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  ticketId: string;
  input: GrantInput;
}) {
  const now = deps.clock();
  const id = await deps.db.transaction(async (tx) => {
    const ticket = await visibleTicket(tx, actor, ticketId, { lock: true });
    authorize(actor, 'remote_access.grant', { customerId: ticket.customerId }, 'request');
    if (!isValidWindow(input.validFrom, input.validUntil)) {
      throw new AppError('validation_failed', 'the window must end after it starts', { validUntil: 'must be after validFrom' });
    }
    if (input.validUntil.getTime() <= now.getTime()) {
      throw new AppError('validation_failed', 'the window has already ended', { validUntil: 'must be in the future' });
    }
    if (FINISHED.has(ticket.status)) throw new AppError('invalid_transition', `this request is ${ticket.status}`);
    // Staff record the hospital's grantor by name; a portal user grants it as themselves.
    const byCustomer = !isStaff(actor);
    const grantedByName = input.grantedByName ?? (byCustomer ? actor.name : undefined);
    if (!grantedByName) throw new AppError('validation_failed', 'name who granted the access', { grantedByName: 'required' });
    const box = secretBoxOf(deps.config);
    if (!box) {
      throw new AppError('secret_key_missing', 'secrets cannot be stored: the server has no AFTERSALES_SECRET_KEY configured');
    }
    const id = randomUUID();
    const sealed = box.seal(input.secret, aadOf(id));
    const row = await insertGrant(tx, {
      id,
      ticketId,
      customerId: ticket.customerId,
      method: input.method,
      target: input.target ?? null,
      grantedByName,
      grantedById: byCustomer ? actor.id : null,
      recordedById: actor.id,
      validFrom: input.validFrom,
      validUntil: input.validUntil,
      secretCiphertext: sealed.ciphertext,
      secretKeyId: sealed.keyId,
      createdAt: now,
    });
    await insertTicketEvent(tx, {
      ticketId,
      actorId: actor.id,
      createdAt: now,
      ...timeline.remoteAccessGranted({
        grantId: id,
        method: row.method,
        validFrom: row.validFrom.toISOString(),
        validUntil: row.validUntil.toISOString(),
        grantedByName,
      }),
    });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'remote_access.grant',
      entityType: 'remote_access_grant',
      entityId: id,
      after: grantFacts(row),
      at: now,
    });
    return id;
  });
  return getGrant({ deps, actor, grantId: id });
}

async function getGrant({ deps, actor, grantId }: { deps: Deps; actor: Actor; grantId: string }) {
  const view = await visibleGrant(deps.db, actor, grantId);
  const ticket = await findTicketOf(deps.db, view.grant.ticketId);
  const revealers = ticket ? await assignedEngineerIds(deps.db, ticket) : [];
  return toDto(view, deps.clock(), revealers, actor);
}

export async function listGrants({ deps, actor, ticketId }: { deps: Deps; actor: Actor; ticketId: string }) {
  const ticket = await visibleTicket(deps.db, actor, ticketId);
  authorize(actor, 'remote_access.read', { customerId: ticket.customerId }, 'request');
  const [rows, revealers] = await Promise.all([selectGrants(deps.db, ticketId), assignedEngineerIds(deps.db, ticket)]);
  const now = deps.clock();
  return { items: rows.map((r) => toDto(r, now, revealers, actor)) };
}

/**
 * The secret, in plain text, for an engineer assigned to the request, inside the grant's window; each reveal
 * is audited (who, which grant, when: never the secret).
 */
export async function revealSecret({ deps, actor, grantId }: { deps: Deps; actor: Actor; grantId: string }) {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const view = await visibleGrant(tx, actor, grantId);
    authorize(actor, 'remote_access.reveal', { customerId: view.grant.customerId }, 'remote access grant');
    const ticket = await findTicketOf(tx, view.grant.ticketId);
    if (!ticket || !(await assignedEngineerIds(tx, ticket)).includes(actor.id)) {
      throw new AppError('forbidden', 'only the engineers assigned to the request may read its remote-access secret');
    }
    const grant = await lockGrant(tx, grantId);
    if (!grant) throw notFound('remote access grant');
    const state = grantState(grant, now);
    if (state !== 'active') throw new AppError('forbidden', `the grant is not in force (${state})`, { grant: state });
    if (!grant.secretCiphertext || !grant.secretKeyId) throw notFound('secret (erased)');
    const box = secretBoxOf(deps.config);
    if (!box?.hasKey(grant.secretKeyId)) {
      throw new AppError('secret_key_missing', 'the key that sealed this secret is not configured (AFTERSALES_SECRET_KEY)');
    }
    const secret = box.open({ keyId: grant.secretKeyId, ciphertext: grant.secretCiphertext }, aadOf(grant.id));
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'remote_access.reveal',
      entityType: 'remote_access_grant',
      entityId: grant.id,
      after: { ticketId: grant.ticketId },
      at: now,
    });
    return { secret };
  });
}

/** Withdraws a grant: the secret is erased at once (the audit stays). */
export async function revokeGrant({ deps, actor, grantId }: { deps: Deps; actor: Actor; grantId: string }) {
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const view = await visibleGrant(tx, actor, grantId);
    authorize(actor, 'remote_access.revoke', { customerId: view.grant.customerId }, 'remote access grant');
    const grant = await lockGrant(tx, grantId);
    if (!grant) throw notFound('remote access grant');
    if (grant.revokedAt) throw new AppError('conflict', 'this grant is already revoked');
    const after = await updateGrant(tx, grantId, {
      revokedAt: now,
      revokedById: actor.id,
      secretCiphertext: null,
      secretKeyId: null,
      secretErasedAt: grant.secretCiphertext ? now : grant.secretErasedAt,
    });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'remote_access.revoke',
      entityType: 'remote_access_grant',
      entityId: grantId,
      before: grantFacts(grant),
      after: grantFacts(after),
      at: now,
    });
  });
  return getGrant({ deps, actor, grantId });
}

export async function logSession({ deps, actor, grantId, input }: { deps: Deps; actor: Actor; grantId: string; input: SessionInput }) {
  const now = deps.clock();
  const row = await deps.db.transaction(async (tx) => {
    const view = await visibleGrant(tx, actor, grantId);
    authorize(actor, 'remote_access.log_session', { customerId: view.grant.customerId }, 'remote access grant');
    const g = view.grant;
    if (input.endedAt && input.endedAt.getTime() < input.startedAt.getTime()) {
      throw new AppError('validation_failed', 'a session cannot end before it starts', { endedAt: 'must not be before startedAt' });
    }
    if (input.startedAt.getTime() < g.validFrom.getTime() || input.startedAt.getTime() >= g.validUntil.getTime()) {
      throw new AppError('validation_failed', 'the session must start inside the grant’s window', { startedAt: 'outside the window' });
    }
    if (g.revokedAt && input.startedAt.getTime() >= g.revokedAt.getTime()) {
      throw new AppError('validation_failed', 'the grant was revoked before this session started', { startedAt: 'after revocation' });
    }
    const session = await insertSession(tx, {
      grantId,
      engineerId: actor.id,
      startedAt: input.startedAt,
      endedAt: input.endedAt ?? null,
      summary: input.summary,
      createdAt: now,
    });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'remote_access.session',
      entityType: 'remote_access_grant',
      entityId: grantId,
      after: { sessionId: session.id, startedAt: session.startedAt, endedAt: session.endedAt },
      at: now,
    });
    return session;
  });
  return { ...sessionDto(row, actor.name) };
}

function sessionDto(
  s: { id: string; grantId: string; engineerId: string; startedAt: Date; endedAt: Date | null; summary: string; createdAt: Date },
  name: string,
) {
  return {
    id: s.id,
    grantId: s.grantId,
    engineer: { id: s.engineerId, name },
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    summary: s.summary,
    createdAt: s.createdAt,
  };
}

export async function listSessions({ deps, actor, grantId }: { deps: Deps; actor: Actor; grantId: string }) {
  await visibleGrant(deps.db, actor, grantId);
  const rows = await selectSessions(deps.db, grantId);
  return { items: rows.map((r) => sessionDto(r.session, r.engineerName)) };
}

const BATCH = 100;

/**
 * The `remote-access.maintain` job: erases the ciphertext of grants whose window has ended or that were
 * revoked (each erasure audited; the grant and its audit stay), and re-seals secrets still under a
 * rotated-out key (AFTERSALES_SECRET_KEY_PREVIOUS) under the current one.
 */
export async function runRemoteAccessMaintenance({ deps }: { deps: Deps }) {
  const result = { erased: 0, resealed: 0, unreadable: 0 };
  for (;;) {
    const now = deps.clock();
    const n = await deps.db.transaction(async (tx) => {
      const rows = await lockSecretsToErase(tx, now, BATCH);
      for (const row of rows) {
        await updateGrant(tx, row.id, { secretCiphertext: null, secretKeyId: null, secretErasedAt: now });
        await insertAudit(tx, {
          actorId: null,
          action: 'remote_access.erase',
          entityType: 'remote_access_grant',
          entityId: row.id,
          after: { ticketId: row.ticketId },
          at: now,
        });
      }
      return rows.length;
    });
    result.erased += n;
    if (n < BATCH) break;
  }
  const box = secretBoxOf(deps.config);
  if (!box) return result;
  const skipped = new Set<string>();
  for (;;) {
    const n = await deps.db.transaction(async (tx) => {
      const rows = (await lockSecretsUnderOtherKeys(tx, box.currentKeyId, BATCH + skipped.size)).filter((r) => !skipped.has(r.id));
      for (const row of rows) {
        if (!row.secretCiphertext || !row.secretKeyId || !box.hasKey(row.secretKeyId)) {
          // Sealed under a key that is no longer configured: it cannot be read; it is erased when its window ends.
          skipped.add(row.id);
          result.unreadable += 1;
          continue;
        }
        const plain = box.open({ keyId: row.secretKeyId, ciphertext: row.secretCiphertext }, aadOf(row.id));
        const sealed = box.seal(plain, aadOf(row.id));
        await updateGrant(tx, row.id, { secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId });
        result.resealed += 1;
      }
      return rows.length;
    });
    if (n === 0) break;
  }
  return result;
}

/**
 * On resolving a request that had remote access (003: "完成任务后及时提醒用户修改密码"): a public timeline
 * event and a notification (mailed when mail is configured) to the customer's portal users. Called by the
 * tickets service inside its transaction; returns the live events to publish after commit.
 */
export async function remindToChangePassword(
  tx: Tx,
  deps: Deps,
  { ticketId, customerId, at }: { ticketId: string; customerId: string; at: Date },
) {
  const grantCount = await countGrantsOfTicket(tx, ticketId);
  if (grantCount === 0) return [];
  await insertTicketEvent(tx, { ticketId, actorId: null, createdAt: at, ...timeline.passwordChangeReminder({ grantCount }) });
  const userIds = await selectPortalUserIds(tx, customerId);
  if (userIds.length === 0) return [];
  return notifyUsers(tx, deps, { userIds, ticketId, at, ...notification.passwordChangeReminder({ grantCount }) });
}
