// A change feed for the caches' unit tests, driven by hand. Like the real one: a listener that registers
// while the connection is up hears `up` at once; a committed change can be "on its way" (not delivered
// yet) until catchUp delivers it, as PostgreSQL's notifications are.
import type { ChangeListener, EmployeeChange } from '../../src/live/employee-change-feed.ts';

export class FakeChangeFeed {
  listener: ChangeListener | undefined;
  listens = 0;
  connected = false;
  catchUps = 0;
  /** What catchUp answers while up (false: as when the connection is lost during the barrier). */
  catchUpSucceeds = true;
  /** Committed changes whose notification has not arrived yet. */
  readonly onTheirWay: EmployeeChange[] = [];

  listen(listener: ChangeListener) {
    this.listens += 1;
    this.listener = listener;
    if (this.connected) listener.up();
    return () => {
      this.listener = undefined;
    };
  }

  up() {
    this.connected = true;
    this.listener?.up();
  }

  down() {
    this.connected = false;
    this.listener?.down();
  }

  /** A row change, delivered now. */
  row(oldAuth0UserId: string | null, newAuth0UserId: string | null) {
    this.listener?.changed({ kind: 'row', id: crypto.randomUUID(), importBatchId: null, oldAuth0UserId, newAuth0UserId });
  }

  /** A write committed; its notification is on its way. */
  commit(change: EmployeeChange = { kind: 'row', id: crypto.randomUUID(), importBatchId: null, oldAuth0UserId: null, newAuth0UserId: null }) {
    this.onTheirWay.push(change);
  }

  deliver() {
    for (const change of this.onTheirWay.splice(0)) this.listener?.changed(change);
  }

  async catchUp() {
    this.catchUps += 1;
    await Promise.resolve();
    if (!this.connected || !this.catchUpSucceeds) return false;
    this.deliver();
    return true;
  }
}
