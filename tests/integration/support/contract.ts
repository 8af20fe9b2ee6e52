/**
 * Checks HTTP responses against the server's own OpenAPI document: the status is documented for
 * the operation, the content type is one it lists, and a JSON body matches its schema. Every
 * test server (server.ts) records the responses it sends and checks them when it closes, so
 * every response the integration tests receive is held to the document.
 */
import { Ajv, type ValidateFunction } from 'ajv';

export interface RecordedResponse {
  method: string;
  /** The route as registered ("/api/sessions/:id"). */
  route: string;
  status: number;
  contentType: string | null;
  body: string | Buffer | null;
}

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

/** "/api/sessions/:id" → "/api/sessions/{id}". */
export const openApiPath = (route: string) => route.replace(/:(\w+)/g, '{$1}');

export class ContractChecker {
  // OpenAPI 3.0 schemas: `nullable`, and formats such as "binary" that are documentation only.
  private readonly ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {}

  /** The operation of a route, or null when it is not in the document (hidden, static files). */
  operation(method: string, route: string): Operation | null {
    return this.document.paths[openApiPath(route)]?.[method.toLowerCase()] ?? null;
  }

  /** What is wrong with one response ([] when it matches the document). */
  problems(response: RecordedResponse): string[] {
    const operation = this.operation(response.method, response.route);
    if (!operation) return [];
    const where = `${response.method} ${response.route} → ${response.status}`;
    const documented = operation.responses[String(response.status)] ?? operation.responses.default;
    if (!documented) return [`${where}: status not documented (documented: ${Object.keys(operation.responses).join(', ')})`];
    // A 204 never carries a body on the wire, whatever the handler passed along.
    const empty = response.status === 204 || response.body === null || response.body.length === 0;
    if (!documented.content) return empty ? [] : [`${where}: a body where the document has none`];
    const mediaType = response.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
    const media = documented.content[mediaType];
    if (!media) return [`${where}: content type "${mediaType}" not documented (${Object.keys(documented.content).join(', ')})`];
    if (mediaType !== 'application/json' || !media.schema) return [];
    let body: unknown;
    try {
      body = JSON.parse(response.body === null ? '' : response.body.toString());
    } catch {
      return [`${where}: the body is not JSON`];
    }
    const key = `${response.method} ${response.route} ${response.status} ${mediaType}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(media.schema);
      this.validators.set(key, validate);
    }
    if (validate(body)) return [];
    return [`${where}: body does not match its schema: ${this.ajv.errorsText(validate.errors, { separator: '; ' }).slice(0, 800)}`];
  }
}
