// The protocol around the resources: tokens (missing, revoked, maxRole), filters outside the supported
// subset, paging, attributes/excludedAttributes, If-Match, discovery, the audit of every request, the
// role rules of group membership, and a client's password found in no log, audit row or Auth0 request.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { revokeScimToken, scimClient, scimTokenFor, type ScimClient } from '../../helpers/scim.ts';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const PASSWORD = 'Pw-0nly-Okta-Knows-7731';

describe('SCIM protocol', () => {
  let gateway: TestGateway;
  let scim: ScimClient;
  let tokenName: string;
  const logs: string[] = [];
  const auth0Bodies: string[] = [];

  beforeAll(async () => {
    gateway = await startTestGateway({
      provisioning: { waitMs: 3000 },
      logLevel: 'debug',
      logDestination: new Writable({ write: (chunk, _encoding, done) => (logs.push(String(chunk)), done()) }),
      auth0Fetch: async (input, init) => {
        if (typeof init?.body === 'string') auth0Bodies.push(init.body);
        return fetch(input, init);
      },
    });
    tokenName = `hr-${crypto.randomUUID().slice(0, 8)}`;
    scim = scimClient(gateway, (await scimTokenFor(gateway, tokenName, 'MANAGER')).token);
  });
  afterAll(async () => {
    await gateway?.close();
  });

  const newUser = async (client: ScimClient, extra: Record<string, unknown> = {}) => {
    const email = uniqueEmail('scim');
    const answer = await client.send('POST', '/Users', { userName: email, name: { givenName: 'Pat', familyName: 'Doe' }, emails: [{ value: email, type: 'work' }], ...extra });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return { id: answer.body!.id as string, email, resource: answer.body! };
  };
  const employee = (id: string) => gateway.prisma.employee.findUniqueOrThrow({ where: { id } });
  const auth0User = async (email: string) => (await gateway.control.users()).find((user) => user.email === email);

  it('answers 401 in the error schema without a token, with an unknown one, and at once after a revocation', async () => {
    const anonymous = await gateway.app.fetch('http://gateway.test/scim/v2/Users');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    expect((await scimClient(gateway, 'not-a-token').send('GET', '/Users')).status).toBe(401);
    const { token, id } = await scimTokenFor(gateway, `short-lived-${crypto.randomUUID().slice(0, 8)}`);
    const client = scimClient(gateway, token);
    expect((await client.send('GET', '/Users?count=1')).status).toBe(200);
    await revokeScimToken(gateway, id);
    expect((await client.send('GET', '/Users?count=1')).status).toBe(401);
    expect((await client.send('POST', '/Users', { userName: uniqueEmail('revoked') })).status).toBe(401);
  });

  it.each([
    ['userName co "a"', /operator "co"/],
    ['userName gt "a"', /operator "gt"/],
    ['title eq "Boss"', /Unsupported filter attribute title/],
    ['meta.created eq "2020-01-01"', /Unsupported filter attribute/],
    ['not (userName eq "a")', /not/],
    ['userName eq "unterminated', /not closed/],
    ['(userName eq "a"', /parenthesis/],
    ['emails[type eq "work" ].value eq', /value is expected/],
    ['userName eq "a" xor userName eq "b"', /unexpected text/],
    ['userName pr', /operator "pr"/],
  ])('refuses the filter %s with 400 invalidFilter', async (filter, detail) => {
    const answer = await scim.send('GET', `/Users?filter=${encodeURIComponent(filter)}`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidFilter' });
    expect(answer.body!.detail).toMatch(detail);
  });

  it('combines eq with and/or and parentheses, case-insensitive attribute names', async () => {
    const one = await newUser(scim, { externalId: `ext-${crypto.randomUUID()}` });
    const two = await newUser(scim);
    const filter = `(USERNAME eq "${one.email.toUpperCase()}" and externalId eq "${one.resource.externalId}") or emails.value eq "${two.email}"`;
    const answer = await scim.send('GET', `/Users?filter=${encodeURIComponent(filter)}`);
    expect(answer.body!.Resources.map((user: { id: string }) => user.id).sort()).toEqual([one.id, two.id].sort());
    const neither = await scim.send('GET', `/Users?filter=${encodeURIComponent(`userName eq "${one.email}" and externalId eq "other"`)}`);
    expect(neither.body).toMatchObject({ totalResults: 0 });
  });

  it('pages 1-based, answers totals only for count=0, and projects attributes', async () => {
    // Other test files share this database: totals and pages are checked on this test's own users.
    const users = [await newUser(scim), await newUser(scim)];
    const filter = encodeURIComponent(users.map((user) => `userName eq "${user.email}"`).join(' or '));
    const totals = await scim.send('GET', `/Users?filter=${filter}&count=0`);
    expect(totals.body).toMatchObject({ totalResults: 2, itemsPerPage: 0, Resources: [] });
    const last = await scim.send('GET', `/Users?filter=${filter}&startIndex=2&count=5`);
    expect(last.body).toMatchObject({ totalResults: 2, startIndex: 2, itemsPerPage: 1 });
    const beyond = await scim.send('GET', `/Users?filter=${filter}&startIndex=3`);
    expect(beyond.body).toMatchObject({ itemsPerPage: 0, Resources: [] });
    expect((await scim.send('GET', '/Users?count=0')).body!.totalResults).toBeGreaterThanOrEqual(2);

    const own = encodeURIComponent(`userName eq "${users[0]!.email}"`);
    const picked = await scim.send('GET', `/Users?filter=${own}&attributes=userName,name.familyName`);
    expect(Object.keys(picked.body!.Resources[0]).sort()).toEqual(['id', 'name', 'schemas', 'userName']);
    expect(Object.keys(picked.body!.Resources[0].name)).toEqual(['familyName']);
    const trimmed = await scim.send('GET', `/Users?filter=${own}&excludedAttributes=emails,groups,name.givenName,urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`);
    expect(trimmed.body!.Resources[0]).not.toHaveProperty('emails');
    expect(trimmed.body!.Resources[0]).not.toHaveProperty('groups');
    expect(trimmed.body!.Resources[0].name).not.toHaveProperty('givenName');
    expect(trimmed.body!.Resources[0]['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']).toEqual({});
  });

  it('honours If-Match: a stale version answers 412 and changes nothing; the current one applies', async () => {
    const user = await newUser(scim);
    const stale = user.resource.meta.version as string;
    await scim.send('PATCH', `/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'First' }] });
    const refused = await scim.send('PATCH', `/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'name.familyName', value: 'Late' }] }, { 'if-match': stale });
    expect(refused.status).toBe(412);
    expect((await employee(user.id)).name).toBe('Pat Doe');
    const current = (await scim.send('GET', `/Users/${user.id}`)).headers.get('etag')!;
    const applied = await scim.send('PATCH', `/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'name.familyName', value: 'Late' }] }, { 'if-match': current });
    expect(applied.status).toBe(200);
    expect((await employee(user.id)).name).toBe('Pat Late');
    expect((await scim.send('DELETE', `/Users/${user.id}`, undefined, { 'if-match': stale })).status).toBe(412);
  });

  it("holds the token's maxRole: a team_lead token may not put anyone in manager, nor touch a manager", async () => {
    const capped = scimClient(gateway, (await scimTokenFor(gateway, `capped-${crypto.randomUUID().slice(0, 8)}`, 'TEAM_LEAD')).token);
    const user = await newUser(capped);
    const refused = await capped.send('PATCH', '/Groups/manager', { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: user.id }] }] });
    expect(refused.status).toBe(403);
    expect((await employee(user.id)).role).toBe('PRODUCTION_ASSOCIATE');
    expect((await capped.send('PATCH', '/Groups/team_lead', { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: user.id }] }] })).status).toBe(204);
    expect((await employee(user.id)).role).toBe('TEAM_LEAD');

    const manager = await newUser(scim);
    expect((await scim.send('PATCH', '/Groups/manager', { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: manager.id }] }] })).status).toBe(204);
    const touch = await capped.send('PATCH', `/Users/${manager.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(touch.status).toBe(403);
    expect(await employee(manager.id)).toMatchObject({ role: 'MANAGER', active: true });
    expect((await capped.send('DELETE', `/Users/${manager.id}`)).status).toBe(403);
    // Not even a lower group for a senior, nor a group change that takes a junior along with it.
    const both = await capped.send('PATCH', '/Groups/team_lead', { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: user.id }, { value: manager.id }] }] });
    expect(both.status).toBe(403);
    expect((await employee(manager.id)).directoryGroups).toEqual(['MANAGER']);
    expect((await employee(manager.id)).directoryRemovedAt).toBeNull();
  });

  it('gives the highest of several groups, the next one down when it is left, the default role when none is left', async () => {
    const user = await newUser(scim);
    const member = (group: string, op: 'add' | 'remove') =>
      scim.send('PATCH', `/Groups/${group}`, { schemas: [PATCH_OP], Operations: op === 'add' ? [{ op, path: 'members', value: [{ value: user.id }] }] : [{ op, path: `members[value eq "${user.id}"]` }] });
    expect((await member('team_lead', 'add')).status).toBe(204);
    expect((await member('manager', 'add')).status).toBe(204);
    expect((await employee(user.id)).role).toBe('MANAGER');
    expect((await scim.send('GET', `/Users/${user.id}`)).body!.groups.map((group: { value: string }) => group.value)).toEqual(['team_lead', 'manager']);
    await expect.poll(async () => (await auth0User(user.email))?.roles, { timeout: 15_000 }).toEqual(['manager']);
    expect((await member('manager', 'remove')).status).toBe(204);
    expect((await employee(user.id)).role).toBe('TEAM_LEAD');
    expect((await member('team_lead', 'remove')).status).toBe(204);
    expect((await employee(user.id)).role).toBe('PRODUCTION_ASSOCIATE');
    await expect.poll(async () => (await auth0User(user.email))?.roles, { timeout: 15_000 }).toEqual(['production_associate']);
  });

  it("pages a group's members, and refuses an unknown member, removing everyone at once, or an unknown group", async () => {
    const page = await scim.send('GET', '/Groups/production_associate?startIndex=2&count=1');
    expect(page.body!.members).toHaveLength(1);
    const unknown = await scim.send('PATCH', '/Groups/team_lead', { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: crypto.randomUUID() }] }] });
    expect(unknown).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    const everyone = await scim.send('PATCH', '/Groups/team_lead', { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'members' }] });
    expect(everyone.status).toBe(400);
    expect((await scim.send('GET', '/Groups/owners')).status).toBe(404);
  });

  it('claims an employee made through GraphQL: userName eq finds it by email, and a create with its email is that employee', async () => {
    const services = await gateway.composition.services();
    const email = uniqueEmail('graphql.made');
    const made = await services.createEmployee({ id: 'auth0|test-admin', correlationId: null, permissions: new Set(['manage:provisioning']) }, { name: 'Gia Made', email, department: 'Outbound' });
    if (made instanceof Error) throw made;
    const found = await scim.send('GET', `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`);
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id: made.id, userName: email }] });
    const claimed = await scim.send('POST', '/Users', { userName: `gia@${email.split('@')[1]}`, emails: [{ value: email, type: 'work' }], name: { formatted: 'Gia Made' }, externalId: `claim-${made.id}` });
    expect(claimed).toMatchObject({ status: 201, body: { id: made.id, userName: `gia@${email.split('@')[1]}` } });
    expect(await employee(made.id)).toMatchObject({ department: 'Outbound', externalId: `claim-${made.id}`, userName: `gia@${email.split('@')[1]}` });
    expect((await scim.send('POST', '/Users', { userName: `other@${email.split('@')[1]}`, emails: [{ value: email, type: 'work' }] })).status).toBe(409);
  });

  it('drops a password at the door: never stored, logged, audited or sent to Auth0', async () => {
    const user = await newUser(scim, { password: PASSWORD, externalId: `pw-${crypto.randomUUID()}` });
    await scim.send('PATCH', `/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'password', value: PASSWORD }] });
    await scim.send('PATCH', `/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { password: PASSWORD, displayName: 'Pat' } }] });
    await scim.send('PUT', `/Users/${user.id}`, { userName: user.email, emails: [{ value: user.email, type: 'work' }], name: { formatted: 'Pat Doe' }, password: PASSWORD });
    await expect.poll(() => auth0User(user.email), { timeout: 15_000 }).toMatchObject({ name: 'Pat Doe' });

    expect(auth0Bodies.length).toBeGreaterThan(0);
    expect(auth0Bodies.filter((body) => body.includes(PASSWORD))).toEqual([]);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.filter((line) => line.includes(PASSWORD))).toEqual([]);
    const audit = await gateway.prisma.auditEvent.findMany();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
    expect(JSON.stringify(await employee(user.id))).not.toContain(PASSWORD);
    expect(JSON.stringify(await gateway.control.users())).not.toContain(PASSWORD);
  });

  it('audits every request with the token name, and never logs the token', async () => {
    const user = await newUser(scim);
    // The row is written as the answer goes out (the client does not wait for it).
    const details = async () => (await gateway.prisma.auditEvent.findMany({ where: { action: 'SCIM_REQUEST', actor: `scim:${tokenName}` } })).map((row) => row.detail);
    await expect.poll(details, { timeout: 5000 }).toContain('POST /Users -> 201');
    expect(await gateway.prisma.auditEvent.count({ where: { employeeId: user.id, actor: `scim:${tokenName}`, action: 'EMPLOYEE_CREATED' } })).toBe(1);
    expect(logs.some((line) => line.includes(tokenName))).toBe(true);
    expect(logs.filter((line) => line.includes(scim.token))).toEqual([]);
    expect(JSON.stringify(await gateway.prisma.auditEvent.findMany())).not.toContain(scim.token);
  });

  it('serves discovery, and refuses bad bodies and unknown endpoints in the error schema', async () => {
    const config = await scim.send('GET', '/ServiceProviderConfig');
    expect(config.body).toMatchObject({ patch: { supported: true }, bulk: { supported: false }, filter: { supported: true }, etag: { supported: true } });
    const types = await scim.send('GET', '/ResourceTypes');
    expect(types.body!.Resources.map((type: { id: string }) => type.id)).toEqual(['User', 'Group']);
    expect((await scim.send('GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group')).body).toMatchObject({ name: 'Group' });
    expect((await scim.send('POST', '/Users', '{"userName":')).body).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    expect((await scim.send('POST', '/Users', { name: { formatted: 'No Name' } })).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect((await scim.send('POST', '/Users', { userName: 'not-an-email' })).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect((await scim.send('PATCH', `/Users/${crypto.randomUUID()}`, { schemas: [PATCH_OP], Operations: [] })).status).toBe(404);
    expect((await scim.send('GET', '/Bulk')).status).toBe(404);
  });
});
