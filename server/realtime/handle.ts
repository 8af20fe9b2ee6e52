import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { Static } from 'typebox';
import { AppError, type ErrorBody } from '../../shared/errors.ts';
import type { AckCallback, ClientToServerEvents } from '../../shared/events.ts';
import type { RealtimeSocket } from './types.ts';

export interface HandlerLogger {
  error(obj: unknown, msg: string): void;
}

/** Turns anything thrown into the error body of an ack; unexpected errors are logged, not leaked. */
export function toErrorBody(error: unknown, log: HandlerLogger): ErrorBody {
  if (error instanceof AppError) return error.toBody();
  log.error({ err: error }, 'socket handler failed');
  return { code: 'INTERNAL', message: 'Algo falló en el servidor. Vuelve a intentarlo.' };
}

/** Each schema is compiled once per process, however many tables use it. */
const validators = new WeakMap<TSchema, ReturnType<typeof Compile>>();
function compiled<S extends TSchema>(schema: S) {
  let validator = validators.get(schema);
  if (!validator) {
    validator = Compile(schema);
    validators.set(schema, validator);
  }
  return validator as ReturnType<typeof Compile<S>>;
}

/**
 * Handles one event from one socket; the same function serves every socket. The type remembers
 * the payload it validates and the result it acks, so a table can be checked against the contract.
 */
export type SocketHandler<P = unknown, R = unknown> = ((socket: RealtimeSocket, payload: unknown, ack: unknown) => void) & {
  readonly contract?: { payload: P; result: R };
};

type EventContract<E extends keyof ClientToServerEvents> = ClientToServerEvents[E] extends (
  payload: infer P,
  ack: AckCallback<infer R>,
) => void
  ? { payload: P; result: R }
  : never;

/**
 * A handler for every client event, made once per server: with 10,000 sockets, handlers made
 * per connection (closures, and a listener per event on each socket) cost kilobytes each. Each
 * entry must validate the event's payload type and ack its result type. Each area's module
 * returns its part (`satisfies Partial<HandlerTable>`); connection.ts puts them together as a
 * whole table, so an event of the contract left without a handler does not compile.
 */
export type HandlerTable = {
  [E in keyof ClientToServerEvents]: SocketHandler<EventContract<E>['payload'], EventContract<E>['result']>;
};

/**
 * The one place that validates socket payloads and turns results and errors into acks.
 * The payload is checked against its schema before anything else; a bad one changes nothing.
 * Events sent without an ack callback are ignored: there would be no way to answer them.
 */
export function handler<S extends TSchema, R>(
  schema: S,
  log: HandlerLogger,
  run: (payload: Static<S>, socket: RealtimeSocket) => R | Promise<R>,
): SocketHandler<Static<S>, R> {
  const validator = compiled(schema);
  return (socket, payload, ack) => {
    if (typeof ack !== 'function') return;
    const reply = ack as AckCallback<R>;
    if (!validator.Check(payload)) {
      const details = [...validator.Errors(payload)].slice(0, 10).map((e) => ({ path: e.instancePath || '/', message: e.message }));
      reply({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'Los datos enviados no son válidos.', details } });
      return;
    }
    Promise.resolve()
      .then(() => run(payload, socket))
      .then(
        (data) => reply({ ok: true, data }),
        (error: unknown) => reply({ ok: false, error: toErrorBody(error, log) }),
      );
  };
}
