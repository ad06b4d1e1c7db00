import { z } from 'zod';

export { AttachmentResponse } from '../tickets/tickets.schema.ts';
export const AttachmentIdParams = z.object({ id: z.uuid() });

/**
 * What may be attached to a tracking card: screenshots, scans (fax), documents, logs, archives and
 * call recordings. Decided by the file's bytes, not by its name or the browser's claim.
 */
export const ALLOWED_CONTENT_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'image/tiff',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/x-cfb',
  'application/zip',
  'application/x-7z-compressed',
  'application/gzip',
  'application/x-rar-compressed',
  'audio/mpeg',
  'audio/wav',
  'audio/x-m4a',
  'audio/mp4',
  'text/plain',
]);
