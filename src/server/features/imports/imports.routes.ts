import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { receiveBufferedUpload } from '../../http/multipart.ts';
import { actorOf } from '../../http/request-context.ts';
import { authorize } from '../../policy.ts';
import { ImportCommitResponse, ImportFields, type ImportFieldsInput, ImportPreviewResponse } from './imports.schema.ts';
import { commitImport, type ImportUpload, previewImport } from './imports.service.ts';

/**
 * The multipart body: one `file` part plus the `kind` (and `token`) fields, in any order — unlike
 * the attachment routes, the fields may follow the file, so a browser's FormData needs no care.
 * The file is held in memory: it is at most the upload limit (AFTERSALES_MAX_UPLOAD_MB, the same as
 * attachments; the multipart plugin stops a larger one with 413) and both CSV and XLSX readers need
 * it whole anyway.
 */
async function readImportForm(req: FastifyRequest, deps: Deps): Promise<{ fields: ImportFieldsInput; upload: ImportUpload }> {
  const { upload, fields: values } = await receiveBufferedUpload(req, { maxBytes: deps.config.maxUploadBytes });
  const fields = ImportFields.safeParse(values);
  if (!fields.success) {
    const messages = Object.fromEntries(fields.error.issues.map((i) => [i.path.join('.') || 'body', i.message]));
    throw new AppError('validation_failed', 'kind must be customers, contacts or modules', messages);
  }
  return { fields: fields.data, upload };
}

export const importRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['imports'];

  app.post(
    '/imports/preview',
    { schema: { tags, consumes: ['multipart/form-data'], response: { 200: ImportPreviewResponse } } },
    async (req) => {
      const actor = actorOf(req);
      // Refused before the upload is read.
      authorize(actor, 'archive.import');
      const { fields, upload } = await readImportForm(req, deps);
      return previewImport({ deps, actor, kind: fields.kind, upload });
    },
  );

  app.post(
    '/imports/commit',
    { schema: { tags, consumes: ['multipart/form-data'], response: { 201: ImportCommitResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      authorize(actor, 'archive.import');
      const { fields, upload } = await readImportForm(req, deps);
      return reply.code(201).send(await commitImport({ deps, actor, kind: fields.kind, token: fields.token, upload }));
    },
  );
};
