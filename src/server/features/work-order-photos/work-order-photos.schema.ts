import { z } from 'zod';
import { WORK_ORDER_FILE_KINDS } from '../../../domain/field/work-orders.ts';

export const WorkOrderIdParams = z.object({ id: z.uuid() });
export const PhotoParams = z.object({ id: z.uuid(), photoId: z.uuid() });

/** The text fields sent before the file: the phone's id for the upload (replays) and what it is. */
export const UploadFields = z.object({
  clientId: z.uuid(),
  kind: z.enum(WORK_ORDER_FILE_KINDS).default('photo'),
});
export type UploadFieldsInput = z.infer<typeof UploadFields>;

export const PhotoResponse = z.object({
  id: z.uuid(),
  workOrderId: z.uuid(),
  clientId: z.uuid(),
  kind: z.enum(WORK_ORDER_FILE_KINDS),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  uploadedById: z.uuid(),
  createdAt: z.date(),
});
export const PhotoListResponse = z.object({ items: z.array(PhotoResponse) });
