import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { actorOf } from '../../http/request-context.ts';
import { TicketIdParams } from '../tickets/tickets.schema.ts';
import { AttachmentIdParams, AttachmentResponse } from './attachments.schema.ts';
import { openAttachment, uploadAttachment } from './attachments.service.ts';

export const attachmentRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/tickets/:id/attachments',
    { schema: { tags: ['attachments'], params: TicketIdParams, consumes: ['multipart/form-data'], response: { 201: AttachmentResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!req.isMultipart()) throw new AppError('validation_failed', 'send the file as multipart/form-data', { file: 'required' });
      const file = await req.file({ limits: { fileSize: deps.config.maxUploadBytes, files: 1 } });
      if (!file) throw new AppError('validation_failed', 'no file in the upload', { file: 'required' });
      // Fields sent before the file are available here; `internal` marks a staff-only file.
      const internalField = file.fields.internal;
      const isInternal = !Array.isArray(internalField) && internalField?.type === 'field' && internalField.value === 'true';
      const attachment = await uploadAttachment({
        deps,
        actor,
        ticketId: req.params.id,
        fileName: file.filename,
        stream: file.file,
        isTruncated: () => file.file.truncated,
        isInternal,
      });
      return reply.code(201).send(attachment);
    },
  );

  app.get('/attachments/:id', { schema: { tags: ['attachments'], params: AttachmentIdParams } }, async (req, reply) => {
    const { attachment, stream } = await openAttachment({ deps, actor: actorOf(req), attachmentId: req.params.id });
    const inline = attachment.contentType.startsWith('image/') || attachment.contentType === 'application/pdf';
    return reply
      .header('content-type', attachment.contentType)
      .header('content-length', attachment.sizeBytes)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`)
      .send(stream);
  });
};
