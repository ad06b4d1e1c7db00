import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/request-context.ts';
import {
  ContactBody,
  ContactListResponse,
  ContactResponse,
  CreateCustomerBody,
  CustomerDetailResponse,
  CustomerListResponse,
  CustomerResponse,
  ListCustomersQuery,
  UpdateCustomerBody,
} from './customers.schema.ts';
import { addContact, createCustomer, getCustomer, listContacts, listCustomers, updateCustomer } from './customers.service.ts';

const IdParams = z.object({ id: z.uuid() });

export const customerRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/customers',
    { schema: { tags: ['customers'], body: CreateCustomerBody, response: { 201: CustomerResponse } } },
    async (req, reply) => reply.code(201).send(await createCustomer({ deps, actor: actorOf(req), input: req.body })),
  );

  app.get(
    '/customers',
    { schema: { tags: ['customers'], querystring: ListCustomersQuery, response: { 200: CustomerListResponse } } },
    async (req) => listCustomers({ deps, actor: actorOf(req), filter: req.query }),
  );

  app.get('/customers/:id', { schema: { tags: ['customers'], params: IdParams, response: { 200: CustomerDetailResponse } } }, async (req) =>
    getCustomer({ deps, actor: actorOf(req), customerId: req.params.id }),
  );

  app.patch(
    '/customers/:id',
    { schema: { tags: ['customers'], params: IdParams, body: UpdateCustomerBody, response: { 200: CustomerResponse } } },
    async (req) => updateCustomer({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body }),
  );

  app.get(
    '/customers/:id/contacts',
    { schema: { tags: ['customers'], params: IdParams, response: { 200: ContactListResponse } } },
    async (req) => listContacts({ deps, actor: actorOf(req), customerId: req.params.id }),
  );

  app.post(
    '/customers/:id/contacts',
    { schema: { tags: ['customers'], params: IdParams, body: ContactBody, response: { 201: ContactResponse } } },
    async (req, reply) => reply.code(201).send(await addContact({ deps, actor: actorOf(req), customerId: req.params.id, input: req.body })),
  );
};
