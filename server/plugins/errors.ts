import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, HTTP_STATUS, type ErrorBody } from '../../shared/errors.ts';

/** Fastify's own error codes that are the client's fault, mapped to ours. */
const FASTIFY_CLIENT_ERRORS: Record<string, ErrorBody['code']> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
};

/** Every HTTP error leaves as `{error: {code, message, details?}}`; internals are logged, not sent. */
export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
      if (error instanceof AppError) return reply.status(HTTP_STATUS[error.code]).send({ error: error.toBody() });
      if (error.validation) {
        const details = error.validation.map((v) => ({ path: v.instancePath || '/', message: v.message ?? 'invalid' }));
        const body: ErrorBody = { code: 'VALIDATION_FAILED', message: 'Los datos enviados no son válidos.', details };
        return reply.status(400).send({ error: body });
      }
      const mapped = FASTIFY_CLIENT_ERRORS[error.code];
      if (mapped) {
        const message =
          mapped === 'PAYLOAD_TOO_LARGE' ? 'El cuerpo de la solicitud es demasiado grande.' : 'La solicitud no es JSON válido.';
        return reply.status(HTTP_STATUS[mapped]).send({ error: { code: mapped, message } });
      }
      request.log.error({ err: error }, 'request failed');
      return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Algo falló en el servidor.' } });
    });
  },
  { name: 'errors' },
);
