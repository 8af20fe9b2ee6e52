import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Sends a body that browsers revalidate on each use (Cache-Control: no-cache) with an ETag of
 * its content, answering 304 without the body while the browser's copy is current. The ETag is
 * weak: the same content goes out brotli, gzip or plain (plugins/compression.ts), byte-different.
 */
export function sendRevalidated(request: FastifyRequest, reply: FastifyReply, body: string, contentType: string): FastifyReply {
  const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  reply.header('Cache-Control', 'no-cache').header('ETag', etag);
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.type(contentType).send(body);
}
