/**
 * A signature drawn on a canvas arrives as `data:image/png;base64,…`. It is accepted only when the bytes
 * really are a PNG (the 8-byte magic) and within the size cap; anything else is described, not thrown.
 */
export const SIGNATURE_MAX_BYTES = 200 * 1024;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PREFIX = 'data:image/png;base64,';

export type SignatureCheck = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'not_data_url' | 'not_png' | 'too_large' };

export function decodeBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function checkPngDataUrl(value: string, maxBytes = SIGNATURE_MAX_BYTES): SignatureCheck {
  if (!value.startsWith(PREFIX)) return { ok: false, reason: 'not_data_url' };
  const b64 = value.slice(PREFIX.length);
  // Base64 is 4 characters for 3 bytes: refuse before decoding anything huge.
  if ((b64.length / 4) * 3 > maxBytes + 3) return { ok: false, reason: 'too_large' };
  const bytes = decodeBase64(b64);
  if (!bytes) return { ok: false, reason: 'not_data_url' };
  if (bytes.length > maxBytes) return { ok: false, reason: 'too_large' };
  if (bytes.length < 8 || PNG_MAGIC.some((b, i) => bytes[i] !== b)) return { ok: false, reason: 'not_png' };
  return { ok: true, bytes };
}

/** A scanned paper sheet: a PDF, PNG or JPEG by its magic bytes. */
export function scanKind(bytes: Uint8Array): 'pdf' | 'png' | 'jpeg' | null {
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'pdf';
  if (PNG_MAGIC.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}
