// Which new employees get their Auth0 account inside the create request (answered CREATED, the attempt
// assigning the role itself) and which go straight to the queue (answered PENDING; the workers create the
// user at their bounded concurrency and give the role in a batch, as for an import). A lone create attempts
// in the request; a burst (an identity provider's initial sync, a script) does not: each request attempt
// that outlives its bounded wait goes on in the background, and a burst of them used to pile up unbounded
// callers in the pacer (waits past its 30 s cap went out unpaced: 429s) and cost a role call per user.
// docs/design.md "Creates in a burst".

export interface RequestAttemptOptions {
  /** Request attempts running at once in this process (background ones included); more go to the queue. */
  maxRunning: number;
  /** Whether the tenant's write bucket is in use (the pacer waited lately): then every create queues. */
  tenantBusy?: () => boolean;
}

export class RequestAttempts {
  private running = 0;

  constructor(private readonly options: RequestAttemptOptions) {}

  /** How many request attempts are running now (tests, diagnostics). */
  get inFlight(): number {
    return this.running;
  }

  /**
   * A create may attempt in the request: returns the function to call once its attempt has ended (it
   * counts until then, past the request's bounded wait). Null: queue it instead.
   */
  tryStart(): (() => void) | null {
    if (this.running >= this.options.maxRunning || this.options.tenantBusy?.()) return null;
    this.running += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.running -= 1;
    };
  }
}
