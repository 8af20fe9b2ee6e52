import { breakoutFor } from '../../shared/agenda.ts';
import { AppError } from '../../shared/errors.ts';
import type { ExperienceDeletePayload, ExperienceSavePayload, ExperienceView } from '../../shared/experience.ts';
import type { FacilitatorScreen } from '../../shared/types.ts';
import type { Storage } from '../db/storage.ts';
import type { ExperienceRecord } from '../db/experience-repository.ts';
import { assertCardWrite, cardsFor, normalizeCard, type CardActor, type CardAudience, type CardPlace } from '../domain/experience.ts';
import { assertWriter } from '../domain/synthesis.ts';
import type { RosterView } from '../domain/sala-roster.ts';
import type { BreakoutService } from './breakout-service.ts';
import type { SessionStore } from './session-store.ts';
import type { SynthesisService } from './synthesis-service.ts';

/** Who asks for cards: a facilitator screen, or a participant. */
export type ExperienceViewer = { role: 'facilitator'; screen: FacilitatorScreen } | { role: 'participant'; participantId: string };

/** Where a change to an activity's cards goes, and what each receiver gets. */
export interface ExperienceDeliveries {
  consoles: ExperienceView;
  presenters: ExperienceView;
  participants: Array<{ participantIds: string[]; view: ExperienceView }>;
}

/** The port the service tells changes through; the realtime layer sends them. */
export interface ExperienceNotifier {
  experiencesChanged(sessionId: string, deliveries: ExperienceDeliveries): void;
}

export interface ExperienceServiceDeps {
  storage: Pick<Storage, 'experiences' | 'transaction'>;
  store: Pick<SessionStore, 'get' | 'open' | 'exclusive'>;
  breakouts: Pick<BreakoutService, 'view' | 'roster'>;
  syntheses: Pick<SynthesisService, 'view'>;
  notifier: ExperienceNotifier;
  now?: () => number;
}

/**
 * Experience cards of a session: saved and deleted one command, one transaction at a time, and
 * sent to those who may see them. The rules are domain/experience.ts'.
 */
export class ExperienceService {
  readonly #deps: ExperienceServiceDeps;
  readonly #now: () => number;

  constructor(deps: ExperienceServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  async view(sessionId: string, activityId: string, viewer: ExperienceViewer): Promise<ExperienceView> {
    await this.#deps.store.open(sessionId);
    const { roster } = this.#activity(sessionId, activityId);
    return { activityId, cards: cardsFor(await this.#cards(sessionId, activityId), this.#audience(viewer, roster)) };
  }

  save(sessionId: string, actor: CardActor, payload: ExperienceSavePayload): Promise<ExperienceView> {
    return this.#deps.store.exclusive(sessionId, () => this.#save(sessionId, actor, payload));
  }

  async #save(sessionId: string, actor: CardActor, payload: ExperienceSavePayload): Promise<ExperienceView> {
    const { cards, existing, salaId } = await this.#authorised(sessionId, actor, payload.activityId, payload.cardId, payload.salaId, false);
    const now = this.#now();
    const record: ExperienceRecord = {
      activityId: payload.activityId,
      id: payload.cardId,
      sessionId,
      salaId,
      authorId: existing ? existing.authorId : actor.role === 'participant' ? actor.participantId : null,
      card: normalizeCard(payload.card, now),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await this.#deps.storage.transaction((tx) => tx.experiences.save(record));
    const next = existing ? cards.map((c) => (c.id === record.id ? record : c)) : [...cards, record];
    return this.#changed(sessionId, actor, payload.activityId, next, record);
  }

  delete(sessionId: string, actor: CardActor, payload: ExperienceDeletePayload): Promise<ExperienceView> {
    return this.#deps.store.exclusive(sessionId, () => this.#delete(sessionId, actor, payload));
  }

  async #delete(sessionId: string, actor: CardActor, payload: ExperienceDeletePayload): Promise<ExperienceView> {
    const { cards, existing } = await this.#authorised(sessionId, actor, payload.activityId, payload.cardId, undefined, true);
    if (!existing) throw new AppError('NOT_FOUND', 'Esa experiencia no existe.');
    await this.#deps.storage.transaction((tx) => tx.experiences.delete(payload.activityId, payload.cardId));
    return this.#changed(
      sessionId,
      actor,
      payload.activityId,
      cards.filter((c) => c.id !== existing.id),
      existing,
    );
  }

  // ---------- internals ----------

  async #authorised(
    sessionId: string,
    actor: CardActor,
    activityId: string,
    cardId: string,
    salaId: string | undefined,
    deleting: boolean,
  ) {
    this.#deps.store.get(sessionId).assertOpen();
    const { place } = this.#activity(sessionId, activityId, actor);
    const cards = await this.#cards(sessionId, activityId);
    const existing = cards.find((c) => c.id === cardId);
    const owner = assertCardWrite({ actor, place, salaId, existing, cards }, deleting);
    return { cards, existing, salaId: owner.salaId };
  }

