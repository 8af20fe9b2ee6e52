/**
 * The asynchronous face of a repository. Services reach storage through promises so that a
 * PostgreSQL implementation (a network round trip per call) stands behind the same interfaces
 * as the embedded SQLite one, whose classes stay synchronous (better-sqlite3's tuned prepared
 * statements) and are wrapped by `asyncRepository`.
 */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K];
};

/**
 * Wraps a synchronous repository: every method returns a settled promise (a rejected one when
 * the method throws), so callers see one behaviour whichever storage is behind the interface.
 */
export function asyncRepository<T extends object>(repository: T): Async<T> {
  const wrapped: Record<string, unknown> = {};
  for (const name of methodNames(repository)) {
    const method = (repository as Record<string, (...args: unknown[]) => unknown>)[name]!;
    wrapped[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve(method.apply(repository, args));
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }
  return wrapped as Async<T>;
}

/** Every method along the prototype chain (a class's methods live on its prototypes). */
function methodNames(object: object): Set<string> {
  const names = new Set<string>();
  for (let proto = Object.getPrototypeOf(object); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== 'constructor' && typeof (object as Record<string, unknown>)[name] === 'function') names.add(name);
    }
  }
  for (const name of Object.keys(object)) {
    if (typeof (object as Record<string, unknown>)[name] === 'function') names.add(name);
  }
  return names;
}
