import { z } from 'zod';
import { GRANT_STATES, REMOTE_ACCESS_METHODS } from '../../../domain/remote-access.ts';

const shortText = (max: number) => z.string().trim().min(1).max(max);
const instant = z.coerce.date();

/** A grant: the secret (password, VPN key…) is write-only: no response schema has a field for it. */
export const GrantBody = z
  .object({
    method: z.enum(REMOTE_ACCESS_METHODS),
    /** What it reaches, e.g. "HIS 数据库服务器 10.1.2.3". */
    target: shortText(300).optional(),
    /** Who at the hospital granted it; a portal user granting it themselves may leave it out (their name). */
    grantedByName: shortText(100).optional(),
    validFrom: instant,
    validUntil: instant,
    secret: z.string().min(1).max(4000),
  })
  .strict();
export type GrantInput = z.infer<typeof GrantBody>;

const Person = z.object({ id: z.uuid(), name: z.string() });

/** What leaves the server about a grant: never the secret, never its ciphertext. */
export const GrantResponse = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  method: z.enum(REMOTE_ACCESS_METHODS),
  target: z.string().nullable(),
  grantedByName: z.string(),
  grantedBy: Person.nullable(),
  recordedBy: Person,
  validFrom: z.date(),
  validUntil: z.date(),
  state: z.enum(GRANT_STATES),
  /** The secret is still stored (not yet erased). */
  hasSecret: z.boolean(),
  secretErasedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  /** The caller may reveal the secret now (an assigned engineer, inside the window). */
  canReveal: z.boolean(),
  createdAt: z.date(),
});
export type GrantDto = z.infer<typeof GrantResponse>;
export const GrantListResponse = z.object({ items: z.array(GrantResponse) });

export const SecretResponse = z.object({ secret: z.string() });

export const SessionBody = z
  .object({
    startedAt: instant,
    endedAt: instant.optional(),
    summary: shortText(4000),
  })
  .strict();
export type SessionInput = z.infer<typeof SessionBody>;

export const SessionResponse = z.object({
  id: z.uuid(),
  grantId: z.uuid(),
  engineer: Person,
  startedAt: z.date(),
  endedAt: z.date().nullable(),
  summary: z.string(),
  createdAt: z.date(),
});
export const SessionListResponse = z.object({ items: z.array(SessionResponse) });
