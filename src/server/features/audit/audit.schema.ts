import { z } from 'zod';

export const ListAuditQuery = z.object({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.coerce.number().int().positive().optional(),
});
export type ListAuditFilter = z.infer<typeof ListAuditQuery>;

export const AuditEntryResponse = z.object({
  id: z.number().int(),
  actorId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  createdAt: z.date(),
});
export const AuditListResponse = z.object({ items: z.array(AuditEntryResponse), nextCursor: z.string().nullable() });
