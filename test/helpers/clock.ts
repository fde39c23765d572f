import type { Clock } from '../../bff/src/lib/clock';

/** The server clock under a test's control: real time plus an offset, or pinned to an instant. */
export class TestClock implements Clock {
  private offsetMs = 0;
  private pinned: Date | null = null;

  now(): Date {
    return this.pinned ? new Date(this.pinned) : new Date(Date.now() + this.offsetMs);
  }
  pin(at: Date): void {
    this.pinned = new Date(at);
  }
  release(): void {
    this.pinned = null;
  }
  shift(ms: number): void {
    this.offsetMs += ms;
  }
}
