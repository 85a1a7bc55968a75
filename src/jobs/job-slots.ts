// How many jobs this process works at once, whatever their kind. pg-boss bounds each queue on its own
// (localConcurrency), so an import had provision-employee, send-invitation and the role batch running side
// by side: twice PROVISIONING_CONCURRENCY calls in flight, each holding its Prisma query and its Auth0
// response across the other's allocations, which V8 then promoted to the old generation (issue 24). Ours,
// not p-limit (only a dev dependency's dependency here): a counter and a FIFO of waiters.

export class JobSlots {
  #running = 0;
  #peak = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`job slots: ${size} is not a positive integer`);
  }

  /** Runs `work` once a slot is free (in arrival order), and frees the slot when it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.size) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#running += 1;
    this.#peak = Math.max(this.#peak, this.#running);
    try {
      return await work();
    } finally {
      // The slot passes straight to the next waiter, so a new arrival cannot overtake it.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }

  /** Jobs being worked now, and the most at once since the process started. */
  get running(): number {
    return this.#running;
  }

  get peak(): number {
    return this.#peak;
  }
}
