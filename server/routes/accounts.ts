import { Type } from 'typebox';
import { AccountSchema, CreateAccountBodySchema } from '../../shared/accounts.ts';
import { ErrorBodySchema, IdSchema } from '../../shared/schemas.ts';
import type { App } from '../app.ts';
import { accountActor, accountTarget } from '../domain/audit.ts';

/** Accounts, for administrators only: list, add, remove. */
export default async function accountRoutes(app: App): Promise<void> {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
  });

  app.get(
    '/api/accounts',
    {
      schema: {
        tags: ['accounts'],
        description: 'Every account, oldest first (administrators only).',
        response: { 200: Type.Array(AccountSchema), 401: ErrorBodySchema, 403: ErrorBodySchema },
      },
    },
    async (request) => {
      app.requireAccount(request, 'admin');
      return app.accounts.list();
    },
  );

  app.post(
    '/api/accounts',
    {
      schema: {
        tags: ['accounts'],
        description:
          'Adds a facilitator or an administrator (administrators only). The password is hashed with scrypt; it is never shown again.',
        body: CreateAccountBodySchema,
        response: { 201: AccountSchema, 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const admin = app.requireAccount(request, 'admin');
      const account = await app.accounts.createAccount(request.body);
      const detail = { role: account.role };
      await app.services.audit.record({ action: 'account.created', actor: accountActor(admin), target: accountTarget(account), detail });
      return reply.status(201).send(account);
    },
  );

  app.delete(
    '/api/accounts/:id',
    {
      schema: {
        tags: ['accounts'],
        description:
          'Removes an account and signs it out everywhere (administrators only; not their own). Its sessions stay, without an owner.',
        params: Type.Object({ id: IdSchema }),
        response: { 204: Type.Null(), 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const admin = app.requireAccount(request, 'admin');
      const removed = await app.accounts.find(request.params.id);
      const target = removed ? accountTarget(removed) : null;
      // Unknown or their own: removeAccount refuses, and the transaction records nothing.
      await app.services.audit.within({ action: 'account.deleted', actor: accountActor(admin), target, detail: {} }, (tx) =>
        app.accounts.removeAccount(request.params.id, admin, tx.accounts),
      );
      return reply.status(204).send(null);
    },
  );
}
