import { Type } from 'typebox';
import type { App } from '../app.ts';

export default async function healthRoutes(app: App): Promise<void> {
  app.get('/healthz', { schema: { tags: ['health'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }));
}
