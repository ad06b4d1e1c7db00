import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { sendDownload } from '../../http/download.ts';
import { actorOf } from '../../http/request-context.ts';
import { LOCALES, toLocale } from '../../messages/catalogue.ts';
import {
  QuoteBody,
  QuoteListResponse,
  QuoteResponse,
  SignQuoteBody,
  VisitBody,
  VisitListResponse,
  VisitResponse,
} from './visits.schema.ts';
import {
  cancelQuote,
  createQuote,
  getQuote,
  listQuotes,
  listVisits,
  printQuote,
  quotePdf,
  registerVisit,
  sendQuote,
  signQuote,
} from './visits.service.ts';

const IdParams = z.object({ id: z.uuid() });
/** The document's language: `lang`, else Accept-Language, else the user's own; Chinese by default. */
const DocumentQuery = z.object({ lang: z.enum(LOCALES).optional() }).strict();
const localeOf = (req: FastifyRequest<{ Querystring: z.infer<typeof DocumentQuery> }>) =>
  toLocale(req.query.lang ?? req.headers['accept-language'] ?? req.currentUser?.locale);
const tags = ['visits'];

export const visitRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/customers/:id/visits', { schema: { tags, params: IdParams, response: { 200: VisitListResponse } } }, async (req) =>
    listVisits({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.post(
    '/customers/:id/visits',
    { schema: { tags, params: IdParams, body: VisitBody, response: { 201: VisitResponse } } },
    async (req, reply) =>
      reply.code(201).send(await registerVisit({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body })),
  );

  app.get('/customers/:id/quotes', { schema: { tags, params: IdParams, response: { 200: QuoteListResponse } } }, async (req) =>
    listQuotes({ deps, actor: actorOf(req), customerId: req.params.id }),
  );
  app.post(
    '/customers/:id/quotes',
    { schema: { tags, params: IdParams, body: QuoteBody, response: { 201: QuoteResponse } } },
    async (req, reply) =>
      reply.code(201).send(await createQuote({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body })),
  );
  app.get('/quotes/:id', { schema: { tags, params: IdParams, response: { 200: QuoteResponse } } }, async (req) =>
    getQuote({ deps, actor: actorOf(req), quoteId: req.params.id }),
  );
  app.post('/quotes/:id/send', { schema: { tags, params: IdParams, response: { 200: QuoteResponse } } }, async (req) =>
    sendQuote({ deps, actor: actorOf(req), quoteId: req.params.id }),
  );
  app.post('/quotes/:id/sign', { schema: { tags, params: IdParams, body: SignQuoteBody, response: { 200: QuoteResponse } } }, async (req) =>
    signQuote({ deps, actor: actorOf(req), quoteId: req.params.id, input: req.body }),
  );
  app.post('/quotes/:id/cancel', { schema: { tags, params: IdParams, response: { 200: QuoteResponse } } }, async (req) =>
    cancelQuote({ deps, actor: actorOf(req), quoteId: req.params.id }),
  );
  /** Printable HTML (the browser prints or saves it as PDF): the same document model as the PDF. */
  app.get('/quotes/:id/print', { schema: { tags, params: IdParams, querystring: DocumentQuery } }, async (req, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .send(await printQuote({ deps, actor: actorOf(req), quoteId: req.params.id, locale: localeOf(req) })),
  );
  /** The same agreement as a PDF download (Chinese text set in the CJK font of documents/fonts.ts). */
  app.get('/quotes/:id/pdf', { schema: { tags, params: IdParams, querystring: DocumentQuery } }, async (req, reply) => {
    const { pdf, fileName, fallbackName } = await quotePdf({ deps, actor: actorOf(req), quoteId: req.params.id, locale: localeOf(req) });
    return sendDownload(reply, { body: pdf, fileName, fallbackName, contentType: 'application/pdf' });
  });
};
