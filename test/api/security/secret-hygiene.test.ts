// A full scenario (creates, an outage, a retried create, bad tokens, bad input, audit reads) with every
// log line, response and audit row captured: none may contain the Auth0 client secret, the Management
// API access token, the caller's token, the password sent to Auth0, or the password-set link (and its
// ticket) Auth0 emails the employee in invite mode.
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEventsDocument, CreateEmployeeDocument } from '../../generated/graphql.ts';
import { startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';

describe('secret hygiene', () => {
  let gateway: TestGateway;
  const logLines: string[] = [];
  const responses: string[] = [];
  const managementTokens = new Set<string>();
  const passwords = new Set<string>();

  // Observes what the SDK really sends, to know the values that must never come back out.
  const observingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const authorization = request.headers.get('authorization');
    if (authorization?.startsWith('Bearer ')) managementTokens.add(authorization.slice('Bearer '.length));
    if (request.method === 'POST' && request.url.endsWith('/api/v2/users')) {
      const body = (await request.clone().json()) as { password?: string };
      if (body.password) passwords.add(body.password);
    }
    return fetch(request);
  };

  beforeAll(async () => {
    gateway = await startTestGateway({
      logDestination: { write: (line: string) => void logLines.push(line) },
      logLevel: 'trace',
      auth0Fetch: observingFetch,
      maxRetries: 1,
    });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  async function call(body: unknown, headers: Record<string, string>) {
    const response = await gateway.app.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    responses.push(JSON.stringify([...response.headers]), await response.text());
  }

  it('never lets a secret out', async () => {
    const callerToken = await gateway.tokenFor('admin');
    const asAdmin = { authorization: `Bearer ${callerToken}` };
    const create = (email: string) => ({
      query: print(CreateEmployeeDocument),
      variables: { input: { name: 'Secret Keeper', email, department: 'Vault' } },
    });
    const emails = [uniqueEmail('secret-ok'), uniqueEmail('secret-outage'), uniqueEmail('secret-retry')];

    await call(create(emails[0]!), asAdmin);
    await gateway.control.configure({ outages: [{ routes: ['POST /api/v2/users'], status: 503 }] });
    await call(create(emails[1]!), asAdmin);
    await gateway.control.configure({
      outages: [],
      commitThenFail: { mode: 'status', status: 500, count: 1, routes: ['POST /api/v2/users'] },
    });
    await call(create(emails[2]!), asAdmin);
    await call(create('not-an-email'), asAdmin);
    await call(create(uniqueEmail('forged')), { authorization: `Bearer ${callerToken.slice(0, -4)}AAAA` });
    // Invite mode (the default): each created employee gets the password-set email from its queued job.
    await expect
      .poll(async () => (await gateway.control.emails()).filter((mail) => mail.type === 'change_password' && emails.includes(mail.to)).length, {
        timeout: 15_000,
      })
      .toBeGreaterThanOrEqual(2);
    await call({ query: print(AuditEventsDocument), variables: { first: 50 } }, asAdmin);
    const invitations = (await gateway.control.emails()).filter((mail) => mail.type === 'change_password');

    const secrets = {
      clientSecret: gateway.emulator.clientSecret,
      callerToken,
      ...Object.fromEntries([...managementTokens].map((token, i) => [`managementToken${i}`, token])),
      ...Object.fromEntries([...passwords].map((password, i) => [`password${i}`, password])),
      ...Object.fromEntries(invitations.flatMap((mail, i) => [[`invitationTicket${i}`, mail.ticket], [`invitationLink${i}`, mail.link]])),
    };
    // The scenario really exercised what it claims to: a token was used and passwords were sent.
    expect(managementTokens.size).toBeGreaterThan(0);
    expect(passwords.size).toBeGreaterThanOrEqual(2);
    expect(logLines.length).toBeGreaterThan(0);

    const auditRows = JSON.stringify(
      await gateway.prisma.auditEvent.findMany({ where: { employee: { email: { in: emails } } } }),
    );
    const employeeRows = JSON.stringify(await gateway.prisma.employee.findMany({ where: { email: { in: emails } } }));
    expect(auditRows.length).toBeGreaterThan(100);

    const places = { logs: logLines.join('\n'), responses: responses.join('\n'), auditRows, employeeRows };
    for (const [placeName, text] of Object.entries(places)) {
      for (const [secretName, secret] of Object.entries(secrets)) {
        expect(text.includes(secret), `${secretName} found in ${placeName}`).toBe(false);
      }
    }
  });
});
