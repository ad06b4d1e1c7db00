import { passwordWeakness } from '../../../domain/password-strength.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Actor, authorize } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { randomToken, revokeAllCredentials, toUserDto } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/password.ts';
import { findCustomer } from '../customers/customers.repo.ts';
import { countUsers, findUser, insertUser, selectUsers, updateUser as updateUserRow } from './users.repo.ts';
import type { CreateUserInput, ListUsersFilter, UpdateUserInput } from './users.schema.ts';

type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

/** The audit log keeps what changed, never password hashes. */
function auditView(u: UserRow) {
  const { passwordHash: _hidden, ...rest } = u;
  return rest;
}

function assertStrongPassword(password: string, userInputs: string[]) {
  const weakness = passwordWeakness(password, userInputs);
  if (weakness) throw new AppError('validation_failed', 'the password is too weak', { password: weakness });
}

export async function createUser({ deps, actor, input }: { deps: Deps; actor: Actor; input: CreateUserInput }) {
  authorize(actor, 'user.create');
  if (input.role === 'customer' && !input.customerId) {
    throw new AppError('validation_failed', 'a customer user belongs to a customer organisation', { customerId: 'required' });
  }
  if (input.role !== 'customer' && input.customerId) {
    throw new AppError('validation_failed', 'staff users do not belong to a customer', { customerId: 'must be empty for staff' });
  }
  if (input.role === 'customer' && input.team) {
    throw new AppError('validation_failed', 'customer users have no team', { team: 'must be empty for customers' });
  }
  if (input.role === 'customer' && input.designation) {
    throw new AppError('validation_failed', 'customer users have no designation', { designation: 'must be empty for customers' });
  }
  assertStrongPassword(input.password, [input.email, input.name]);
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    if (input.customerId && !(await findCustomer(tx, input.customerId))) {
      throw new AppError('validation_failed', 'customer does not exist', { customerId: 'unknown' });
    }
    const row = await insertUser(tx, {
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      customerId: input.customerId ?? null,
      team: input.team ?? null,
      designation: input.designation ?? null,
      passwordHash,
      createdAt: now,
      updatedAt: now,
    });
    if (!row) throw new AppError('conflict', `a user with email ${input.email} already exists`, { email: 'taken' });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      after: auditView(row),
      at: now,
    });
    return toUserDto(row);
  });
}

export async function updateUser({ deps, actor, userId, input }: { deps: Deps; actor: Actor; userId: string; input: UpdateUserInput }) {
  authorize(actor, 'user.update');
  if (input.password) assertStrongPassword(input.password, input.name ? [input.name] : []);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const before = await findUser(tx, userId);
    if (!before) throw notFound('user');
    const nextRole = input.role ?? before.role;
    if ((nextRole === 'customer') !== (before.role === 'customer')) {
      throw new AppError('validation_failed', 'a user cannot move between staff and customer roles', {
        role: 'cannot cross staff/customer',
      });
    }
    if (nextRole === 'customer' && input.designation) {
      throw new AppError('validation_failed', 'customer users have no designation', { designation: 'must be empty for customers' });
    }
    if (userId === actor.id && (input.isActive === false || (input.role && input.role !== 'admin'))) {
      throw new AppError('validation_failed', 'you cannot deactivate or demote yourself', { role: 'self' });
    }
    const { password: _password, ...fields } = input;
    const row = await updateUserRow(tx, userId, { ...fields, ...(passwordHash ? { passwordHash } : {}), updatedAt: now });
    // A reset password, a deactivation or a new role ends every session and token: nothing signed in
    // under the old terms keeps working, and re-activating later brings none of them back.
    const isRevoking = Boolean(passwordHash) || input.isActive === false || (input.role !== undefined && input.role !== before.role);
    const revoked = isRevoking ? await revokeAllCredentials({ tx, userId, at: now }) : null;
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'user.update',
      entityType: 'user',
      entityId: userId,
      before: auditView(before),
      after: { ...auditView(row), ...(passwordHash ? { passwordChanged: true } : {}), ...(revoked ? { revoked } : {}) },
      at: now,
    });
    return toUserDto(row);
  });
}

export async function listUsers({ deps, actor, filter }: { deps: Deps; actor: Actor; filter: ListUsersFilter }) {
  const isStaffOnly = filter.isStaff === 'true';
  // Staff need the list of colleagues to assign work; only admins see everyone.
  authorize(actor, isStaffOnly && !filter.customerId && filter.role !== 'customer' ? 'user.list_staff' : 'user.list_all');
  const rows = await selectUsers(deps.db, {
    role: filter.role,
    customerId: filter.customerId,
    q: filter.q,
    isStaff: filter.isStaff === undefined ? undefined : isStaffOnly,
  });
  return { items: rows.map(toUserDto) };
}

/**
 * On first start with no users, creates the administrator from configuration, or with a random
 * password that is returned once so the caller can print it.
 */
export async function ensureInitialAdmin({ deps }: { deps: Deps }): Promise<{ email: string; generatedPassword?: string } | null> {
  if ((await countUsers(deps.db)) > 0) return null;
  const email = (deps.config.adminEmail ?? 'admin@aftersales.local').toLowerCase();
  const generatedPassword = deps.config.adminPassword ? undefined : randomToken(12);
  const password = deps.config.adminPassword ?? (generatedPassword as string);
  const passwordHash = await hashPassword(password);
  const now = deps.clock();
  const isCreated = await deps.db.transaction(async (tx) => {
    const row = await insertUser(tx, { email, name: '系统管理员', role: 'admin', passwordHash, createdAt: now, updatedAt: now });
    // Another server process starting at the same moment created it first: its password is the one
    // that works, so this process must not print (or claim) its own.
    if (!row) return false;
    await insertAudit(tx, {
      actorId: null,
      action: 'user.bootstrap_admin',
      entityType: 'user',
      entityId: row.id,
      after: { email },
      at: now,
    });
    return true;
  });
  return isCreated ? { email, generatedPassword } : null;
}
