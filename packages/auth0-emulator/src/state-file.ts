// The tenant kept in a JSON file, so that a restarted emulator still knows the users, role assignments,
// emails and logs a client created before (a real tenant does not forget them either). Written a moment
// after each change (writes coalesce) and on close, atomically (a temporary file renamed over the old one).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { restoreSnapshot, snapshotOf, type TenantSnapshot, type TenantState } from './state.ts';

const WRITE_DELAY_MS = 200;

export class StateFile {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly file: string;
  private readonly state: TenantState;
  private readonly onError: (error: unknown) => void;

  constructor(file: string, state: TenantState, onError: (error: unknown) => void) {
    this.file = path.resolve(file);
    this.state = state;
    this.onError = onError;
  }

  /** Restores the tenant from the file; false when there is none yet (a first start). */
  async load(): Promise<boolean> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    const snapshot = JSON.parse(text) as Partial<TenantSnapshot>;
    if (snapshot.version !== 1) {
      throw new Error(`${this.file} is not an emulator state file of this version; remove it (or start with --reset) to begin empty`);
    }
    restoreSnapshot(this.state, snapshot as TenantSnapshot);
    return true;
  }

  /** Schedules a write of the current tenant. */
  changed(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.writing = this.writing.then(() => this.write()).catch(this.onError);
    }, WRITE_DELAY_MS);
  }

  /** Writes whatever is pending now (on close). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.writing = this.writing.then(() => this.write()).catch(this.onError);
    }
    await this.writing;
  }

  private async write(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(snapshotOf(this.state)));
    await rename(temporary, this.file);
  }
}
