/** Time is passed in, never read from the system inside the core, so rules are testable. */
export interface Clock {
  now(): Date;
}

/** A clock that always says the same instant until moved; for tests and for replaying a period. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date): void {
    this.current = new Date(at.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** The real clock; only the composition root constructs it. */
export const systemClock: Clock = { now: () => new Date() };
