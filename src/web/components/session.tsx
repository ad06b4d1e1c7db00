import { createContext, type ReactNode, useContext } from 'react';
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

export function isStaff(user: User): boolean {
  return user.role !== 'customer';
}

/** Calendars and SLA policies: admins and managers edit them, other staff read them. */
export function canManageSla(user: User): boolean {
  return user.role === 'admin' || user.role === 'manager';
}
