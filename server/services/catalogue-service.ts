import type { AuditActor } from '../../shared/audit.ts';
import { AppError } from '../../shared/errors.ts';
import type { CatalogueCard, CatalogueList, CatalogueQuery } from '../../shared/experience-catalogue.ts';
import type { Storage } from '../db/storage.ts';
import { catalogueCard, catalogueFacets, filterCatalogue, queryDetail } from '../domain/experience-catalogue.ts';
import type { AuditService } from './audit-service.ts';
import type { Reader, WorkspaceService } from './workspace-service.ts';

export interface CatalogueServiceDeps {
  storage: Pick<Storage, 'experiences'>;
  workspace: Pick<WorkspaceService, 'session' | 'canRead' | 'usableSeries'>;
  audit: Pick<AuditService, 'record'>;
  now?: () => number;
}

/**
 * The workspace's experience catalogue: the cards of the sessions a reader may read (every
 * session's for administrators), as the workspace's access rules say; the filtering rule is
 * domain/experience-catalogue.ts'.
 */
export class CatalogueService {
  readonly #deps: CatalogueServiceDeps;
  readonly #now: () => number;

  constructor(deps: CatalogueServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** When an export is made, as its workbook's date (ISO 8601, UTC). */
  generatedAt(): string {
    return new Date(this.#now()).toISOString();
  }

  async list(reader: Reader, query: CatalogueQuery): Promise<CatalogueList> {
    const readable = await this.#readable(reader, query);
    return { cards: filterCatalogue(readable, query).map(catalogueCard), ...catalogueFacets(readable) };
  }

  /** One card: 404 if its session or the card is unknown, 403 if the session is someone else's. */
  async card(reader: Reader, sessionId: string, activityId: string, cardId: string): Promise<CatalogueCard> {
    const session = await this.#deps.workspace.session(sessionId);
    if (!this.#deps.workspace.canRead(reader, session)) throw new AppError('FORBIDDEN', 'Esta sesión es de otra persona.');
    const found = (await this.#deps.storage.experiences.catalogue(session.ownerAccountId)).find(
      (r) => r.sessionId === sessionId && r.activityId === activityId && r.id === cardId,
    );
    if (!found) throw new AppError('NOT_FOUND', 'La experiencia no existe.');
    return catalogueCard(found);
  }

  /** Records an export once its file is made: its format and filters, no card content. */
  recordExport(query: CatalogueQuery, format: 'csv' | 'xlsx', actor: AuditActor): Promise<void> {
    return this.#deps.audit.record({ action: 'experiences.exported', actor, target: null, detail: { format, ...queryDetail(query) } });
  }

  async #readable(reader: Reader, query: CatalogueQuery) {
    // A series that is not the reader's is refused (403), as the support register and the series report do.
    if (query.seriesId !== undefined) await this.#deps.workspace.usableSeries(reader, query.seriesId);
    return this.#deps.storage.experiences.catalogue(reader.admin ? null : reader.accountId);
  }
}
