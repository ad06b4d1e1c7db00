import { z } from 'zod';
import { DISTANCE_CLASSES } from '../../../domain/sla.ts';
import { CONTACT_ROLES, CUSTOMER_KINDS } from '../../../domain/vocabulary.ts';

const shortText = (max: number) => z.string().trim().min(1).max(max);

export const CreateCustomerBody = z
  .object({
    name: shortText(200),
    kind: z.enum(CUSTOMER_KINDS).default('hospital'),
    province: shortText(50),
    city: shortText(50),
    grade: shortText(50).optional(),
    address: shortText(300).optional(),
    /** Relative to the vendor's service base: decides the on-site arrival target (same city 2 h, province 24 h, elsewhere 48 h). */
    distanceClass: z.enum(DISTANCE_CLASSES).default('same_province'),
  })
  .strict();
export type CreateCustomerInput = z.infer<typeof CreateCustomerBody>;

// Spelled out rather than CreateCustomerBody.partial(): a partial keeps the defaults, and a PATCH
// that omits `kind` must not reset it to "hospital".
export const UpdateCustomerBody = z
  .object({
    name: shortText(200).optional(),
    kind: z.enum(CUSTOMER_KINDS).optional(),
    province: shortText(50).optional(),
    city: shortText(50).optional(),
    grade: shortText(50).nullable().optional(),
    address: shortText(300).nullable().optional(),
    distanceClass: z.enum(DISTANCE_CLASSES).optional(),
    /** The named engineer responsible for the customer after acceptance (000); the default assignee at intake. */
    responsibleEngineerId: z.uuid().nullable().optional(),
  })
  .strict();
export type UpdateCustomerInput = z.infer<typeof UpdateCustomerBody>;

export const ContactBody = z
  .object({
    name: shortText(100),
    role: z.enum(CONTACT_ROLES).default('other'),
    title: shortText(100).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{3,30}$/, 'digits, spaces, + - ( ) only')
      .optional(),
    email: z.email().max(254).optional(),
    isPrimary: z.boolean().default(false),
  })
  .strict();
export type ContactInput = z.infer<typeof ContactBody>;

export const ContactResponse = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  name: z.string(),
  role: z.enum(CONTACT_ROLES),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  isPrimary: z.boolean(),
});
export type ContactDto = z.infer<typeof ContactResponse>;

/** What leaves the server: listing fields here keeps internal columns from leaking. */
export const CustomerResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(CUSTOMER_KINDS),
  province: z.string(),
  city: z.string(),
  grade: z.string().nullable(),
  address: z.string().nullable(),
  distanceClass: z.enum(DISTANCE_CLASSES),
  /** The responsible engineer (000); the default assignee at intake. */
  responsibleEngineerId: z.uuid().nullable().optional(),
  createdAt: z.date(),
});
export type CustomerDto = z.infer<typeof CustomerResponse>;

export const CustomerDetailResponse = CustomerResponse.extend({
  contacts: z.array(ContactResponse),
  openTicketCount: z.number().int(),
});

export const ListCustomersQuery = z.object({
  q: z.string().trim().max(100).optional(),
  province: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListCustomersFilter = z.infer<typeof ListCustomersQuery>;

export const CustomerListItem = CustomerResponse.extend({ openTicketCount: z.number().int() });
export const CustomerListResponse = z.object({ items: z.array(CustomerListItem), nextCursor: z.string().nullable() });
export const ContactListResponse = z.object({ items: z.array(ContactResponse) });
