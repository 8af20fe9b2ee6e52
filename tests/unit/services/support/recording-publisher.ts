import type { Publisher } from '../../../../server/services/publisher.ts';
import type { LiveState } from '../../../../shared/types.ts';

/** The publisher port, recording what services say changed, in order ("liveChanged s1", "resultsChanged s1 q1"). */
export class RecordingPublisher implements Publisher {
  readonly calls: string[] = [];

  liveChanged(sessionId: string): void {
    this.calls.push(`liveChanged ${sessionId}`);
  }

  agendaChanged(sessionId: string): void {
    this.calls.push(`agendaChanged ${sessionId}`);
  }

  resultsChanged(sessionId: string, activityId: string): void {
    this.calls.push(`resultsChanged ${sessionId} ${activityId}`);
  }

  breakoutChanged(sessionId: string, activityId: string): void {
    this.calls.push(`breakoutChanged ${sessionId} ${activityId}`);
  }

  synthesisChanged(sessionId: string, activityId: string): void {
    this.calls.push(`synthesisChanged ${sessionId} ${activityId}`);
  }

  turnsChanged(sessionId: string, activityId: string, salaId: string): void {
    this.calls.push(`turnsChanged ${sessionId} ${activityId} ${salaId}`);
  }

  qaChanged(sessionId: string, activityId: string, askerId: string | null): void {
    this.calls.push(`qaChanged ${sessionId} ${activityId} ${askerId ?? '-'}`);
  }

  sessionRemoved(sessionId: string, finalLive: LiveState): void {
    this.calls.push(`sessionRemoved ${sessionId} ${finalLive.status}`);
  }

  /** Forgets what was recorded so far (after a test's setup). */
  clear(): void {
    this.calls.length = 0;
  }
}
