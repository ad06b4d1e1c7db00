import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { sendDownload } from '../../http/download.ts';
import { actorOf } from '../../http/request-context.ts';
import { LOCALES, toLocale } from '../../messages/catalogue.ts';
import {
  CertificationBody,
  CertificationListResponse,
  CertificationResponse,
  RetrainingResponse,
  SheetBody,
  TrainingBody,
  TrainingListResponse,
  TrainingResponse,
} from './trainings.schema.ts';
import {
  createCertification,
  createTraining,
  getTraining,
  listCertifications,
  listTrainings,
  retrainingStatus,
  sheetScan,
  signInSheetPdf,
  signSheet,
} from './trainings.service.ts';

const IdParams = z.object({ id: z.uuid() });
const DocumentQuery = z.object({ lang: z.enum(LOCALES).optional() }).strict();
const localeOf = (req: FastifyRequest<{ Querystring: z.infer<typeof DocumentQuery> }>) =>
  toLocale(req.query.lang ?? req.headers['accept-language'] ?? req.currentUser?.locale);
const tags = ['trainings'];

export const trainingRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/customers/:id/trainings', { schema: { tags, params: IdParams, response: { 200: TrainingListResponse } } }, async (req) =>
    listTrainings({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.post(
    '/customers/:id/trainings',
    { schema: { tags, params: IdParams, body: TrainingBody, response: { 201: TrainingResponse } } },
    async (req, reply) =>
      reply.code(201).send(await createTraining({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body })),
  );
  app.get('/customers/:id/retraining', { schema: { tags, params: IdParams, response: { 200: RetrainingResponse } } }, async (req) =>
    retrainingStatus({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.get('/trainings/:id', { schema: { tags, params: IdParams, response: { 200: TrainingResponse } } }, async (req) =>
    getTraining({ deps, actor: actorOf(req), trainingId: req.params.id }),
  );
  app.post(
    '/trainings/:id/sheet',
    { schema: { tags, params: IdParams, body: SheetBody, response: { 200: TrainingResponse } } },
    async (req) => signSheet({ deps, actor: actorOf(req), trainingId: req.params.id, input: req.body }),
  );
  app.get('/trainings/:id/sign-in-sheet.pdf', { schema: { tags, params: IdParams, querystring: DocumentQuery } }, async (req, reply) => {
    const { pdf, fileName, fallbackName } = await signInSheetPdf({
      deps,
      actor: actorOf(req),
      trainingId: req.params.id,
      locale: localeOf(req),
    });
    return sendDownload(reply, { body: pdf, fileName, fallbackName, contentType: 'application/pdf' });
  });
  app.get('/trainings/:id/scan', { schema: { tags, params: IdParams } }, async (req, reply) => {
    const { body, contentType, fileName } = await sheetScan({ deps, actor: actorOf(req), trainingId: req.params.id });
    return sendDownload(reply, { body, fileName, contentType });
  });
  app.get(
    '/customers/:id/certifications',
    { schema: { tags, params: IdParams, response: { 200: CertificationListResponse } } },
    async (req) => listCertifications({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.post(
    '/customers/:id/certifications',
    { schema: { tags, params: IdParams, body: CertificationBody, response: { 201: CertificationResponse } } },
    async (req, reply) =>
      reply.code(201).send(await createCertification({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body })),
  );
};
