// The alert rules in ops/prometheus/ pass Prometheus's own checks (`promtool check rules`, `promtool test
// rules` on synthetic series), a real scrape of the gateway passes `promtool check metrics`, and the
// Grafana dashboard shows every series the alerts use. promtool comes with Debian's `prometheus`
// package: `.ci/run` installs it and sets REQUIRE_PROMTOOL, so CI never skips these; a machine without
// it skips the promtool tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateEmployeeDocument } from '../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../helpers/gateway.ts';
import { parsePrometheusText, sumOf } from '../helpers/prometheus-text.ts';

const promtool = (() => {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!promtool && process.env.REQUIRE_PROMTOOL) throw new Error('REQUIRE_PROMTOOL is set but promtool is not on the PATH (apt-get install prometheus)');

const run = (args: string[], input?: string) => spawnSync('promtool', args, { cwd: 'ops/prometheus', encoding: 'utf8', ...(input !== undefined ? { input } : {}) });

describe.skipIf(!promtool)('promtool', () => {
  it('accepts the alert rules', () => {
    const result = run(['check', 'rules', 'alerts.yml']);
    expect(result.stdout + result.stderr).toContain('SUCCESS: 17 rules found');
    expect(result.status).toBe(0);
  });

  it('passes the rule tests on synthetic series', () => {
    const result = run(['test', 'rules', 'alerts.test.yml']);
    expect(result.stdout + result.stderr).toContain('SUCCESS');
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  describe('a real scrape of the gateway', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway();
    });
    afterAll(async () => {
      await gateway?.close();
    });

    it('passes promtool check metrics', async () => {
      expectNoGraphQLErrors(
        await gateway.execute({ document: CreateEmployeeDocument, variables: { input: { name: 'Promtool Check', email: uniqueEmail('promtool'), department: 'Ops' } } }),
      );
      const scrape = await (await gateway.app.fetch('http://gateway.test/metrics')).text();
      expect(scrape).toContain('auth0_user_creation_total{status="success"} 1');
      const result = run(['check', 'metrics'], scrape);
      // prom-client's own Node.js gauges are named *_total (its defaults; not ours to rename).
      const problems = (result.stdout + result.stderr)
        .split('\n')
        .filter((line) => line !== '' && !/^nodejs_active_(handles|requests|resources)_total non-counter metrics should not have "_total" suffix$/.test(line));
      expect(problems).toEqual([]);
      expect([0, 3]).toContain(result.status); // 3: lint problems (only those above)
    });

    it('an invitation the emulator refuses shows in the scrape, and that scrape fires InvitationFailed', { timeout: 30_000 }, async () => {
      await gateway.control.setConnectionClients([{ client_id: gateway.emulator.clientId, status: false }]);
      try {
        const email = uniqueEmail('promtool-refused');
        expectNoGraphQLErrors(await gateway.execute({ document: CreateEmployeeDocument, variables: { input: { name: 'Refused Invitation', email, department: 'Ops' } } }));
        await expect.poll(async () => (await gateway.prisma.employee.findUnique({ where: { email } }))?.invitationStatus, { timeout: 15_000 }).toBe('FAILED');
      } finally {
        await gateway.control.setConnectionClients([{ client_id: gateway.emulator.clientId, status: true }]);
      }
      const scrape = await (await gateway.app.fetch('http://gateway.test/metrics')).text();
      const failed = sumOf(parsePrometheusText(scrape), 'provisioning_invitations', { status: 'FAILED' });
      expect(failed).toBeGreaterThanOrEqual(1);
      // The scraped sample, held for ten minutes, as the rule test's input.
      const alerts = await readFile('ops/prometheus/alerts.yml', 'utf8');
      const rule = alerts.slice(alerts.indexOf('alert: InvitationFailed'));
      const annotation = (key: string) => new RegExp(`^\\s+${key}: (.*)$`, 'm').exec(rule)![1]!;
      const dir = await mkdtemp(join(tmpdir(), 'promtool-scrape-'));
      const rules = join(dir, 'scrape.test.yml');
      await writeFile(
        rules,
        [
          `rule_files: [${JSON.stringify(resolve('ops/prometheus/alerts.yml'))}]`,
          'evaluation_interval: 1m',
          'tests:',
          '  - interval: 1m',
          '    input_series:',
          `      - series: 'provisioning_invitations{status="FAILED", instance="gw-1"}'`,
          `        values: '${failed}x10'`,
          '    alert_rule_test:',
          '      - eval_time: 5m',
          '        alertname: InvitationFailed',
          '        exp_alerts:',
          '          - exp_labels: { severity: warn }',
          '            exp_annotations:',
          `              summary: ${JSON.stringify(annotation('summary'))}`,
          `              description: ${JSON.stringify(annotation('description'))}`,
          '',
        ].join('\n'),
      );
      const result = run(['test', 'rules', rules]);
      await rm(dir, { recursive: true, force: true });
      expect(result.stdout + result.stderr).toContain('SUCCESS');
      expect(result.status, result.stdout + result.stderr).toBe(0);
    });
  });
});

describe('the Grafana dashboard', () => {
  it('charts every series the alerts use', async () => {
    const alerts = await readFile('ops/prometheus/alerts.yml', 'utf8');
    const dashboard = JSON.parse(await readFile('ops/grafana/dashboard.json', 'utf8')) as {
      panels: { type: string; targets?: { expr: string }[] }[];
    };
    const exprs = dashboard.panels.flatMap((panel) => panel.targets ?? []).map((target) => target.expr).join('\n');
    const used = new Set([...alerts.matchAll(/\b((?:auth0|provisioning|scim|webhook)_[a-z_]+)/g)].map((match) => match[1]!));
    expect(used.size).toBeGreaterThanOrEqual(6);
    expect([...used].filter((name) => !exprs.includes(name))).toEqual([]);
  });
});
