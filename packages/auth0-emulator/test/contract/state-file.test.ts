// A tenant kept in a state file survives a restart: users (searchable at once), role assignments, email
// outbox and logs; the control reset empties it, and so does the CLI's --reset.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, managementToken, sdk, startTestEmulator } from './helpers.ts';

describe('state file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'emulator-state-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('restores users, role assignments, emails and logs after a restart, and the control reset empties it', async () => {
    const stateFile = path.join(dir, 'tenant.json');
    const first = await startTestEmulator({ stateFile });
    const token = await managementToken(first.emulator);
    const user = await createUser(first.emulator, token, { verify_email: false });
    const client = sdk(first.emulator);
    const [role] = (await client.roles.list({ name_filter: 'team_lead' })).data;
    await client.users.roles.assign(user.user_id, { roles: [role!.id!] });
    await client.jobs.verificationEmail.create({ user_id: user.user_id });
    const logsBefore = (await first.control.logs()).length;
    await first.emulator.close();

    const second = await startTestEmulator({ stateFile });
    try {
      const again = sdk(second.emulator);
      expect((await again.users.get(user.user_id)).email).toBe(user.email);
      // Searchable at once (the search index is rebuilt), as a tenant's users are.
      const found = await again.users.list({ q: `user_id:"${user.user_id}"`, search_engine: 'v3' });
      expect(found.data.map((candidate) => candidate.user_id)).toEqual([user.user_id]);
      expect((await again.users.roles.list(user.user_id)).data.map((assigned) => assigned.name)).toEqual(['team_lead']);
      expect((await second.control.emails()).map((email) => email.to)).toEqual([user.email]);
      expect((await second.control.logs()).length).toBe(logsBefore);

      await second.control.reset();
      await second.emulator.close();
      const third = await startTestEmulator({ stateFile });
      expect(await third.control.users()).toEqual([]);
      await third.emulator.close();
    } finally {
      await second.emulator.close();
    }
  });

  it('appends a change to the journal without rewriting the snapshot, and a restart after a crash replays it', async () => {
    const stateFile = path.join(dir, 'journal.json');
    const first = await startTestEmulator({ stateFile });
    const token = await managementToken(first.emulator);
    const kept = await createUser(first.emulator, token, { verify_email: false });
    await first.emulator.close();
    const snapshot = await readFile(stateFile, 'utf8');

    const running = await startTestEmulator({ stateFile });
    const client = sdk(running.emulator);
    const added = await createUser(running.emulator, await managementToken(running.emulator), { verify_email: false });
    await client.users.update(kept.user_id, { name: 'Renamed While Running' });
    await client.users.delete(added.user_id);
    await promisify(setTimeout)(600);
    // The snapshot is as the last close left it; the changes are lines of the journal. Changes that fall in
    // one flush window are coalesced (a user created and deleted within it is one deletion line), so the
    // journal is read as the latest line per user.
    expect(await readFile(stateFile, 'utf8')).toBe(snapshot);
    const lines = (await readFile(`${stateFile}.journal`, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { m?: string; k?: string; v?: unknown });
    const latest = new Map(lines.filter((line) => line.m === 'users').map((line) => [line.k, line.v === null ? 'deleted' : 'present']));
    expect(Object.fromEntries(latest)).toEqual({ [added.user_id]: 'deleted', [kept.user_id]: 'present' });

    // Killed without closing: a new emulator on the same file replays the journal (and compacts it).
    const restarted = await startTestEmulator({ stateFile });
    try {
      const users = await restarted.control.users();
      expect(users.map((user) => [user.user_id, user.name])).toEqual([[kept.user_id, 'Renamed While Running']]);
      await expect(stat(`${stateFile}.journal`)).rejects.toThrow();
    } finally {
      await restarted.emulator.close();
      await running.emulator.close();
    }
  });

  it('refuses a file that is not a state file of this version, naming it', async () => {
    const stateFile = path.join(dir, 'other.json');
    await writeFile(stateFile, '{"hello": "world"}');
    await expect(startTestEmulator({ stateFile })).rejects.toThrow(`${stateFile} is not an emulator state file`);
  });

  it('the CLI keeps the tenant in --state-file and --reset starts it empty', async () => {
    const stateFile = path.join(dir, 'cli.json');
    const seeded = await startTestEmulator({ stateFile });
    await createUser(seeded.emulator, await managementToken(seeded.emulator), { verify_email: false });
    await seeded.emulator.close();
    expect(JSON.parse(await readFile(stateFile, 'utf8')).users).toHaveLength(1);

    // --help exits before starting; --reset empties the file before it starts, so run it and stop it.
    const cli = fileURLToPath(new URL('../../src/bin.ts', import.meta.url));
    const child = execFile(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--state-file', stateFile, '--reset']);
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('emptied by --reset')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`emulator CLI exited with ${code}: ${output}`)));
    });
    child.kill('SIGTERM');
    await promisify(setTimeout)(300);
    const restored = await startTestEmulator({ stateFile });
    try {
      expect(await restored.control.users()).toEqual([]);
    } finally {
      await restored.emulator.close();
    }
  });
});
