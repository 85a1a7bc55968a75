// The gateway as a developer runs it (NODE_ENV=development with the emulator: GraphiQL and the console
// carry the development manager token), driven in Chromium.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../helpers/database.ts';
import { secondGatewayEnv, startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.ts';
import { startTestGateway, uniqueEmail, type TestGateway } from '../helpers/gateway.ts';
import { freePort } from '../helpers/sse.ts';
import { chromiumAvailable, launchChromium, withScreenshotOnFailure, type Browser } from './browser.ts';

const SCHEMA = `pgboss_browser_${process.pid}_${Date.now().toString(36)}`;

describe.runIf(chromiumAvailable())('in Chromium', () => {
  let gateway: TestGateway;
  let dev: GatewayProcess;
  let url: string;
  let browser: Browser;
  let page: Page;
  const consoleBodies: string[] = [];

  beforeAll(async () => {
    // npm install builds the console; a checkout whose install skipped it builds it here.
    if (!existsSync('examples/manager-console/dist/index.html')) await promisify(execFile)('npm', ['run', 'build:console']);
    // This process only holds the emulator and the database; the development gateway does the work.
    gateway = await startTestGateway({ workers: false, queueSchema: SCHEMA, queuePrefix: '' });
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    dev = await startGatewayProcess({
      ...secondGatewayEnv(testDatabaseUrl(), gateway.emulator.url, SCHEMA),
      NODE_ENV: 'development',
      PORT: String(port),
      // Generous, so that GraphiQL's first mutation answers CREATED on a busy machine too (README's promise).
      PROVISIONING_WAIT_MS: '5000',
    });
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('request', (request) => {
      const body = request.postData();
      if (body && request.url().endsWith('/graphql') && request.frame().url().includes('/console')) consoleBodies.push(body);
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.control.configure({ outages: [] });
    if (dev && dev.child.exitCode === null) {
      const exited = new Promise((resolve) => dev.child.once('exit', resolve));
      dev.child.kill('SIGTERM');
      await exited;
    }
    await gateway?.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await gateway?.close();
  }, 30_000);

  it('GraphiQL runs its pre-filled createEmployee with the development token and shows CREATED', { timeout: 60_000 }, async () => {
    await withScreenshotOnFailure(page, 'graphiql', async () => {
      await page.goto(`${url}/graphql`);
      await page.locator('.graphiql-execute-button').click({ timeout: 20_000 });
      await page.locator('.graphiql-response').getByText('"CREATED"').waitFor({ timeout: 20_000 });
      const response = await page.locator('.graphiql-response').innerText();
      expect(response).toMatch(/"auth0SyncStatus":\s*"CREATED"/);
      expect(response).toMatch(/"auth0UserId":\s*"auth0\|/);
    });
  });

  it('the console adds an employee during an Auth0 outage: PENDING, then CREATED live once Auth0 is back', { timeout: 90_000 }, async () => {
    await withScreenshotOnFailure(page, 'console-outage', async () => {
      await page.goto(`${url}/console`);
      await page.locator('#employees-total').getByText(/employees/).waitFor({ timeout: 20_000 });

      await gateway.control.configure({ outages: [{ status: 503 }] });
      const email = uniqueEmail('console');
      const form = page.locator('#add-form');
      await form.getByLabel('Name').fill('Console Outage');
      await form.getByLabel('Email').fill(email);
      await form.getByLabel('Department').fill('Picking');
      await form.getByRole('button', { name: 'Add' }).click();
      const status = page.locator(`tr[data-email="${email}"] td.status`);
      await status.getByText('PENDING').waitFor({ timeout: 20_000 });
      await expect.poll(() => page.locator('#add-result').innerText()).toBe(`Added ${email}: PENDING`);

      const navigations: string[] = [];
      page.on('framenavigated', (frame) => navigations.push(frame.url()));
      await gateway.control.configure({ outages: [] });
      await status.getByText('CREATED').waitFor({ timeout: 40_000 });
      expect(navigations).toEqual([]);
      // The invitation can be resent from the same row.
      const row = page.locator(`tr[data-email="${email}"]`);
      await row.getByRole('button', { name: 'Resend invitation' }).click();
      // Sent, or (invitations keep a minimum spacing, whatever the cooldown) the gateway's answer with its time.
      await expect
        .poll(() => row.locator('td').last().innerText(), { timeout: 10_000 })
        .toMatch(/^Resend invitation (Invitation sent|A verification email was sent to \S+ recently; try again after \S+)$/);
    });
  });

  it('the console imports a CSV and follows its progress to the end', { timeout: 60_000 }, async () => {
    await withScreenshotOnFailure(page, 'console-import', async () => {
      const emails = [uniqueEmail('console.import'), uniqueEmail('console.import')];
      const csv = `name,email,department,role\nCsv One,${emails[0]},Packing,team_lead\n"Two, Csv",${emails[1]},Packing,\n`;
      await page.locator('#import-form input[type=file]').setInputFiles({ name: 'hires.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.locator('#import-form').getByRole('button', { name: 'Import' }).click();
      await page.locator('#import-result').getByText('Auth0: 2 created, 0 failed, 0 pending').waitFor({ timeout: 40_000 });
      expect(await page.locator('#import-result').innerText()).toMatch(/^2 new, 0 already there, 0 invalid/);
      expect(await page.locator('#import-progress').evaluate((bar: HTMLProgressElement) => [bar.value, bar.max])).toEqual([2, 2]);
      // The list is reloaded when the batch finishes.
      await page.locator(`tr[data-email="${emails[1]}"] td.status`).getByText('CREATED').waitFor({ timeout: 10_000 });
      await expect.poll(() => page.locator(`tr[data-email="${emails[0]}"] td`).nth(3).innerText()).toBe('TEAM_LEAD');
    });
  });

  it('the console sends persisted documents: hashes, never document text', () => {
    expect(consoleBodies.length).toBeGreaterThan(3);
    for (const body of consoleBodies) {
      const params = JSON.parse(body) as { query?: string; extensions?: { persistedQuery?: { sha256Hash?: string } } };
      expect(params.query ?? '').toBe('');
      expect(params.extensions?.persistedQuery?.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
