import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.ts';
import { actorOf } from '../http/request-context.ts';
import { JobListResponse, ListJobsQuery } from './jobs.schema.ts';
import { listJobs } from './jobs.service.ts';

export const jobRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/jobs', { schema: { tags: ['jobs'], querystring: ListJobsQuery, response: { 200: JobListResponse } } }, async (req) =>
    listJobs({ deps, actor: actorOf(req), query: req.query }),
  );
};
