import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { ResourceManagementClient } from '@azure/arm-resources';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCESS_SERVICE, type AccessService } from '../../src/emulator/providers/microsoft.authorization/index.js';
import { DIRECTORY_SERVICE, type DirectoryService } from '../../src/emulator/providers/microsoft.managedidentity/index.js';
import { useEmulator } from '../helpers/emulator.js';

const fx = useEmulator();
const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
const NETWORK_CONTRIBUTOR = '4d97b98b-1d4f-4787-a291-c67834d212e7';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';

const directory = () => fx.emulator.service<DirectoryService>(DIRECTORY_SERVICE)!;
const access = () => fx.emulator.service<AccessService>(ACCESS_SERVICE)!;
const roleId = (guid: string) => `/subscriptions/${fx.emulator.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

async function setup() {
  const ctx = fx.arm();
  const rg = await ctx.client(ResourceManagementClient);
  await rg.resourceGroups.createOrUpdate('rg-id', { location: 'westeurope' });
  return { ctx, msi: await ctx.client(ManagedServiceIdentityClient), auth: await ctx.client(AuthorizationManagementClient), rg };
}

afterEach(() => {
  // Service settings are not part of the state and survive `reset()`.
  directory().setReplicationDelay(0);
  access().setPropagationDelay(0);
});

describe('user-assigned identities through @azure/arm-msi', () => {
  it('creates (201) with generated ids, updates (200) keeping them, lists and deletes', async () => {
    const { msi } = await setup();
    const id = await msi.userAssignedIdentities.createOrUpdate('rg-id', 'app-id', { location: 'westeurope', tags: { a: '1' } });
    expect(id.tenantId).toBe(fx.emulator.tenantId);
    expect(id.principalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(id.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(id.principalId).not.toBe(id.clientId);
    expect(id.isolationScope).toBe('None');
    expect(fx.emulator.exchanges().find((e) => e.request.method === 'PUT')?.response.statusCode).toBe(201);

    const again = await msi.userAssignedIdentities.createOrUpdate('rg-id', 'app-id', { location: 'westeurope', tags: { b: '2' } });
    expect(again.principalId).toBe(id.principalId);
    expect(again.clientId).toBe(id.clientId);
    expect(fx.emulator.exchanges().filter((e) => e.request.method === 'PUT').at(-1)?.response.statusCode).toBe(200);
    const patched = await msi.userAssignedIdentities.update('rg-id', 'app-id', { tags: { c: '3' } });
    expect(patched.tags).toEqual({ c: '3' });

    const names = [];
    for await (const x of msi.userAssignedIdentities.listBySubscription()) names.push(x.name);
    expect(names).toEqual(['app-id']);
    expect(directory().principal(id.principalId!)).toMatchObject({ clientId: id.clientId, type: 'ServicePrincipal' });

    await msi.userAssignedIdentities.delete('rg-id', 'app-id');
    expect(fx.emulator.exchanges().find((e) => e.request.method === 'DELETE')?.response.statusCode).toBe(200);
    await expect(msi.userAssignedIdentities.get('rg-id', 'app-id')).rejects.toMatchObject({ statusCode: 404 });
    expect(directory().principal(id.principalId!)).toBeUndefined();
  });

  it('rejects a bad name', async () => {
    const { msi } = await setup();
    await expect(msi.userAssignedIdentities.createOrUpdate('rg-id', '-x', { location: 'westeurope' })).rejects.toMatchObject({ statusCode: 400 });
  });
});

describe('role assignments through @azure/arm-authorization', () => {
  it('PrincipalNotFound until the replication delay passes, unless principalType is sent', async () => {
    const { msi, auth } = await setup();
    directory().setReplicationDelay(400);
    const id = await msi.userAssignedIdentities.createOrUpdate('rg-id', 'late', { location: 'westeurope' });
    const scope = `/subscriptions/${fx.emulator.subscriptionId}/resourceGroups/rg-id`;
    const err = await auth.roleAssignments.create(scope, randomUUID(), { roleDefinitionId: roleId(READER), principalId: id.principalId! }).catch((e) => e);
    expect(err).toMatchObject({ statusCode: 400, code: 'PrincipalNotFound' });
    expect(err.message).toBe(
      `Principal ${id.principalId} does not exist in the directory ${fx.emulator.tenantId}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group. See https://aka.ms/docs-principaltype`,
    );

    // The real fix: principalType skips the directory lookup.
    const ok = await auth.roleAssignments.create(scope, randomUUID(), { roleDefinitionId: roleId(CONTRIBUTOR), principalId: id.principalId!, principalType: 'ServicePrincipal' });
    expect(ok).toMatchObject({ principalType: 'ServicePrincipal', scope, roleDefinitionId: roleId(CONTRIBUTOR) });
    expect(fx.emulator.exchanges().filter((e) => e.request.method === 'PUT').at(-1)?.response.statusCode).toBe(201);

    await new Promise((r) => setTimeout(r, 450));
    const later = await auth.roleAssignments.create(scope, randomUUID(), { roleDefinitionId: roleId(READER), principalId: id.principalId! });
    expect(later.principalType).toBe('ServicePrincipal'); // filled from the directory
  });

  it('RoleAssignmentExists for a duplicate under another name; update rules; list with $filter; delete', async () => {
    const { msi, auth } = await setup();
    const id = await msi.userAssignedIdentities.createOrUpdate('rg-id', 'dup', { location: 'westeurope' });
    const scope = `/subscriptions/${fx.emulator.subscriptionId}/resourceGroups/rg-id`;
    const first = randomUUID();
    const body = { roleDefinitionId: roleId(NETWORK_CONTRIBUTOR), principalId: id.principalId!, principalType: 'ServicePrincipal' as const };
    await auth.roleAssignments.create(scope, first, body);
    const again = await auth.roleAssignments.create(scope, first, { ...body, description: 'same one' });
    expect(again.description).toBe('same one');
    expect(fx.emulator.exchanges().filter((e) => e.request.method === 'PUT').at(-1)?.response.statusCode).toBe(200);

    const dup = await auth.roleAssignments.create(scope, randomUUID(), body).catch((e) => e);
    expect(dup).toMatchObject({ statusCode: 409, code: 'RoleAssignmentExists' });
    expect(dup.message).toContain('The role assignment already exists.');
    expect(dup.message).toContain(first.replace(/-/g, ''));
    await expect(auth.roleAssignments.create(scope, first, { ...body, roleDefinitionId: roleId(READER) })).rejects.toMatchObject({ code: 'RoleAssignmentUpdateNotPermitted' });
    await expect(auth.roleAssignments.create(scope, 'not-a-guid', body)).rejects.toMatchObject({ statusCode: 400, code: 'InvalidRoleAssignmentId' });
    await expect(auth.roleAssignments.create(scope, randomUUID(), { ...body, roleDefinitionId: roleId(randomUUID()) })).rejects.toMatchObject({ statusCode: 400 });
    await expect(auth.roleAssignments.create(`${scope}-missing`, randomUUID(), body)).rejects.toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound' });

    const sub = `/subscriptions/${fx.emulator.subscriptionId}`;
    const listed = [];
    for await (const a of auth.roleAssignments.listForScope(sub, { filter: `principalId eq '${id.principalId}'` })) listed.push(a.name);
    expect(listed).toEqual([first]);
    const atSub = [];
    for await (const a of auth.roleAssignments.listForScope(sub, { filter: 'atScope()' })) atSub.push(a.name);
    expect(atSub).toEqual([]);

    await auth.roleAssignments.delete(scope, first);
    await expect(auth.roleAssignments.get(scope, first)).rejects.toMatchObject({ statusCode: 404 });
    const del = await auth.roleAssignments.delete(scope, first);
    expect(del).toBeDefined();
    expect(fx.emulator.exchanges().filter((e) => e.request.method === 'DELETE').map((e) => e.response.statusCode)).toEqual([200, 204]);
  });

  it('role definitions: $filter by role name, get by id; subscription-scoped ids', async () => {
    const { auth } = await setup();
    const scope = `/subscriptions/${fx.emulator.subscriptionId}/resourceGroups/rg-id`;
    const found = [];
    for await (const d of auth.roleDefinitions.list(scope, { filter: "roleName eq 'Network Contributor'" })) found.push(d);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: roleId(NETWORK_CONTRIBUTOR), name: NETWORK_CONTRIBUTOR, roleName: 'Network Contributor', roleType: 'BuiltInRole' });
    const byId = await auth.roleDefinitions.getById(roleId('b12aa53e-6015-4669-85d0-8515ebb3ae7f'));
    expect(byId.roleName).toBe('Private DNS Zone Contributor');
    await expect(auth.roleDefinitions.get(scope, randomUUID())).rejects.toMatchObject({ statusCode: 404 });
  });

  it('access service: hasRole only after the propagation delay, inherited from parent scopes', async () => {
    const { msi, auth } = await setup();
    const id = await msi.userAssignedIdentities.createOrUpdate('rg-id', 'acc', { location: 'westeurope' });
    access().setPropagationDelay(60_000);
    const rgScope = `/subscriptions/${fx.emulator.subscriptionId}/resourceGroups/rg-id`;
    await auth.roleAssignments.create(rgScope, randomUUID(), { roleDefinitionId: roleId(NETWORK_CONTRIBUTOR), principalId: id.principalId!, principalType: 'ServicePrincipal' });
    const below = `${rgScope}/providers/Microsoft.Network/virtualNetworks/vnet1`;
    const now = Date.now();
    expect(access().hasRole(id.principalId!, NETWORK_CONTRIBUTOR, below, now)).toBe(false);
    expect(access().hasRole(id.principalId!, 'Network Contributor', below, now + 61_000)).toBe(true);
    expect(access().hasRole(id.principalId!, CONTRIBUTOR, below, now + 61_000)).toBe(false);
    expect(access().hasPermission(id.principalId!, 'Microsoft.Network/virtualNetworks/subnets/join/action', below, now + 61_000)).toBe(true);
    expect(access().hasRole(id.principalId!, NETWORK_CONTRIBUTOR, `/subscriptions/${fx.emulator.subscriptionId}`, now + 61_000)).toBe(false);
  });

  it('assignments at a resource scope go with the resource; a group delete cascades', async () => {
    const { msi, auth, rg, ctx } = await setup();
    const id = await msi.userAssignedIdentities.createOrUpdate('rg-id', 'target', { location: 'westeurope' });
    const other = await msi.userAssignedIdentities.createOrUpdate('rg-id', 'holder', { location: 'westeurope' });
    const name = randomUUID();
    await auth.roleAssignments.create(id.id!, name, { roleDefinitionId: roleId('f1a07417-d97a-45cb-824c-7a7467783830'), principalId: other.principalId!, principalType: 'ServicePrincipal' });
    expect((await auth.roleAssignments.get(id.id!, name)).scope).toBe(id.id);
    await expect(auth.roleAssignments.create(`${id.id}x`, randomUUID(), { roleDefinitionId: roleId(READER), principalId: other.principalId!, principalType: 'ServicePrincipal' })).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
    });
    // Role assignments are not listed among the group's resources.
    const resources = [];
    for await (const r of rg.resources.listByResourceGroup('rg-id')) resources.push(r.type);
    expect(resources.sort()).toEqual(['Microsoft.ManagedIdentity/userAssignedIdentities', 'Microsoft.ManagedIdentity/userAssignedIdentities']);

    await msi.userAssignedIdentities.delete('rg-id', 'target');
    expect(access().assignmentsFor(other.principalId!)).toEqual([]);

    await auth.roleAssignments.create(`/subscriptions/${fx.emulator.subscriptionId}/resourceGroups/rg-id`, randomUUID(), {
      roleDefinitionId: roleId(READER),
      principalId: other.principalId!,
      principalType: 'ServicePrincipal',
    });
    await rg.resourceGroups.beginDeleteAndWait('rg-id', ctx.lroOptions());
    expect(access().assignmentsFor()).toEqual([]);
    expect(directory().principal(other.principalId!)).toBeUndefined();
  });
});
