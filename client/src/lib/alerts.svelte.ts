/**
 * The phone's breakout alerts: at five minutes left in the discussion and when the return
 * countdown starts, a banner and a vibration where the browser allows it. Each alert is given
 * once; what was given is kept in sessionStorage so a reload does not repeat it.
 */
import type { BreakoutPhase } from '../../../shared/types.ts';
import { nextAlert, type BreakoutAlert } from './breakout.ts';
import { readJson, storageKeys, writeJson } from './storage.ts';

/** How long the banner stays up unless dismissed. */
const VISIBLE_MS = 30_000;
const VIBRATION: Record<BreakoutAlert, number[]> = { fiveMinutes: [200, 100, 200], return: [400, 150, 400, 150, 400] };

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

export interface ActiveAlert {
  alert: BreakoutAlert;
  activityId: string;
  /** This device's clock when it fired. */
  at: number;
}

export class BreakoutAlerts {
  readonly #key: string;
  #given: readonly string[];
  #active = $state.raw<ActiveAlert | null>(null);

  constructor(code: string) {
    this.#key = storageKeys.alerts(code);
    this.#given = readJson('session', this.#key, isStringList) ?? [];
  }

  /** The alert to show now, if any. */
  get active(): ActiveAlert | null {
    return this.#active;
  }

  /** Called as time passes (every tick of the countdown): fires what is due, hides what is old. */
  check = (activityId: string, phase: BreakoutPhase, remainingMs: number | null, nowMs: number): void => {
    const active = this.#active;
    if (active && (nowMs - active.at > VISIBLE_MS || active.activityId !== activityId)) this.#active = null;
    const { fire, given } = nextAlert(this.#given, activityId, phase, remainingMs);
    if (given !== this.#given) {
      this.#given = given;
      writeJson('session', this.#key, given);
    }
    if (fire === null) return;
    this.#active = { alert: fire, activityId, at: nowMs };
    try {
      navigator.vibrate?.(VIBRATION[fire]);
    } catch {
      // Some browsers refuse vibration without a recent tap: the banner is enough.
    }
  };

  dismiss = (): void => {
    this.#active = null;
  };
}
