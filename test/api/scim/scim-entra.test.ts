// Microsoft Entra ID's requests, with the literal bodies of its documentation (MicrosoftDocs/entra-docs:
// use-scim-to-provision-users-and-groups.md and application-provisioning-config-problem-scim-compatibility.md):
// Replace/Add/Remove in any case, "False" as a boolean, one operation per attribute, pathless replace
// with dotted and URN keys, unquoted filter values, group members removed with a value list, DELETE.
// Each change is checked on the employee and on its Auth0 user in the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.ts';
import { scimClient, scimTokenFor, type ScimClient } from '../../helpers/scim.ts';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const ENTRA_CREATE = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
  externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
  userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
  active: true,
  emails: [{ primary: true, type: 'work', value: 'Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com' }],
  meta: { resourceType: 'User' },
  name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
  roles: [],
};

const EXAMPLE_2_CREATE = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User'],
  externalId: 'jyoung',
  userName: 'jyoung@testuser.com',
  active: true,
  addresses: null,
  displayName: 'Joy Young',
  emails: [{ type: 'work', value: 'jyoung@Contoso.com', primary: true }],
  meta: { resourceType: 'User' },
  name: { familyName: 'Young', givenName: 'Joy' },
  phoneNumbers: null,
  preferredLanguage: null,
  title: null,
  department: null,
  manager: null,
};

