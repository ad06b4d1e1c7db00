import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { cleanFileName } from '../../domain/files/file-name.ts';
import { AppError } from '../errors.ts';

// The one multipart parser: a single `file` part plus a few text fields, for attachments, archive
// documents and imports. The file name is cleaned (domain/files/file-name.ts: bidi and control
// characters removed) or refused with 400 when it is not valid UTF-8. The upload limit
// (AFTERSALES_MAX_UPLOAD_MB) stops a larger file: a streamed file reports `isTruncated()` (the
// store answers 413), a buffered one throws the plugin's 413 at once.

export type StreamedUpload = { fileName: string; stream: Readable; isTruncated: () => boolean };
export type BufferedUpload = { fileName: string; bytes: Buffer };

function requireMultipart(req: FastifyRequest) {
  if (!req.isMultipart()) throw new AppError('validation_failed', 'send the file as multipart/form-data', { file: 'required' });
}

function fileNameOf(raw: string): string {
  const result = cleanFileName(raw);
  if (!result.ok) throw new AppError('validation_failed', 'the file name is not valid UTF-8', { file: 'invalid file name' });
  return result.name;
}

/**
 * Streams the file to `store` (to disk, hashed and sniffed on the way) without holding it in memory.
 * Fields must come before the file part (a browser's FormData keeps the order they were appended in);
 * `store` receives them.
 */
export async function receiveStreamedUpload<T>(
  req: FastifyRequest,
  { maxBytes, store }: { maxBytes: number; store: (upload: StreamedUpload, fields: Record<string, string>) => Promise<T> },
): Promise<T> {
  requireMultipart(req);
  const file = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!file) throw new AppError('validation_failed', 'no file in the upload', { file: 'required' });
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(file.fields)) {
    const one = Array.isArray(value) ? value[0] : value;
    if (one?.type === 'field') fields[name] = String(one.value);
  }
  let fileName: string;
  try {
    fileName = fileNameOf(file.filename);
  } catch (error) {
    file.file.resume();
    throw error;
  }
  return store({ fileName, stream: file.file, isTruncated: () => file.file.truncated }, fields);
}

/** Reads the whole form, fields in any order, the file into memory (readers that need it whole: imports). */
export async function receiveBufferedUpload(
  req: FastifyRequest,
  { maxBytes }: { maxBytes: number },
): Promise<{ upload: BufferedUpload; fields: Record<string, string> }> {
  requireMultipart(req);
  const fields: Record<string, string> = {};
  let upload: BufferedUpload | undefined;
  let badName: AppError | undefined;
  for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
    if (part.type === 'file') {
      // toBuffer() throws the plugin's 413 error when the file is over the limit.
      const bytes = await part.toBuffer();
      try {
        upload = { fileName: fileNameOf(part.filename), bytes };
      } catch (error) {
        badName = error as AppError;
      }
    } else {
      fields[part.fieldname] = String(part.value);
    }
  }
  if (badName) throw badName;
  if (!upload) throw new AppError('validation_failed', 'no file in the upload', { file: 'required' });
  return { upload, fields };
}
