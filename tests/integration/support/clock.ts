/**
 * A clock that stands still until the test moves it, for the server's services (startServer's
 * `now`): deadlines, pauses and time left then come out exact, however slow this machine is.
 * Timers the server arms still run on real time, so a test moves it only while nothing is due.
 */
export class ManualClock {
  constructor(public ms: number = Date.now()) {}

  readonly now = (): number => this.ms;

  advance(ms: number): void {
    this.ms += ms;
  }
}
