import { z } from 'zod';
import { isValidTimeZone } from '../../../domain/time-zone.ts';
import { ROLES, STAFF_DESIGNATIONS, TEAMS } from '../../../domain/vocabulary.ts';

export const LoginBody = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof LoginBody>;

/** The signed-in user as the API shows it: never the password hash. */
export const UserResponse = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  customerId: z.uuid().nullable(),
  team: z.enum(TEAMS).nullable(),
  /** 001 2.2: general manager … technical backbone (staff only). */
  designation: z.enum(STAFF_DESIGNATIONS).nullable(),
  isActive: z.boolean(),
  locale: z.string(),
  timeZone: z.string(),
  createdAt: z.date(),
});
export type UserDto = z.infer<typeof UserResponse>;

export const LoginResponse = z.object({ user: UserResponse, csrfToken: z.string() });
export const MeResponse = z.object({ user: UserResponse, csrfToken: z.string().nullable() });

export const CreateTokenBody = z.object({ name: z.string().trim().min(1).max(100) });
export const TokenSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
});
export const CreateTokenResponse = TokenSummary.extend({ token: z.string() });
export const TokenListResponse = z.object({ items: z.array(TokenSummary) });

export const UpdateMeBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    locale: z.enum(['zh-CN', 'en']).optional(),
    timeZone: z
      .string()
      .max(64)
      .refine((tz) => isValidTimeZone(tz), 'unknown IANA time zone')
      .optional(),
  })
  .strict();

export const ChangePasswordBody = z
  .object({
    currentPassword: z.string().min(1).max(200),
    // Strength is checked by the service, which knows the user's name and email.
    newPassword: z.string().min(1).max(200),
  })
  .strict();
