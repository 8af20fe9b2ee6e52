import { Type } from 'typebox';
import { CreateSeriesBodySchema, ErrorBodySchema, IdSchema, RetentionBodySchema, SessionDetailsBodySchema } from '../../shared/schemas.ts';
import {
  RetentionSavedSchema,
  RetentionSchema,
  SeriesSummarySchema,
  SeriesWithSessionsSchema,
  SessionDetailsSchema,
  SessionListingSchema,
  type SessionDetails,
} from '../../shared/workspace.ts';
import type { SessionRecord } from '../db/session-repository.ts';
import type { App } from '../app.ts';
import { accessRules } from './access.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
const noStore = { 'Cache-Control': 'no-store' };

/** The workspace: session list, series, a session's details, deleting it, and the retention period. */
export default async function workspaceRoutes(app: App): Promise<void> {
  const access = accessRules(app);
  const { workspace } = app.services;
  // Field by field: the stored record also holds the hash of the facilitator secret.
  const details = (r: SessionRecord): SessionDetails => {
    return {
      id: r.id,
      title: r.title,
      code: r.code,
      status: r.status,
      createdAt: r.createdAt,
      closedAt: r.closedAt,
      seriesId: r.seriesId,
      agencies: r.agencies,
      namesInReports: r.namesInReports,
      locale: r.locale,
      participantDataRemovedAt: r.participantDataRemovedAt,
    };
  };

  app.get(
    '/api/workspace/sessions',
    {
      schema: {
        tags: ['workspace'],
        description: 'Sessions of the signed-in facilitator, newest first (every session for administrators).',
        response: { 200: Type.Array(SessionListingSchema), ...errors },
      },
    },
    async (request, reply) => reply.headers(noStore).send(await workspace.listSessions(access.reader(request))),
  );

  app.get(
    '/api/series',
    {
      schema: {
        tags: ['workspace'],
        description:
          'The series of the signed-in account (every series for administrators), newest first; each counts the sessions in it the account may read.',
        response: { 200: Type.Array(SeriesSummarySchema), ...errors },
      },
    },
    async (request, reply) => reply.headers(noStore).send(await workspace.listSeries(access.reader(request))),
  );

  app.post(
    '/api/series',
    {
      schema: {
        tags: ['workspace'],
        description: 'A new series, which belongs to the signed-in account.',
        body: CreateSeriesBodySchema,
        response: { 201: SeriesSummarySchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await workspace.createSeries(request.body.title, access.reader(request).accountId)),
  );

  app.get(
    '/api/series/:id',
    {
      schema: {
        tags: ['workspace'],
        description:
          "One of the signed-in account's series (any, for administrators; 403 for someone else's) with the sessions in it that the account may read, oldest first.",
        params: Type.Object({ id: IdSchema }),
        response: { 200: SeriesWithSessionsSchema, ...errors },
      },
    },
    async (request, reply) => {
      const reader = access.reader(request);
      return reply.headers(noStore).send(await workspace.seriesWithSessions(reader, request.params.id));
    },
  );

  app.get(
    '/api/sessions/:id/details',
    {
      schema: {
        tags: ['workspace'],
        description:
          'Title, series, agencies, report settings and language. Authorization: owner, administrator, or Bearer <facilitatorToken>.',
        params: Type.Object({ id: IdSchema }),
        response: { 200: SessionDetailsSchema, ...errors },
      },
    },
    async (request, reply) => {
      return reply.headers(noStore).send(details(await access.session(request, request.params.id)));
    },
  );

  app.put(
    '/api/sessions/:id/details',
    {
      schema: {
        tags: ['workspace'],
        description:
          "Saves title, series, agencies, report settings and the language of phones and projector (left out: unchanged). A series must be the account's own (any, for administrators; with the Bearer token, the session owner's): 403 otherwise. The series it is already in may stay.",
        params: Type.Object({ id: IdSchema }),
        body: SessionDetailsBodySchema,
        response: { 200: SessionDetailsSchema, ...errors },
      },
    },
    async (request, reply) => {
      const record = await access.session(request, request.params.id);
      return reply
        .headers(noStore)
        .send(details(await workspace.updateDetails(request.params.id, request.body, access.actingFor(request, record))));
    },
  );

  app.delete(
    '/api/sessions/:id',
    {
      schema: {
        tags: ['workspace'],
        description: 'Deletes the session with all its data (agenda, participants, answers, salas, syntheses). Cannot be undone.',
        params: Type.Object({ id: IdSchema }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      // Not opened here: on a node that does not own the session, the deletion still goes ahead (workspace-service.ts).
      await access.session(request, request.params.id, { open: false });
      await workspace.deleteSession(request.params.id, access.actor(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/settings/retention',
    {
      schema: {
        tags: ['workspace'],
        description: 'Days after which participant data is removed (administrators).',
        response: { 200: RetentionSchema, ...errors },
      },
    },
    async (request, reply) => {
      access.admin(request);
      return reply.headers(noStore).send({ days: await workspace.retentionDays() });
    },
  );

  app.put(
    '/api/settings/retention',
    {
      schema: {
        tags: ['workspace'],
        description:
          'Sets the retention period and applies it at once: older sessions lose their participants and answers; aggregates and syntheses stay. `cleared` counts the sessions cleared now.',
        body: RetentionBodySchema,
        response: { 200: RetentionSavedSchema, ...errors },
      },
    },
    async (request, reply) => {
      access.admin(request);
      const cleared = await workspace.setRetentionDays(request.body.days, access.actor(request));
      return reply.headers(noStore).send({ days: await workspace.retentionDays(), cleared });
    },
  );
}
