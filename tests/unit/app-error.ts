import { AppError, type ErrorCode } from '../../shared/errors.ts';

/** The code of the AppError `run` throws; anything else it throws fails the test, and so does not throwing. */
export function codeOf(run: () => unknown): ErrorCode {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected an AppError, but nothing was thrown');
}

/** The code of the AppError that `run`'s promise rejects with (or `run` throws); as `codeOf`, for asynchronous commands. */
export async function rejectionCode(run: () => unknown): Promise<ErrorCode> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected an AppError, but nothing was thrown');
}
