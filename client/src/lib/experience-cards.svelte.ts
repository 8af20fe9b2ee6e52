/**
 * A screen's experience cards, by activity: loaded when a screen shows an activity that has
 * them, kept fresh by `experiences:updated`, saved and deleted through the screen's connection.
 */
import type { ExperienceCard, ExperienceCardInput, ExperienceView } from '../../../shared/experience.ts';
import type { UiErrorCode } from './i18n.svelte.ts';
import type { CommandResult } from './live-connection.svelte.ts';

/** What the cards need of a screen's connection. */
export interface ExperiencePort {
  list(activityId: string): Promise<CommandResult<'experience:list'>>;
  save(payload: {
    activityId: string;
    cardId: string;
    salaId?: string;
    card: ExperienceCardInput;
  }): Promise<CommandResult<'experience:save'>>;
  remove(payload: { activityId: string; cardId: string }): Promise<CommandResult<'experience:delete'>>;
}

export class ExperienceCards {
  readonly #port: ExperiencePort;
  #views = $state.raw<Record<string, ExperienceView>>({});

  constructor(port: ExperiencePort) {
    this.#port = port;
  }

  /** The activity's cards as this screen may see them (none until loaded). */
  cards(activityId: string): ExperienceCard[] {
    return this.#views[activityId]?.cards ?? [];
  }

  /** A view the server sent or acknowledged replaces what this screen had. */
  apply = (view: ExperienceView): void => {
    this.#views = { ...this.#views, [view.activityId]: view };
  };

  load = async (activityId: string): Promise<void> => {
    const result = await this.#port.list(activityId);
    if (result.ok) this.apply(result.data);
  };

  /**
   * Saves a card: `cardId` is made once when the form opens, so pressing "save" again after a
   * lost ack replaces the card instead of adding a twin. The error code when refused, else null.
   */
  save = async (activityId: string, cardId: string, salaId: string | null, card: ExperienceCardInput): Promise<UiErrorCode | null> => {
    const result = await this.#port.save({ activityId, cardId, ...(salaId ? { salaId } : {}), card });
    if (!result.ok) return result.error.code;
    this.apply(result.data);
    return null;
  };

  remove = async (activityId: string, cardId: string): Promise<UiErrorCode | null> => {
    const result = await this.#port.remove({ activityId, cardId });
    if (!result.ok) return result.error.code;
    this.apply(result.data);
    return null;
  };
}
