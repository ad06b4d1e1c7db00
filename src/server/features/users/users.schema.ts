import { z } from 'zod';
import { ROLES, STAFF_DESIGNATIONS, TEAMS } from '../../../domain/vocabulary.ts';
import { UserResponse } from '../auth/auth.schema.ts';

// Length only here (the web app shares this schema); the service checks strength (password-strength.ts),
// so the strength dictionaries stay out of the browser bundle.
export const Password = z.string().min(10, 'at least 10 characters').max(200);

export const CreateUserBody = z
  .object({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(100),
    password: Password,
    role: z.enum(ROLES),
    customerId: z.uuid().optional(),
    team: z.enum(TEAMS).optional(),
    designation: z.enum(STAFF_DESIGNATIONS).optional(),
  })
  .strict();
export type CreateUserInput = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    role: z.enum(ROLES).optional(),
    team: z.enum(TEAMS).nullable().optional(),
    designation: z.enum(STAFF_DESIGNATIONS).nullable().optional(),
    isActive: z.boolean().optional(),
    password: Password.optional(),
  })
  .strict();
export type UpdateUserInput = z.infer<typeof UpdateUserBody>;

export const ListUsersQuery = z.object({
  role: z.enum(ROLES).optional(),
  customerId: z.uuid().optional(),
  q: z.string().max(100).optional(),
  isStaff: z.enum(['true', 'false']).optional(),
});
export type ListUsersFilter = z.infer<typeof ListUsersQuery>;

export const UserListResponse = z.object({ items: z.array(UserResponse) });
export { UserResponse };
