import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DOCUMENT_KINDS } from '../../../domain/contracts/vocabulary.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { sendDownload } from '../../http/download.ts';
import { receiveStreamedUpload } from '../../http/multipart.ts';
import { actorOf } from '../../http/request-context.ts';
import {
  ConfigItemBody,
  ConfigItemListResponse,
  ConfigItemResponse,
  DocumentListResponse,
  DocumentParams,
  DocumentResponse,
  HandoverBody,
  HandoverParams,
  ModuleBody,
  ModuleListResponse,
  ModuleResponse,
  ProfileBody,
  ProfileResponse,
  ProjectBody,
  ProjectResponse,
  TimelineResponse,
  UpdateConfigItemBody,
  UpdateModuleBody,
} from './archive.schema.ts';
import {
  addConfigItem,
  addModule,
  getProfile,
  getProject,
  getTimeline,
  listConfigItems,
  listDocuments,
  listModules,
  openDocument,
  removeConfigItem,
  removeModule,
  setHandoverItem,
  updateConfigItem,
  updateModule,
  updateProfile,
  updateProject,
  uploadDocument,
} from './archive.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['archive'];

export const archiveRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/customers/:id/profile', { schema: { tags, params: IdParams, response: { 200: ProfileResponse } } }, async (req) =>
    getProfile({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.patch(
    '/customers/:id/profile',
    { schema: { tags, params: IdParams, body: ProfileBody, response: { 200: ProfileResponse } } },
    async (req) => updateProfile({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body }),
  );

  app.get('/customers/:id/modules', { schema: { tags, params: IdParams, response: { 200: ModuleListResponse } } }, async (req) =>
    listModules({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.post(
    '/customers/:id/modules',
    { schema: { tags, params: IdParams, body: ModuleBody, response: { 201: ModuleResponse } } },
    async (req, reply) => reply.code(201).send(await addModule({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body })),
  );
  app.patch(
    '/modules/:id',
    { schema: { tags, params: IdParams, body: UpdateModuleBody, response: { 200: ModuleResponse } } },
    async (req) => updateModule({ deps, actor: actorOf(req), moduleId: req.params.id, input: req.body }),
  );
  app.delete('/modules/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await removeModule({ deps, actor: actorOf(req), moduleId: req.params.id });
    return reply.code(204).send();
  });

  app.get(
    '/customers/:id/configuration-items',
    { schema: { tags, params: IdParams, response: { 200: ConfigItemListResponse } } },
    async (req) => listConfigItems({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.post(
    '/customers/:id/configuration-items',
    { schema: { tags, params: IdParams, body: ConfigItemBody, response: { 201: ConfigItemResponse } } },
    async (req, reply) =>
      reply.code(201).send(await addConfigItem({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body })),
  );
  app.patch(
    '/configuration-items/:id',
    { schema: { tags, params: IdParams, body: UpdateConfigItemBody, response: { 200: ConfigItemResponse } } },
    async (req) => updateConfigItem({ deps, actor: actorOf(req), itemId: req.params.id, input: req.body }),
  );
  app.delete('/configuration-items/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await removeConfigItem({ deps, actor: actorOf(req), itemId: req.params.id });
    return reply.code(204).send();
  });

  app.get('/customers/:id/project', { schema: { tags, params: IdParams, response: { 200: ProjectResponse } } }, async (req) =>
    getProject({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.patch(
    '/customers/:id/project',
    { schema: { tags, params: IdParams, body: ProjectBody, response: { 200: ProjectResponse } } },
    async (req) => updateProject({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body }),
  );
  app.put(
    '/customers/:id/handover/:item',
    { schema: { tags, params: HandoverParams, body: HandoverBody, response: { 200: ProjectResponse } } },
    async (req) => setHandoverItem({ deps, actor: actorOf(req), customerId: req.params.id, item: req.params.item, input: req.body }),
  );

  app.get('/customers/:id/documents', { schema: { tags, params: IdParams, response: { 200: DocumentListResponse } } }, async (req) =>
    listDocuments({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.post(
    '/customers/:id/documents',
    { schema: { tags, params: IdParams, consumes: ['multipart/form-data'], response: { 201: DocumentResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      // Fields must come before the file: kind (required), title, internal.
      const doc = await receiveStreamedUpload(req, {
        maxBytes: deps.config.maxUploadBytes,
        store: (upload, fields) => {
          const kind = z.enum(DOCUMENT_KINDS).safeParse(fields.kind);
          if (!kind.success) {
            upload.stream.resume();
            throw new AppError('validation_failed', `kind must be one of ${DOCUMENT_KINDS.join(', ')}`, { kind: 'invalid' });
          }
          return uploadDocument({
            deps,
            actor,
            customerId: req.params.id,
            kind: kind.data,
            title: fields.title?.trim().slice(0, 200) || null,
            isInternal: fields.internal === 'true',
            ...upload,
          });
        },
      });
      return reply.code(201).send(doc);
    },
  );
  app.get('/customers/:id/documents/:documentId', { schema: { tags, params: DocumentParams } }, async (req, reply) => {
    const { document, stream } = await openDocument({
      deps,
      actor: actorOf(req),
      customerId: req.params.id,
      documentId: req.params.documentId,
    });
    return sendDownload(reply, {
      body: stream,
      fileName: document.fileName,
      contentType: document.contentType,
      sizeBytes: document.sizeBytes,
      isInline: true,
    });
  });

  app.get('/customers/:id/timeline', { schema: { tags, params: IdParams, response: { 200: TimelineResponse } } }, async (req) =>
    getTimeline({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
};
