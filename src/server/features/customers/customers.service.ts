import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { type Actor, authorize, customerScope } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { refreshSearchVectorsOfCustomer } from '../search/search.repo.ts';
import {
  findActiveStaffUser,
  findCustomer,
  findCustomerByName,
  insertContact,
  insertCustomer,
  selectContacts,
  selectCustomers,
  updateCustomerRow,
} from './customers.repo.ts';
import type { ContactInput, CreateCustomerInput, ListCustomersFilter, UpdateCustomerInput } from './customers.schema.ts';

export async function createCustomer({ deps, actor, input }: { deps: Deps; actor: Actor; input: CreateCustomerInput }) {
  authorize(actor, 'customer.create');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    // The unique index decides, so two agents registering the same hospital cannot both succeed.
    const row = await insertCustomer(tx, input, now);
    if (!row) throw new AppError('conflict', `customer "${input.name}" already exists`, { name: 'taken' });
    await insertAudit(tx, { actorId: actor.id, action: 'customer.create', entityType: 'customer', entityId: row.id, after: row, at: now });
    return row;
  });
}

export async function updateCustomer({
  deps,
  actor,
  customerId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  customerId: string;
  input: UpdateCustomerInput;
}) {
  authorize(actor, 'customer.update');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const before = await findCustomer(tx, customerId);
    if (!before) throw notFound('customer');
    if (input.name && input.name !== before.name && (await findCustomerByName(tx, input.name))) {
      throw new AppError('conflict', `customer "${input.name}" already exists`, { name: 'taken' });
    }
    if (input.responsibleEngineerId && !(await findActiveStaffUser(tx, input.responsibleEngineerId))) {
      throw new AppError('validation_failed', 'the responsible engineer must be an active staff user', {
        responsibleEngineerId: 'not active staff',
      });
    }
    const row = await updateCustomerRow(tx, customerId, input, now);
    // The name is in every request's search vector.
    if (row && row.name !== before.name) await refreshSearchVectorsOfCustomer(tx, customerId);
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'customer.update',
      entityType: 'customer',
      entityId: customerId,
      before,
      after: row,
      at: now,
    });
    return row;
  });
}

export async function listCustomers({ deps, actor, filter }: { deps: Deps; actor: Actor; filter: ListCustomersFilter }) {
  const scope = customerScope(actor);
  if (!scope) authorize(actor, 'customer.list');
  const after = filter.cursor ? decodeCursor(filter.cursor, 2) : undefined;
  const rows = await selectCustomers(deps.db, {
    q: filter.q,
    province: filter.province,
    onlyId: scope ?? undefined,
    after: after ? { name: String(after[0]), id: String(after[1]) } : undefined,
    limit: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: rows.length > filter.limit && last ? encodeCursor([last.name, last.id]) : null };
}

export async function getCustomer({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  authorize(actor, 'customer.read', { customerId }, 'customer');
  const [row] = await selectCustomers(deps.db, { onlyId: customerId, limit: 1 });
  if (!row) throw notFound('customer');
  const contacts = await selectContacts(deps.db, [customerId]);
  return { ...row, contacts };
}

export async function listContacts({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  authorize(actor, 'customer.read', { customerId }, 'customer');
  if (!(await findCustomer(deps.db, customerId))) throw notFound('customer');
  return { items: await selectContacts(deps.db, [customerId]) };
}

export async function addContact({
  deps,
  actor,
  customerId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  customerId: string;
  input: ContactInput;
}) {
  authorize(actor, 'contact.create');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    if (!(await findCustomer(tx, customerId))) throw notFound('customer');
    const row = await insertContact(tx, customerId, input, now);
    await insertAudit(tx, { actorId: actor.id, action: 'contact.create', entityType: 'contact', entityId: row.id, after: row, at: now });
    return row;
  });
}
