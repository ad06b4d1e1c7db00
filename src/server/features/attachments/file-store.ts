import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../errors.ts';
import { ALLOWED_CONTENT_TYPES } from './attachments.schema.ts';

const SNIFF_BYTES = 4100;

export type StoredFile = { storageKey: string; sizeBytes: number; sha256: string; contentType: string };

/**
 * Whether the bytes are UTF-8 text. When `head` is only the start of a longer file, a multi-byte
 * character cut at its end is not a reason to refuse: stream mode holds such a tail back instead
 * of failing. A whole file must decode completely.
 */
function looksLikeText(head: Buffer, isWholeFile: boolean): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !isWholeFile });
    return true;
  } catch {
    return false;
  }
}

async function sniff(head: Buffer, isWholeFile: boolean): Promise<string> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) return detected.mime;
  return head.length > 0 && looksLikeText(head, isWholeFile) ? 'text/plain' : 'application/octet-stream';
}

/**
 * Streams an upload to disk under the data directory: counts bytes (the multipart limit stops
 * oversize files), hashes, sniffs the real type, and removes the file again if it is refused.
 */
export async function storeUpload({
  root,
  stream,
  isTruncated,
  allowed = ALLOWED_CONTENT_TYPES,
}: {
  root: string;
  stream: Readable;
  isTruncated: () => boolean;
  /** The types this upload may be (default: what a tracking card accepts); any other is refused with 415. */
  allowed?: ReadonlySet<string>;
}): Promise<StoredFile> {
  const now = new Date();
  const storageKey = path.join(String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'), randomUUID());
  const finalPath = path.join(root, storageKey);
  const tempPath = `${finalPath}.part`;
  await mkdir(path.dirname(finalPath), { recursive: true });
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let sniffed = 0;
  let sizeBytes = 0;
  try {
    await pipeline(
      stream,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          sizeBytes += chunk.length;
          if (sniffed < SNIFF_BYTES) {
            chunks.push(chunk);
            sniffed += chunk.length;
          }
          yield chunk;
        }
      },
      createWriteStream(tempPath),
    );
    if (isTruncated()) throw new AppError('payload_too_large', 'file is larger than the upload limit', { file: 'too large' });
    if (sizeBytes === 0) throw new AppError('validation_failed', 'file is empty', { file: 'empty' });
    const contentType = await sniff(Buffer.concat(chunks).subarray(0, SNIFF_BYTES), sizeBytes <= SNIFF_BYTES);
    if (!allowed.has(contentType)) {
      throw new AppError('unsupported_media_type', `files of type ${contentType} cannot be attached`, { file: contentType });
    }
    await rename(tempPath, finalPath);
    return { storageKey, sizeBytes, sha256: hash.digest('hex'), contentType };
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}

export function openStoredFile(root: string, storageKey: string): Readable {
  return createReadStream(path.join(root, storageKey));
}

export async function removeStoredFile(root: string, storageKey: string): Promise<void> {
  await rm(path.join(root, storageKey), { force: true });
}
