import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

// The one way a file leaves the server: stored uploads, generated PDFs and spreadsheets. The name
// survives in any language (RFC 6266 + RFC 5987: an ASCII fallback and the UTF-8 name), the browser
// never guesses the type (nosniff) and never runs what it got (a sandboxing CSP), and only images
// and PDFs may open in the tab; everything else is an attachment.

/** RFC 5987 `ext-value` characters: attr-char stays, everything else is percent-encoded UTF-8. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A quoted-string ASCII name for old clients: non-ASCII, quotes, backslashes and controls become `_`. */
export function asciiFallback(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot).replace(/[^A-Za-z0-9.]/g, '') : '';
  const base = (dot > 0 ? fileName.slice(0, dot) : fileName)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_')
    .replace(/_+/g, '_');
  return `${base.replace(/^_$/, '') || 'download'}${ext}`;
}

export function contentDisposition(fileName: string, { isInline = false, fallback }: { isInline?: boolean; fallback?: string } = {}) {
  return `${isInline ? 'inline' : 'attachment'}; filename="${asciiFallback(fallback ?? fileName)}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** Only these may open in the browser tab; any other type is always downloaded. */
const INLINE_TYPES = /^(image\/(png|jpeg|gif|webp)|application\/pdf)$/;

export function sendDownload(
  reply: FastifyReply,
  {
    body,
    fileName,
    contentType,
    sizeBytes,
    isInline = false,
    fallbackName,
    isPrivate = true,
  }: {
    body: Buffer | Readable;
    fileName: string;
    contentType: string;
    sizeBytes?: number;
    /** Ask to open it in the tab (honoured for images and PDFs only). */
    isInline?: boolean;
    /** The ASCII name for old clients, when the derived one would say nothing (e.g. `quote-BJ-2026-0001.pdf`). */
    fallbackName?: string;
    /** Not kept by shared caches (default: every file here belongs to someone). */
    isPrivate?: boolean;
  },
) {
  const length = sizeBytes ?? (Buffer.isBuffer(body) ? body.length : undefined);
  reply
    .header('content-type', contentType)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', isPrivate ? 'private, no-store' : 'no-cache')
    .header(
      'content-disposition',
      contentDisposition(fileName, { isInline: isInline && INLINE_TYPES.test(contentType), fallback: fallbackName }),
    );
  if (length !== undefined) reply.header('content-length', length);
  return reply.send(body);
}