describe("Microsoft Entra ID's SCIM requests", () => {
  let gateway: TestGateway;
  let entra: ScimClient;
  let userId: string;
  const email = 'test_user_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com';

  beforeAll(async () => {
    gateway = await startTestGateway({ provisioning: { waitMs: 3000 } });
    entra = scimClient(gateway, (await scimTokenFor(gateway, `entra-${crypto.randomUUID().slice(0, 8)}`)).token);
  });
  afterAll(async () => {
    await gateway?.close();
  });

  const auth0User = async (address: string) => (await gateway.control.users()).find((user) => user.email === address);
  const employee = (id: string) => gateway.prisma.employee.findUniqueOrThrow({ where: { id } });
  const patch = (id: string, body: unknown) => entra.send('PATCH', `/Users/${id}`, body);

  it('Test Connection: a filter on a random GUID answers an empty ListResponse', async () => {
    const answer = await entra.send('GET', `/Users?filter=${encodeURIComponent(`externalId eq "${crypto.randomUUID()}"`)}`);
    expect(answer).toMatchObject({ status: 200, body: { totalResults: 0, Resources: [] } });
  });

  it('Create User: 201, stored as sent, Auth0 following', async () => {
    const answer = await entra.send('POST', '/Users', ENTRA_CREATE);
    expect(answer.status).toBe(201);
    userId = answer.body!.id;
    expect(answer.body).toMatchObject({
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      active: true,
      emails: [{ value: email, type: 'work', primary: true }],
      meta: { resourceType: 'User' },
    });
    expect(answer.body!.meta.created).toEqual(expect.any(String));
    expect(answer.body!.meta.lastModified).toEqual(expect.any(String));
    expect(await employee(userId)).toMatchObject({ name: 'givenName familyName', email, userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee' });
    await expect.poll(() => auth0User(email), { timeout: 15_000 }).toMatchObject({ name: 'givenName familyName', app_metadata: { employee_id: userId } });
  });

  it('Get User, and a 404 in the error schema for an unknown id', async () => {
    expect((await entra.send('GET', `/Users/${userId}`)).body).toMatchObject({ id: userId, userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee' });
    const missing = await entra.send('GET', '/Users/5171a35d82074e068ce2');
    expect(missing).toMatchObject({ status: 404, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' } });
  });

  it('Get User by query (userName eq, as sent and in another case), and zero results', async () => {
    for (const filter of ['userName eq "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee"', 'USERNAME eq "test_user_00AA00AA-bb11-cc22-dd33-44ee44ee44ee"']) {
      const answer = await entra.send('GET', `/Users?filter=${encodeURIComponent(filter)}`);
      expect(answer.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, startIndex: 1, Resources: [{ id: userId }] });
    }
    const byWorkEmail = await entra.send('GET', `/Users?filter=${encodeURIComponent(`emails[type eq "work"].value eq "${email}"`)}`);
    expect(byWorkEmail.body).toMatchObject({ totalResults: 1, Resources: [{ id: userId }] });
    const none = await entra.send('GET', `/Users?filter=${encodeURIComponent('userName eq "non-existent user"')}`);
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [], startIndex: 1 });
  });

  it('Update User [Multi-valued properties]: emails[type eq "work"].value and name.familyName', async () => {
    const answer = await patch(userId, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ name: { formatted: 'givenName updatedFamilyName', familyName: 'updatedFamilyName', givenName: 'givenName' }, emails: [{ value: 'updatedemail@microsoft.com', type: 'work', primary: true }] });
    expect(await employee(userId)).toMatchObject({ name: 'givenName updatedFamilyName', email: 'updatedemail@microsoft.com' });
    await expect.poll(() => auth0User('updatedemail@microsoft.com'), { timeout: 15_000 }).toMatchObject({ name: 'givenName updatedFamilyName' });
  });

  it('Update User [Single-valued properties]: userName', async () => {
    const answer = await patch(userId, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'userName', value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' }] });
    expect(answer).toMatchObject({ status: 200, body: { userName: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' } });
    expect((await employee(userId)).userName).toBe('5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com');
  });

  it('Requests to replace multiple attributes, without the feature flag (one operation per attribute)', async () => {
    const answer = await patch(userId, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'displayName', value: 'Pvlo' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'TestBcwqnm@test.microsoft.com' },
        { op: 'Replace', path: 'name.givenName', value: 'Gtfd' },
        { op: 'Replace', path: 'name.familyName', value: 'Pkqf' },
        { op: 'Replace', path: 'externalId', value: 'Eqpj' },
        { op: 'Replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', value: 'Eqpj' },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ displayName: 'Pvlo', externalId: 'Eqpj', name: { givenName: 'Gtfd', familyName: 'Pkqf' }, [ENTERPRISE]: { employeeNumber: 'Eqpj' } });
    expect(await employee(userId)).toMatchObject({ name: 'Gtfd Pkqf', email: 'testbcwqnm@test.microsoft.com', externalId: 'Eqpj' });
    await expect.poll(() => auth0User('testbcwqnm@test.microsoft.com'), { timeout: 15_000 }).toMatchObject({ name: 'Gtfd Pkqf', app_metadata: { external_id: 'Eqpj' } });
  });

  it('Requests to replace multiple attributes, with the feature flag (pathless replace, dotted and URN keys)', async () => {
    const answer = await patch(userId, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'TestMhvaes@test.microsoft.com' },
        { op: 'replace', value: { displayName: 'Bjfe', 'name.givenName': 'Kkom', 'name.familyName': 'Unua', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber': 'Aklq' } },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ displayName: 'Bjfe', name: { givenName: 'Kkom', familyName: 'Unua', formatted: 'Kkom Unua' }, [ENTERPRISE]: { employeeNumber: 'Aklq' } });
    expect(await employee(userId)).toMatchObject({ name: 'Kkom Unua', email: 'testmhvaes@test.microsoft.com' });
    await expect.poll(() => auth0User('testmhvaes@test.microsoft.com'), { timeout: 15_000 }).toMatchObject({ name: 'Kkom Unua' });
  });

  it('the enterprise department by its URN path', async () => {
    const answer = await patch(userId, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Inbound' }] });
    expect(answer.body).toMatchObject({ [ENTERPRISE]: { department: 'Inbound' } });
    expect((await employee(userId)).department).toBe('Inbound');
    await expect.poll(async () => (await auth0User('testmhvaes@test.microsoft.com'))?.app_metadata, { timeout: 15_000 }).toMatchObject({ department: 'Inbound' });
  });

  it('Requests to add a single-value string attribute (nickName, not stored): accepted, nothing changes', async () => {
    const updates = () => gateway.prisma.auditEvent.count({ where: { employeeId: userId, action: 'EMPLOYEE_UPDATED' } });
    const before = await updates();
    for (const op of ['Add', 'add']) {
      const answer = await patch(userId, { schemas: [PATCH_OP], Operations: [{ op, path: 'nickName', value: 'Babs' }] });
      expect(answer.status).toBe(200);
      expect(answer.body).not.toHaveProperty('nickName');
    }
    expect(await updates()).toBe(before);
  });

  it('Disable User without the feature flag ("False" as a string), then with it, then enabled again ("True")', async () => {
    const disabled = await patch(userId, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(disabled).toMatchObject({ status: 200, body: { active: false } });
    expect(await employee(userId)).toMatchObject({ active: false, auth0SyncStatus: 'DISABLED' });
    await expect.poll(async () => (await auth0User('testmhvaes@test.microsoft.com'))?.blocked, { timeout: 15_000 }).toBe(true);
    const again = await patch(userId, { Operations: [{ op: 'Replace', path: 'active', value: false }], schemas: [PATCH_OP] });
    expect(again).toMatchObject({ status: 200, body: { active: false } });
    const enabled = await patch(userId, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] });
    expect(enabled).toMatchObject({ status: 200, body: { active: true } });
    await expect.poll(async () => (await auth0User('testmhvaes@test.microsoft.com'))?.blocked, { timeout: 15_000 }).toBe(false);
  });

  it('Update Group [Add Members] and [Remove Members] (a value list, and the flag form members[value eq])', async () => {
    const lookup = await entra.send('GET', `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "team_lead"')}`);
    expect(lookup.body).toMatchObject({ totalResults: 1, Resources: [{ id: 'team_lead', displayName: 'team_lead' }] });
    expect(lookup.body!.Resources[0]).not.toHaveProperty('members');
    const got = await entra.send('GET', '/Groups/team_lead?excludedAttributes=members');
    expect(got.body).toMatchObject({ id: 'team_lead', displayName: 'team_lead' });
    expect(got.body).not.toHaveProperty('members');

    const add = await entra.send('PATCH', '/Groups/team_lead', { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: userId }] }] });
    expect(add.status).toBe(204);
    expect((await employee(userId)).role).toBe('TEAM_LEAD');
    await expect.poll(async () => (await auth0User('testmhvaes@test.microsoft.com'))?.roles, { timeout: 15_000 }).toEqual(['team_lead']);

    const remove = await entra.send('PATCH', '/Groups/team_lead', { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: userId }] }] });
    expect(remove.status).toBe(204);
    expect((await employee(userId)).role).toBe('PRODUCTION_ASSOCIATE');
    await expect.poll(async () => (await auth0User('testmhvaes@test.microsoft.com'))?.roles, { timeout: 15_000 }).toEqual(['production_associate']);

    await entra.send('PATCH', '/Groups/team_lead', { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ value: userId }] }] });
    const flagged = await entra.send('PATCH', '/Groups/team_lead', { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${userId}"]` }] });
    expect(flagged.status).toBe(204);
    expect((await employee(userId)).role).toBe('PRODUCTION_ASSOCIATE');
  });

  it('Update Group [Non-member attributes] (a rename) and Create Group: refused with a clear message', async () => {
    const rename = await entra.send('PATCH', '/Groups/team_lead', { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'displayName', value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName' }] });
    expect(rename).toMatchObject({ status: 400, body: { scimType: 'mutability' } });
    const create = await entra.send('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'displayName',
      meta: { resourceType: 'Group' },
    });
    expect(create.status).toBe(403);
    expect(create.body!.detail).toMatch(/production_associate, team_lead, manager, admin/);
  });

  it('Example 1 and 2: the unquoted externalId filter, then the create it leads to', async () => {
    const query = await entra.send('GET', '/Users?filter=externalId eq jyoung');
    expect(query).toMatchObject({ status: 200, body: { totalResults: 0 } });
    const created = await entra.send('POST', '/Users', EXAMPLE_2_CREATE);
    expect(created.status).toBe(201);
    expect((await entra.send('GET', '/Users?filter=externalId eq jyoung')).body).toMatchObject({ totalResults: 1, Resources: [{ id: created.body!.id, displayName: 'Joy Young' }] });
    expect(await employee(created.body!.id)).toMatchObject({ name: 'Joy Young', email: 'jyoung@contoso.com', department: 'Unassigned' });
  });

  it('Delete User: 204, deactivated and hidden (404), never deleted; a later create of the same person is a rehire', async () => {
    const deleted = await entra.send('DELETE', `/Users/${userId}`);
    expect(deleted.status).toBe(204);
    expect((await entra.send('GET', `/Users/${userId}`)).status).toBe(404);
    expect((await entra.send('GET', '/Users?filter=externalId eq Eqpj')).body).toMatchObject({ totalResults: 0 });
    const kept = await employee(userId);
    expect(kept).toMatchObject({ active: false, auth0SyncStatus: 'DISABLED' });
    expect(kept.directoryRemovedAt).not.toBeNull();
    await expect.poll(async () => (await auth0User('testmhvaes@test.microsoft.com'))?.blocked, { timeout: 15_000 }).toBe(true);

    const rehired = await entra.send('POST', '/Users', { ...ENTRA_CREATE, externalId: 'Eqpj', emails: [{ primary: true, type: 'work', value: 'TestMhvaes@test.microsoft.com' }] });
    expect(rehired.status).toBe(201);
    expect(rehired.body).toMatchObject({ id: userId, active: true, userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee' });
    const back = await employee(userId);
    expect(back).toMatchObject({ active: true, directoryRemovedAt: null, auth0UserId: kept.auth0UserId });
    expect(back.previousNames.length).toBeGreaterThan(0);
    await expect.poll(async () => (await auth0User('testmhvaes@test.microsoft.com'))?.blocked, { timeout: 15_000 }).toBe(false);
    expect(await gateway.prisma.auditEvent.count({ where: { employeeId: userId, action: 'EMPLOYEE_REACTIVATED' } })).toBeGreaterThan(0);
  });

  it('Discover schema: only what is stored is advertised', async () => {
    const answer = await entra.send('GET', '/Schemas');
    expect(answer.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 4 });
    const user = answer.body!.Resources.find((schema: { id: string }) => schema.id === 'urn:ietf:params:scim:schemas:core:2.0:User');
    expect(user.attributes.map((attribute: { name: string }) => attribute.name)).toEqual(['userName', 'name', 'displayName', 'emails', 'active', 'externalId', 'groups']);
    const enterprise = answer.body!.Resources.find((schema: { id: string }) => schema.id === ENTERPRISE);
    expect(enterprise.attributes.map((attribute: { name: string }) => attribute.name)).toEqual(['department', 'employeeNumber']);
    const dates = answer.body!.Resources.find((schema: { id: string }) => schema.id === 'urn:ietf:params:scim:schemas:extension:employeeGateway:2.0:User');
    expect(dates.attributes.map((attribute: { name: string }) => attribute.name)).toEqual(['startDate', 'endDate']);
  });
});
