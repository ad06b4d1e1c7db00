import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { sendDownload } from '../../http/download.ts';
import { receiveStreamedUpload } from '../../http/multipart.ts';
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
      // Fields sent before the file: `internal` marks a staff-only file.
      const attachment = await receiveStreamedUpload(req, {
        maxBytes: deps.config.maxUploadBytes,
        store: (upload, fields) =>
          uploadAttachment({ deps, actor, ticketId: req.params.id, ...upload, isInternal: fields.internal === 'true' }),
      });
      return reply.code(201).send(attachment);
    },
  );

  app.get('/attachments/:id', { schema: { tags: ['attachments'], params: AttachmentIdParams } }, async (req, reply) => {
    const { attachment, stream } = await openAttachment({ deps, actor: actorOf(req), attachmentId: req.params.id });
    return sendDownload(reply, {
      body: stream,
      fileName: attachment.fileName,
      contentType: attachment.contentType,
      sizeBytes: attachment.sizeBytes,
      isInline: true,
    });
  });
};
