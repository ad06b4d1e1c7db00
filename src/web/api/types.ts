// Response shapes come from the server's Zod schemas; JSON turns their Dates into ISO strings.
import type { z } from 'zod';
import type { CreateTokenResponse, MeResponse, TokenSummary } from '../../server/features/auth/auth.schema.ts';
import type { CalendarResponse } from '../../server/features/calendars/calendars.schema.ts';
import type { ContactResponse, CustomerDetailResponse, CustomerListItem } from '../../server/features/customers/customers.schema.ts';
import type { NotificationResponse } from '../../server/features/notifications/notifications.schema.ts';
import type { PolicyResponse } from '../../server/features/sla/sla.schema.ts';
import type { SlaTargetView } from '../../server/features/sla/sla-target.schema.ts';
import type {
  AtRiskResponse,
  AttachmentResponse,
  ListTicketsQuery,
  TicketCountsResponse,
  TicketDetailResponse,
  TicketEventResponse,
  TicketResponse,
} from '../../server/features/tickets/tickets.schema.ts';
import type { UserResponse } from '../../server/features/users/users.schema.ts';

export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

export type Page<T> = { items: T[]; nextCursor: string | null };

export type User = Json<z.infer<typeof UserResponse>>;
export type Me = Json<z.infer<typeof MeResponse>>;
export type ApiTokenSummary = Json<z.infer<typeof TokenSummary>>;
export type CreatedApiToken = Json<z.infer<typeof CreateTokenResponse>>;

export type Contact = Json<z.infer<typeof ContactResponse>>;
export type CustomerListRow = Json<z.infer<typeof CustomerListItem>>;
export type CustomerDetail = Json<z.infer<typeof CustomerDetailResponse>>;

export type Ticket = Json<z.infer<typeof TicketResponse>>;
export type TicketDetail = Json<z.infer<typeof TicketDetailResponse>>;
export type TicketEvent = Json<z.infer<typeof TicketEventResponse>>;
export type Attachment = Json<z.infer<typeof AttachmentResponse>>;
export type TicketCounts = z.infer<typeof TicketCountsResponse>;

/** Filters the list endpoint accepts, as the browser holds them (arrays become comma lists). */
export type TicketFilters = Partial<Omit<z.input<typeof ListTicketsQuery>, 'status' | 'severity' | 'cursor' | 'limit'>> & {
  status?: z.output<typeof ListTicketsQuery>['status'];
  severity?: z.output<typeof ListTicketsQuery>['severity'];
  limit?: number;
};

export type SlaTarget = Json<z.infer<typeof SlaTargetView>>;
export type SlaPolicy = Json<z.infer<typeof PolicyResponse>>;
export type AtRiskItem = Json<z.infer<typeof AtRiskResponse>>['items'][number];
export type CalendarRecord = Json<z.infer<typeof CalendarResponse>>;
export type AppNotification = Json<z.infer<typeof NotificationResponse>>;
export type NotificationList = { items: AppNotification[]; unreadCount: number };
