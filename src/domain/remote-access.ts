// Remote access grants (001 1.3, 003 6.6): the customer lets an engineer in for a request, for a window.
// Pure rules: which methods exist, and whether a grant is in force at an instant.

export const REMOTE_ACCESS_METHODS = ['vpn', 'remote_desktop', 'dial_in', 'other'] as const;
export type RemoteAccessMethod = (typeof REMOTE_ACCESS_METHODS)[number];

/** Where a grant stands at an instant: not yet open, in force, past its end, or withdrawn. */
export const GRANT_STATES = ['scheduled', 'active', 'ended', 'revoked'] as const;
export type GrantState = (typeof GRANT_STATES)[number];

export type GrantWindow = { validFrom: Date; validUntil: Date; revokedAt: Date | null };

/** The window is half-open: in force from `validFrom` up to, not including, `validUntil`. */
export function grantState(grant: GrantWindow, now: Date): GrantState {
  if (grant.revokedAt && grant.revokedAt.getTime() <= now.getTime()) return 'revoked';
  if (now.getTime() < grant.validFrom.getTime()) return 'scheduled';
  if (now.getTime() >= grant.validUntil.getTime()) return 'ended';
  return 'active';
}

/** A window must end after it starts. */
export function isValidWindow(validFrom: Date, validUntil: Date): boolean {
  return validUntil.getTime() > validFrom.getTime();
}