  /** The activity's place for the rules (with the actor, for a synthesis' writer check) and its salas, if any. */
  #activity(
    sessionId: string,
    activityId: string,
    actor: CardActor = { role: 'facilitator' },
  ): { place: CardPlace; roster: RosterView | null } {
    const state = this.#deps.store.get(sessionId);
    const activity = state.activity(activityId);
    if (activity?.kind === 'experience')
      return { place: { kind: 'experience', open: state.answeringOf(activityId) === 'open' }, roster: null };
    const breakout = activity?.kind === 'synthesis' ? breakoutFor(state.agenda, activityId) : null;
    if (!breakout) throw new AppError('ACTIVITY_NOT_FOUND', 'Esa actividad no recibe experiencias.');
    const roster = this.#deps.breakouts.roster(sessionId, breakout.id);
    // Writing needs the salas formed (assertWriter checks it); until then the synthesis has no view.
    const phase = roster ? this.#deps.syntheses.view(sessionId, activityId, { role: 'facilitator' }).phase : 'pending';
    return { place: { kind: 'synthesis', phase, assertWriter: (salaId) => assertWriter(actor, salaId, roster) }, roster };
  }

  async #cards(sessionId: string, activityId: string): Promise<ExperienceRecord[]> {
    return (await this.#deps.storage.experiences.forSession(sessionId)).filter((c) => c.activityId === activityId);
  }

  #audience(viewer: ExperienceViewer, roster: RosterView | null): CardAudience {
    if (viewer.role === 'facilitator') return { role: viewer.screen === 'presenter' ? 'presenter' : 'console' };
    return { role: 'participant', participantId: viewer.participantId, salaId: roster?.salaOf(viewer.participantId) ?? null };
  }

  /** Tells the consoles, the projector and the card's sala (or its author) what changed; answers the actor with their view. */
  #changed(sessionId: string, actor: CardActor, activityId: string, cards: ExperienceRecord[], touched: ExperienceRecord): ExperienceView {
    const { roster } = this.#activity(sessionId, activityId);
    const participantIds = touched.salaId !== null ? (roster?.membersOf(touched.salaId) ?? []) : touched.authorId ? [touched.authorId] : [];
    const view = (audience: CardAudience): ExperienceView => ({ activityId, cards: cardsFor(cards, audience) });
    this.#deps.notifier.experiencesChanged(sessionId, {
      consoles: view({ role: 'console' }),
      presenters: view({ role: 'presenter' }),
      participants: participantIds.map((participantId) => ({
        participantIds: [participantId],
        view: view({ role: 'participant', participantId, salaId: touched.salaId }),
      })),
    });
    return actor.role === 'facilitator' ? view({ role: 'console' }) : view(this.#audience(actor, roster));
  }
}
