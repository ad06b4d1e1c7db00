import type { User } from '../../api/types.ts';

/** Mirrors policy.ts: admins, managers and agents sign contracts and quotes; engineers read and register visits. */
export function canManageContracts(user: User): boolean {
  return user.role === 'admin' || user.role === 'manager' || user.role === 'agent';
}

export function canRegisterVisits(user: User): boolean {
  return canManageContracts(user) || user.role === 'engineer';
}

/** Service tiers: admins only (tier.manage). */
export function canManageTiers(user: User): boolean {
  return user.role === 'admin';
}
