import { Type } from 'typebox';
import { ErrorBodySchema, FacilitatorCommentBodySchema, IdSchema } from '../../shared/schemas.ts';
import type { App } from '../app.ts';
import { accessRules } from './access.ts';

const FacilitatorCommentSchema = Type.Object({ activityId: Type.String(), text: Type.String(), updatedAt: Type.Integer() });
const CommentedActivitySchema = Type.Object({
  activityId: Type.String(),
  position: Type.Integer(),
  kind: Type.String(),
  title: Type.String(),
  comment: Type.Union([FacilitatorCommentSchema, Type.Null()]),
});
const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
const noStore = { 'Cache-Control': 'no-store' };
const who = 'Authorization: the signed-in owner or an administrator (cookie), or Bearer <facilitatorToken>.';

/** The facilitator's "Comentarios y análisis" of each result: read and saved by the console and the workspace. */
export default async function commentRoutes(app: App): Promise<void> {
  const access = accessRules(app);
  const { comments } = app.services;

  app.get(
    '/api/sessions/:id/comments',
    {
      schema: {
        tags: ['sessions'],
        description: `The activities that take comments (questions, breakouts, syntheses), in agenda order, each with its comment or null. ${who}`,
        params: Type.Object({ id: IdSchema }),
        response: { 200: Type.Array(CommentedActivitySchema), ...errors },
      },
    },
    async (request, reply) => {
      await access.session(request, request.params.id);
      return reply.headers(noStore).send(await comments.list(request.params.id));
    },
  );

  app.put(
    '/api/sessions/:id/comments/:activityId',
    {
      schema: {
        tags: ['sessions'],
        description: `Saves the comment on one activity, during the session or after it is closed; an empty text removes it (null). ${who}`,
        params: Type.Object({ id: IdSchema, activityId: IdSchema }),
        body: FacilitatorCommentBodySchema,
        response: { 200: Type.Union([FacilitatorCommentSchema, Type.Null()]), ...errors },
      },
    },
    async (request, reply) => {
      await access.session(request, request.params.id);
      return reply.headers(noStore).send(await comments.save(request.params.id, request.params.activityId, request.body.text));
    },
  );
}
