import { expect } from 'vitest';
import { assertAnswerAccepted } from '../../../../server/domain/answers.ts';
import { AppError } from '../../../../shared/errors.ts';
import type { Activity, AnswerValue } from '../../../../shared/types.ts';

/** How an answer to an open question is refused (its code and first path), or null when it is accepted. */
export function refusal(activity: Activity, value: AnswerValue): { code: string; path: string | undefined } | null {
  try {
    assertAnswerAccepted(activity, 'open', value);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return { code: (error as AppError).code, path: (error as AppError).details?.[0]?.path };
  }
}
