import { CosmosDBManagementClient } from '@azure/arm-cosmosdb';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { ResourceManagementClient } from '@azure/arm-resources';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';

const fx = useEmulator();
const RG = 'rg-cosmos';

async function setup() {
  const ctx = fx.arm();
  await (await ctx.client(ResourceManagementClient)).resourceGroups.createOrUpdate(RG, { location: 'westus' });
  return { ctx, cosmos: await ctx.client(CosmosDBManagementClient), lro: ctx.lroOptions() };
}

const account = (extra: Record<string, unknown> = {}) => ({
  location: 'westus',
  locations: [{ locationName: 'westus', failoverPriority: 0 }],
  databaseAccountOfferType: 'Standard' as const,
  ...extra,
});

describe('Cosmos DB accounts through @azure/arm-cosmosdb', () => {
  it('creates with 200 + Azure-AsyncOperation (Dequeued), computes endpoints and consistency defaults, lists keys', async () => {
    const { cosmos, lro } = await setup();
    const acc = await cosmos.databaseAccounts.beginCreateOrUpdateAndWait(RG, 'acct-one', account(), lro);
    expect(acc.provisioningState).toBe('Succeeded');
    expect(acc.documentEndpoint).toBe('https://acct-one.documents.azure.com:443/');
    expect(acc.consistencyPolicy).toEqual({ defaultConsistencyLevel: 'Session', maxIntervalInSeconds: 5, maxStalenessPrefix: 100 });
    expect(acc.writeLocations).toMatchObject([{ locationName: 'West US', failoverPriority: 0, documentEndpoint: 'https://acct-one-westus.documents.azure.com:443/' }]);
    expect(acc.databaseAccountOfferType).toBe('Standard');

    const put = fx.emulator.exchanges().find((e) => e.request.method === 'PUT' && e.request.url.includes('databaseAccounts'))!;
    expect(put.response.statusCode).toBe(200);
    expect((put.response.body as any).properties.provisioningState).toBe('Creating');
    expect(put.response.headers['azure-asyncoperation']).toMatch(/\/providers\/Microsoft\.DocumentDB\/locations\/westus\/operationsStatus\/[0-9a-f-]+\?api-version=2026-03-15/);
    expect(put.response.headers['location']).toMatch(/\/databaseAccounts\/acct-one\/operationResults\/[0-9a-f-]+\?api-version=/);
    const poll = fx.emulator.exchanges().find((e) => e.request.url.includes('/operationsStatus/'))!;
    expect((poll.response.body as any).status).toBe('Succeeded');

    const keys = await cosmos.databaseAccounts.listKeys(RG, 'acct-one');
    expect(Buffer.from(keys.primaryMasterKey!, 'base64')).toHaveLength(64);
    expect(keys.primaryMasterKey).not.toBe(keys.secondaryMasterKey);
    expect((await cosmos.databaseAccounts.listKeys(RG, 'acct-one')).primaryMasterKey).toBe(keys.primaryMasterKey);
    const cs = await cosmos.databaseAccounts.listConnectionStrings(RG, 'acct-one');
    expect(cs.connectionStrings?.[0].connectionString).toBe(`AccountEndpoint=https://acct-one.documents.azure.com:443/;AccountKey=${keys.primaryMasterKey};`);
  });

  it('rejects BoundedStaleness without its bounds, Strong with multi-region writes, bad names and taken names', async () => {
    const { cosmos, lro } = await setup();
    await expect(
      cosmos.databaseAccounts.beginCreateOrUpdateAndWait(RG, 'acct-bs', account({ consistencyPolicy: { defaultConsistencyLevel: 'BoundedStaleness' } }), lro),
    ).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining('maxStalenessPrefix') });
    await expect(
      cosmos.databaseAccounts.beginCreateOrUpdateAndWait(RG, 'acct-strong', account({ consistencyPolicy: { defaultConsistencyLevel: 'Strong' }, enableMultipleWriteLocations: true }), lro),
    ).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining('Strong consistency') });
    await expect(cosmos.databaseAccounts.beginCreateOrUpdateAndWait(RG, 'Bad_Name', account(), lro)).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      cosmos.databaseAccounts.beginCreateOrUpdateAndWait(RG, 'acct-fo', account({ locations: [{ locationName: 'westus', failoverPriority: 1 }, { locationName: 'eastus', failoverPriority: 1 }] }), lro),
    ).rejects.toMatchObject({ statusCode: 400 });

    const ok = await cosmos.databaseAccounts.beginCreateOrUpdateAndWait(
      RG,
      'acct-bs',
      account({ consistencyPolicy: { defaultConsistencyLevel: 'BoundedStaleness', maxStalenessPrefix: 1000, maxIntervalInSeconds: 10 } }),
      lro,
    );
    expect(ok.consistencyPolicy).toEqual({ defaultConsistencyLevel: 'BoundedStaleness', maxStalenessPrefix: 1000, maxIntervalInSeconds: 10 });
    await (await fx.arm().client(ResourceManagementClient)).resourceGroups.createOrUpdate('rg-other', { location: 'westus' });
    await expect(cosmos.databaseAccounts.beginCreateOrUpdateAndWait('rg-other', 'acct-bs', account(), lro)).rejects.toMatchObject({
      statusCode: 400,
      message: 'Dns record for acct-bs under zone Document is already taken. Please use a different name for the account.',
    });
  });

  it('databases and containers: 202 Enqueued, defaults, update, partition key rules, Cosmos 404, delete', async () => {
    const { cosmos, lro } = await setup();
    await cosmos.databaseAccounts.beginCreateOrUpdateAndWait(RG, 'acct-sql', account(), lro);
    const db = await cosmos.sqlResources.beginCreateUpdateSqlDatabaseAndWait(RG, 'acct-sql', 'db1', { resource: { id: 'db1' }, options: { throughput: 400 } }, lro);
    expect(db.resource).toMatchObject({ id: 'db1', rid: expect.any(String), ts: expect.any(Number), etag: expect.any(String) });
    expect(db.options?.throughput).toBe(400);
    const put = fx.emulator.exchanges().find((e) => e.request.method === 'PUT' && e.request.url.includes('/sqlDatabases/db1'))!;
    expect(put.response.statusCode).toBe(202);
    expect(put.response.body).toEqual({ status: 'Enqueued' });
    expect(put.response.headers['azure-asyncoperation']).toContain('/locations/westus/operationsStatus/');

    const missing = await cosmos.sqlResources.getSqlContainer(RG, 'acct-sql', 'db1', 'nope').catch((e) => e);
    // Bare `{code,message}` body as the real service sends [rec-3]: the TypeSpec clients' RestError reads
    // `code` from `body.error ?? body`, so it has the bare code.
    expect(missing).toMatchObject({ statusCode: 404, code: 'NotFound' });
    const raw404 = fx.emulator.exchanges().at(-1)!.response.body as any;
    expect(raw404.error).toBeUndefined();
    expect(raw404.message).toContain('Resource Not Found');

    const params = { resource: { id: 'c1', partitionKey: { paths: ['/tenantId'], kind: 'Hash' as const, version: 2 }, defaultTtl: -1 } };
    const c = await cosmos.sqlResources.beginCreateUpdateSqlContainerAndWait(RG, 'acct-sql', 'db1', 'c1', params, lro);
    expect(c.resource?.partitionKey).toEqual({ paths: ['/tenantId'], kind: 'Hash', version: 2 });
    expect(c.resource?.indexingPolicy).toMatchObject({ indexingMode: 'consistent', automatic: true, includedPaths: [{ path: '/*' }] });
    expect(c.resource?.conflictResolutionPolicy).toEqual({ mode: 'LastWriterWins', conflictResolutionPath: '/_ts', conflictResolutionProcedure: '' });
    expect((await cosmos.sqlResources.getSqlContainer(RG, 'acct-sql', 'db1', 'c1')).resource?.defaultTtl).toBe(-1);

    const updated = await cosmos.sqlResources.beginCreateUpdateSqlContainerAndWait(RG, 'acct-sql', 'db1', 'c1', { resource: { ...params.resource, defaultTtl: 3600 } }, lro);
    expect(updated.resource?.defaultTtl).toBe(3600);
    await expect(
      cosmos.sqlResources.beginCreateUpdateSqlContainerAndWait(RG, 'acct-sql', 'db1', 'c1', { resource: { id: 'c1', partitionKey: { paths: ['/other'], kind: 'Hash', version: 2 } } }, lro),
    ).rejects.toMatchObject({ statusCode: 400, message: 'Document collection partition key cannot be changed.' });
    await expect(
      cosmos.sqlResources.beginCreateUpdateSqlContainerAndWait(RG, 'acct-sql', 'db1', 'c2', { resource: { id: 'c2', partitionKey: { paths: ['/a/'], kind: 'Hash' } } }, lro),
    ).rejects.toMatchObject({
      statusCode: 400,
      message:
        "The partition key component definition path '/a/' could not be accepted, failed near position '3'. Partition key paths must contain only valid characters and not contain a trailing slash or wildcard character.",
    });
    await expect(
      cosmos.sqlResources.beginCreateUpdateSqlContainerAndWait(RG, 'acct-sql', 'db1', 'c3', { resource: { id: 'c3', partitionKey: { paths: ['/a', '/b', '/c', '/d'], kind: 'MultiHash', version: 2 } } }, lro),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      cosmos.sqlResources.beginCreateUpdateSqlContainerAndWait(RG, 'acct-sql', 'db1', 'c4', { resource: { id: 'c4', partitionKey: { paths: ['/a'] } }, options: { throughput: 100 } }, lro),
    ).rejects.toMatchObject({ statusCode: 400 });

    const tp = await cosmos.sqlResources.getSqlDatabaseThroughput(RG, 'acct-sql', 'db1');
    expect(tp.resource?.throughput).toBe(400);

    const names = [];
    for await (const x of cosmos.sqlResources.listSqlContainers(RG, 'acct-sql', 'db1')) names.push(x.name);
    expect(names).toEqual(['c1']);
    await cosmos.sqlResources.beginDeleteSqlContainerAndWait(RG, 'acct-sql', 'db1', 'c1', lro);
    expect(fx.emulator.exchanges().find((e) => e.request.method === 'DELETE')?.response.statusCode).toBe(202);
    await expect(cosmos.sqlResources.getSqlContainer(RG, 'acct-sql', 'db1', 'c1')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('serverless accounts refuse throughput', async () => {
    const { cosmos, lro } = await setup();
    const acc = await cosmos.databaseAccounts.beginCreateOrUpdateAndWait(RG, 'acct-sls', account({ capabilities: [{ name: 'EnableServerless' }] }), lro);
    expect(acc.capabilities).toEqual([{ name: 'EnableServerless' }]);
    await expect(
      cosmos.sqlResources.beginCreateUpdateSqlDatabaseAndWait(RG, 'acct-sls', 'db', { resource: { id: 'db' }, options: { throughput: 400 } }, lro),
    ).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining('serverless') });
  });

  it('SQL role assignments with the built-in Data Contributor; unknown principal → 400; group delete cascades', async () => {
    const { cosmos, lro, ctx } = await setup();
    const acc = await cosmos.databaseAccounts.beginCreateOrUpdateAndWait(RG, 'acct-rbac', account(), lro);
    const msi = await ctx.client(ManagedServiceIdentityClient);
    const id = await msi.userAssignedIdentities.createOrUpdate(RG, 'app', { location: 'westus' });
    const contributor = `${acc.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002`;
    const def = await cosmos.sqlResources.getSqlRoleDefinition(RG, 'acct-rbac', '00000000-0000-0000-0000-000000000002');
    expect(def.roleName).toBe('Cosmos DB Built-in Data Contributor');
    expect((fx.emulator.exchanges().at(-1)!.response.body as any).properties.type).toBe(0);

    const name = randomUUID();
    const ra = await cosmos.sqlResources.createUpdateSqlRoleAssignment(RG, 'acct-rbac', name, { roleDefinitionId: contributor, scope: `${acc.id}/dbs/db1`, principalId: id.principalId }, lro);
    expect(ra).toMatchObject({ name, roleDefinitionId: contributor, scope: `${acc.id}/dbs/db1`, principalId: id.principalId });
    expect(fx.emulator.exchanges().find((e) => e.request.method === 'PUT' && e.request.url.includes('sqlRoleAssignments'))?.response.statusCode).toBe(202);

    await expect(
      cosmos.sqlResources.createUpdateSqlRoleAssignment(RG, 'acct-rbac', randomUUID(), { roleDefinitionId: contributor, scope: acc.id, principalId: randomUUID() }, lro),
    ).rejects.toMatchObject({ statusCode: 400, code: 'BadRequest', message: expect.stringContaining('was not found in the AAD tenant(s)') });
    await expect(
      cosmos.sqlResources.createUpdateSqlRoleAssignment(RG, 'acct-rbac', randomUUID(), { roleDefinitionId: contributor, scope: '/subscriptions/x', principalId: id.principalId }, lro),
    ).rejects.toMatchObject({ statusCode: 400 });

    const listed = [];
    for await (const x of cosmos.sqlResources.listSqlRoleAssignments(RG, 'acct-rbac')) listed.push(x.name);
    expect(listed).toEqual([name]);

    await (await ctx.client(ResourceManagementClient)).resourceGroups.beginDeleteAndWait(RG, lro);
    await (await ctx.client(ResourceManagementClient)).resourceGroups.createOrUpdate(RG, { location: 'westus' });
    await expect(cosmos.databaseAccounts.get(RG, 'acct-rbac')).rejects.toMatchObject({ statusCode: 404 });
    expect(fx.emulator.dump()).toMatchObject({ resources: [expect.objectContaining({ type: 'Microsoft.Resources/resourceGroups' })] });
  });
});
