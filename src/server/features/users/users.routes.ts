import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/request-context.ts';
import { CreateUserBody, ListUsersQuery, UpdateUserBody, UserListResponse, UserResponse } from './users.schema.ts';
import { createUser, listUsers, updateUser } from './users.service.ts';

export const userRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/users', { schema: { tags: ['users'], body: CreateUserBody, response: { 201: UserResponse } } }, async (req, reply) =>
    reply.code(201).send(await createUser({ deps, actor: actorOf(req), input: req.body })),
  );

  app.get('/users', { schema: { tags: ['users'], querystring: ListUsersQuery, response: { 200: UserListResponse } } }, async (req) =>
    listUsers({ deps, actor: actorOf(req), filter: req.query }),
  );

  app.patch(
    '/users/:id',
    { schema: { tags: ['users'], params: z.object({ id: z.uuid() }), body: UpdateUserBody, response: { 200: UserResponse } } },
    async (req) => updateUser({ deps, actor: actorOf(req), userId: req.params.id, input: req.body }),
  );
};
