import type { AddressInfo } from 'node:net';
import fp from 'fastify-plugin';
import { AnswerRepository } from '../db/answer-repository.ts';
import { ParticipantRepository } from '../db/participant-repository.ts';
import { SessionRepository } from '../db/session-repository.ts';
import { AnswerService } from '../services/answer-service.ts';
import { SessionService } from '../services/session-service.ts';
import { TemplateCatalog } from '../services/template-catalog.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: { sessions: SessionService; answers: AnswerService; templates: TemplateCatalog };
  }
}

/** Repositories and services, wired once; routes and socket handlers call these. */
export default fp(
  async (app, opts: { publicUrl: string | null }) => {
    const answerRepository = new AnswerRepository(app.db);
    const templates = new TemplateCatalog();
    const publicUrl = () => {
      if (opts.publicUrl) return opts.publicUrl;
      const address = app.server.address() as AddressInfo | null;
      return `http://localhost:${address?.port ?? 3000}`;
    };
    const sessions = new SessionService({
      sessions: new SessionRepository(app.db),
      participants: new ParticipantRepository(app.db),
      answers: answerRepository,
      templates,
      publisher: app.publisher,
      publicUrl,
    });
    const answers = new AnswerService(answerRepository, sessions, app.publisher);
    app.decorate('services', { sessions, answers, templates });
  },
  { name: 'services', dependencies: ['db', 'realtime'] },
);
