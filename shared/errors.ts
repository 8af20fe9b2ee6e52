/** Every error code the server may answer with, over HTTP and in socket acks. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'SESSION_NOT_FOUND',
  'SESSION_CLOSED',
  'TEMPLATE_NOT_FOUND',
  'ACTIVITY_NOT_FOUND',
  'NOT_ANSWERABLE',
  'ANSWERING_CLOSED',
  'INVALID_ANSWER',
  'NOT_JOINED',
  'RATE_LIMITED',
  'JOIN_NEEDS_LINK',
  'PAYLOAD_TOO_LARGE',
  'SALA_NOT_FOUND',
  'NOT_IN_SALA',
  'ROLE_TAKEN',
  'INVALID_STATE',
  'NOT_SECRETARY',
  'ROLE_REQUIRED',
  'STALE_VERSION',
  'SYNTHESIS_LOCKED',
  'COMMITMENT_NOT_FOUND',
  'SESSION_MOVED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Wire shape of every error, in HTTP bodies (`{error}`) and in failed acks. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: Array<{ path: string; message: string }>;
}

/** An error meant for the client: its code is stable, its message human (es-CL by default). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorBody['details'],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

/** HTTP status for each error code. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  TEMPLATE_NOT_FOUND: 400,
  INVALID_ANSWER: 400,
  NOT_ANSWERABLE: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_JOINED: 403,
  NOT_FOUND: 404,
  SESSION_NOT_FOUND: 404,
  ACTIVITY_NOT_FOUND: 404,
  ANSWERING_CLOSED: 409,
  SESSION_CLOSED: 410,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  JOIN_NEEDS_LINK: 429,
  SALA_NOT_FOUND: 404,
  NOT_IN_SALA: 403,
  ROLE_TAKEN: 409,
  INVALID_STATE: 409,
  NOT_SECRETARY: 403,
  ROLE_REQUIRED: 403,
  STALE_VERSION: 409,
  SYNTHESIS_LOCKED: 409,
  COMMITMENT_NOT_FOUND: 404,
  // Another node owns the session (several nodes behind HAProxy): try again, through the proxy.
  SESSION_MOVED: 503,
  INTERNAL: 500,
};
