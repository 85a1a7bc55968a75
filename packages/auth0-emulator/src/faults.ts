// Decides, per request, which configured fault applies: added latency, an outage window, a random 5xx,
// and after a committed write the commit-then-fail trap. Pure decisions; the server acts on them.
import { routeMatches, type EmulatorConfig, type OutageWindow } from './config.ts';

export class Faults {
  private commitThenFailRemaining: number | undefined;
  private readonly config: () => EmulatorConfig;
  private readonly random: () => number;

  constructor(config: () => EmulatorConfig, random: () => number = Math.random) {
    this.config = config;
    this.random = random;
    this.configured();
  }

  /** Call after every config change: a new `commitThenFail.count` starts counting from zero. */
  configured(): void {
    this.commitThenFailRemaining = this.config().commitThenFail?.count;
  }

  latencyMs(method: string, template: string): number {
    const latency = this.config().latency;
    if (!latency || !routeMatches(latency.routes, method, template)) return 0;
    return latency.fixedMs + this.random() * latency.jitterMs;
  }

  outage(method: string, template: string, now: number): OutageWindow | undefined {
    return this.config().outages.find(
      (window) =>
        (window.fromEpochMs === undefined || window.fromEpochMs <= now) &&
        (window.untilEpochMs === undefined || now < window.untilEpochMs) &&
        routeMatches(window.routes, method, template),
    );
  }

  /** The status of an injected error, or null when this request goes through. */
  injectedError(method: string, template: string): number | null {
    const fault = this.config().errorRate;
    if (!fault || !routeMatches(fault.routes, method, template)) return null;
    return this.random() < fault.rate ? fault.status : null;
  }

  /** For a write that has just committed: how the client should be failed, or null to answer normally. */
  commitThenFail(method: string, template: string): { mode: 'status' | 'drop'; status: number } | null {
    const fault = this.config().commitThenFail;
    if (!fault || !routeMatches(fault.routes, method, template)) return null;
    if (this.commitThenFailRemaining !== undefined) {
      if (this.commitThenFailRemaining <= 0) return null;
      this.commitThenFailRemaining -= 1;
    } else if (fault.rate !== undefined && this.random() >= fault.rate) {
      return null;
    }
    return { mode: fault.mode, status: fault.status };
  }
}
