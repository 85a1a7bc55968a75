// Okta's SCIM 2.0 reference (okta/okta-developer-docs, docs/reference/scim/scim-20/index.md), request by
// request with its literal bodies: the lookup, the create (with the password Okta always sends), the import
// paging, the GET, the PUT, the deactivation and reactivation PATCHes, the group pushes and membership
// changes. Each change is checked on the employee and on its Auth0 user in the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.ts';
import { scimClient, scimTokenFor, type ScimClient } from '../../helpers/scim.ts';

const OKTA_CREATE = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'test.user@okta.local',
  name: { givenName: 'Test', familyName: 'User' },
  emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
  displayName: 'Test User',
  locale: 'en-US',
  externalId: '00ujl29u0le5T6Aj10h7',
  groups: [],
  password: '1mz050nq',
  active: true,
};

const OKTA_DEACTIVATE = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] };

describe("Okta's SCIM 2.0 requests", () => {
  let gateway: TestGateway;
  let okta: ScimClient;
  let userId: string;

  beforeAll(async () => {
    gateway = await startTestGateway({ provisioning: { waitMs: 3000 } });
    okta = scimClient(gateway, (await scimTokenFor(gateway, `okta-${crypto.randomUUID().slice(0, 8)}`, 'MANAGER')).token);
  });
  afterAll(async () => {
    await gateway?.close();
  });

  const auth0User = async (email: string) => (await gateway.control.users()).find((user) => user.email === email);
  const employee = (id: string) => gateway.prisma.employee.findUniqueOrThrow({ where: { id } });

  it('looks the user up by userName first: an empty ListResponse', async () => {
    const answer = await okta.send('GET', '/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(answer.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });

  it('creates the user: 201 with the employee stored, its Auth0 account following, the password nowhere', async () => {
    const answer = await okta.send('POST', '/Users', OKTA_CREATE);
    expect(answer.status).toBe(201);
    userId = answer.body!.id;
    expect(answer.headers.get('location')).toBe(`http://gateway.test/scim/v2/Users/${userId}`);
    expect(answer.body).toMatchObject({
      userName: 'test.user@okta.local',
      externalId: '00ujl29u0le5T6Aj10h7',
      name: { formatted: 'Test User', givenName: 'Test', familyName: 'User' },
      displayName: 'Test User',
      active: true,
      emails: [{ value: 'test.user@okta.local', type: 'work', primary: true }],
      meta: { resourceType: 'User', location: `http://gateway.test/scim/v2/Users/${userId}` },
    });
    expect(answer.body).not.toHaveProperty('password');
    expect(answer.body!.meta.version).toMatch(/^W\/".+"$/);
    expect(answer.headers.get('etag')).toBe(answer.body!.meta.version);
    expect(await employee(userId)).toMatchObject({ name: 'Test User', email: 'test.user@okta.local', userName: 'test.user@okta.local', externalId: '00ujl29u0le5T6Aj10h7', department: 'Unassigned' });
    await expect.poll(() => auth0User('test.user@okta.local'), { timeout: 15_000 }).toMatchObject({
      name: 'Test User',
      roles: ['production_associate'],
      app_metadata: { employee_id: userId, external_id: '00ujl29u0le5T6Aj10h7' },
    });
    expect(JSON.stringify(await gateway.prisma.auditEvent.findMany({ where: { employeeId: userId } }))).not.toContain('1mz050nq');
  });

  it('answers the same create again with 409 uniqueness, and the lookup now finds it', async () => {
    const again = await okta.send('POST', '/Users', OKTA_CREATE);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '409', scimType: 'uniqueness' });
    const found = await okta.send('GET', '/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100');
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id: userId }] });
  });

  it('pages the import with startIndex and count, in a stable order', async () => {
    // Okta's own request; other test files share this database, so the pages are checked on a filtered set.
    const first = await okta.send('GET', '/Users?startIndex=1&count=100');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ startIndex: 1 });
    expect(first.body!.Resources.length).toBeLessThanOrEqual(100);
    const others = [`okta-page-a-${crypto.randomUUID().slice(0, 8)}@okta.local`, `okta-page-b-${crypto.randomUUID().slice(0, 8)}@okta.local`];
    for (const userName of others) {
      expect((await okta.send('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, emails: [{ value: userName, type: 'work', primary: true }] })).status).toBe(201);
    }
    const filter = encodeURIComponent(['test.user@okta.local', ...others].map((userName) => `userName eq "${userName}"`).join(' or '));
    const all = await okta.send('GET', `/Users?filter=${filter}&startIndex=1&count=100`);
    expect(all.body).toMatchObject({ totalResults: 3, itemsPerPage: 3 });
    expect(all.body!.Resources.map((user: { id: string }) => user.id)).toContain(userId);
    const pages: string[] = [];
    for (const start of [1, 3]) {
      const page = await okta.send('GET', `/Users?filter=${filter}&startIndex=${start}&count=2`);
      expect(page.body).toMatchObject({ totalResults: 3, startIndex: start, itemsPerPage: start === 1 ? 2 : 1 });
      pages.push(...page.body!.Resources.map((user: { id: string }) => user.id));
    }
    expect(pages).toEqual(all.body!.Resources.map((user: { id: string }) => user.id));
  });

  it('retrieves the user by id', async () => {
    const answer = await okta.send('GET', `/Users/${userId}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: userId, userName: 'test.user@okta.local', active: true });
  });

  it('updates with PUT as a full replace (name.middleName, then a new givenName)', async () => {
    const put = await okta.send('PUT', `/Users/${userId}`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: userId,
      userName: 'test.user@okta.local',
      name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work', display: 'test.user@okta.local' }],
      active: true,
      groups: [],
      meta: { resourceType: 'User' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: userId, name: { givenName: 'Another', middleName: 'Excited', familyName: 'User', formatted: 'Another User' } });
    // The full replace dropped displayName (not sent) and kept the externalId and department.
    expect(put.body).not.toHaveProperty('displayName');
    expect(await employee(userId)).toMatchObject({ name: 'Another User', externalId: '00ujl29u0le5T6Aj10h7', department: 'Unassigned', previousNames: ['Test User'] });
    await expect.poll(async () => (await auth0User('test.user@okta.local'))?.name, { timeout: 15_000 }).toBe('Another User');
  });

  it('deactivates with a pathless replace { active: false }: the employee leaves and the Auth0 user is blocked', async () => {
    const answer = await okta.send('PATCH', `/Users/${userId}`, OKTA_DEACTIVATE);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: userId, active: false });
    expect(await employee(userId)).toMatchObject({ active: false, auth0SyncStatus: 'DISABLED' });
    await expect.poll(async () => (await auth0User('test.user@okta.local'))?.blocked, { timeout: 15_000 }).toBe(true);
    // Still returned while inactive (only a DELETE hides a user).
    expect((await okta.send('GET', `/Users/${userId}`)).body).toMatchObject({ active: false });
  });

  it('reactivates with { active: true }: unblocked, the role given back', async () => {
    const answer = await okta.send('PATCH', `/Users/${userId}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: true } }] });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ active: true });
    expect(await employee(userId)).toMatchObject({ active: true });
    await expect.poll(async () => (await auth0User('test.user@okta.local'))?.blocked, { timeout: 15_000 }).toBe(false);
  });

  it('refuses to create a group other than the roles (403), and answers an existing role with 409', async () => {
    const push = await okta.send('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Test SCIMv2', members: [] });
    expect(push.status).toBe(403);
    expect(push.body!.detail).toMatch(/four roles/);
    const existing = await okta.send('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'team_lead', members: [] });
    expect(existing).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
  });

  it('changes membership with remove members[value eq ...] and add members: 204, the role follows in Auth0', async () => {
    const other = await okta.send('POST', '/Users', { ...OKTA_CREATE, userName: 'other.user@okta.local', emails: [{ primary: true, value: 'other.user@okta.local', type: 'work' }], externalId: 'okta-other-1' });
    expect(other.status).toBe(201);
    const otherId = other.body!.id as string;
    await okta.send('PATCH', '/Groups/team_lead', { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'members', value: [{ value: otherId }] }] });
    expect((await employee(otherId)).role).toBe('TEAM_LEAD');

    // Okta's literal body, with our two users' ids in place of the document's.
    const answer = await okta.send('PATCH', '/Groups/team_lead', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'remove', path: `members[value eq "${otherId}"]` },
        { op: 'add', path: 'members', value: [{ value: userId, display: 'test.user@okta.local' }] },
      ],
    });
    expect(answer.status).toBe(204);
    expect(answer.body).toBeNull();
    expect((await employee(userId)).role).toBe('TEAM_LEAD');
    expect((await employee(otherId)).role).toBe('PRODUCTION_ASSOCIATE');
    await expect.poll(async () => (await auth0User('test.user@okta.local'))?.roles, { timeout: 15_000 }).toEqual(['team_lead']);
    await expect.poll(async () => (await auth0User('other.user@okta.local'))?.roles, { timeout: 15_000 }).toEqual(['production_associate']);

    const group = await okta.send('GET', '/Groups/team_lead');
    expect(group.body!.members.map((member: { value: string }) => member.value)).toContain(userId);
    expect(group.body!.members.map((member: { value: string }) => member.value)).not.toContain(otherId);
  });

  it('replaces the whole membership (full push): exactly the listed members', async () => {
    const otherId = (await okta.send('GET', '/Users?filter=userName%20eq%20%22other.user%40okta.local%22')).body!.Resources[0].id as string;
    const answer = await okta.send('PATCH', '/Groups/team_lead', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'members', value: [{ value: otherId, display: 'test.user@okta.local' }] }],
    });
    expect(answer.status).toBe(204);
    expect((await employee(otherId)).role).toBe('TEAM_LEAD');
    expect((await employee(userId)).role).toBe('PRODUCTION_ASSOCIATE');
    await expect.poll(async () => (await auth0User('other.user@okta.local'))?.roles, { timeout: 15_000 }).toEqual(['team_lead']);
  });

  it("accepts Okta's name replace when the name is the group's own, and refuses a rename (400 mutability)", async () => {
    const same = await okta.send('PATCH', '/Groups/team_lead', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { id: 'team_lead', displayName: 'team_lead' } }],
    });
    expect(same.status).toBe(204);
    const rename = await okta.send('PATCH', '/Groups/team_lead', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { id: 'abf4dd94-a4c0-4f67-89c9-76b03340cb9b', displayName: 'Test SCIMv2' } }],
    });
    expect(rename).toMatchObject({ status: 400, body: { scimType: 'mutability' } });
  });

  it('refuses to delete a group (403)', async () => {
    const answer = await okta.send('DELETE', '/Groups/team_lead');
    expect(answer.status).toBe(403);
    expect(answer.body!.detail).toMatch(/cannot be deleted/);
  });
});
