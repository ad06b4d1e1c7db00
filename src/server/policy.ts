// The policy lives in src/domain/policy.ts (shared with the web); this module re-exports it and adds
// the two server helpers that throw the API's errors.
import { type Action, denial, listScope, type Resource, type Subject } from '../domain/policy.ts';
import { AppError } from './errors.ts';

export * from '../domain/policy.ts';

/** Throws when the actor may not act: 404 for another organisation's resource, else 403. */
export function authorize(actor: Subject, action: Action, resource?: Resource, what = 'resource'): void {
  const refused = denial(actor, action, resource);
  if (refused === 'not_found') throw new AppError('not_found', `${what} not found`);
  if (refused === 'forbidden') throw new AppError('forbidden', `not allowed to ${action.replace('.', ' ')}`);
}

/** The organisation a list must be confined to, or null when the actor sees every customer. */
export function customerScope(actor: Subject): string | null {
  const scope = listScope(actor);
  if (scope === undefined) throw new AppError('forbidden', 'customer user without an organisation');
  return scope;
}
