import { createContext, type ReactNode, useCallback, useContext } from 'react';
import { type Action, can, type Resource } from '../../domain/policy.ts';
import type { User } from '../api/types.ts';
import { DEFAULT_TIME_ZONE } from '../lib/time.ts';

const SessionContext = createContext<User | null>(null);

export function SessionProvider({ user, children }: { user: User; children: ReactNode }) {
  return <SessionContext.Provider value={user}>{children}</SessionContext.Provider>;
}

/** The signed-in user; only valid under a route that requires sign-in. */
export function useSession(): User {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useSession outside a signed-in route');
  return user;
}

export function useTimeZone(): string {
  return useContext(SessionContext)?.timeZone || DEFAULT_TIME_ZONE;
}

/**
 * The server's own policy (src/domain/policy.ts) for the signed-in user: show what the server allows,
 * hide what it would refuse. Pages never test roles themselves.
 */
export function useCan(): (action: Action, resource?: Resource) => boolean {
  const user = useSession();
  return useCallback((action: Action, resource?: Resource) => can(user, action, resource), [user]);
}
