import { randomBytes, randomInt } from 'node:crypto';
import type { ArmError } from '../../errors.js';
import { WORKSPACE_KEYS_SERVICE, type WorkspaceKeysService } from '../../registry.js';
import type { WriteContext } from '../../tracked.js';
import { appErrors } from './errors.js';

/** Managed environment validation and computed properties [spec-app] (arm-facts §4.1). */

export const ENVIRONMENT_TYPE = 'Microsoft.App/managedEnvironments';
const ENV_NAME = /^[a-z][a-z0-9-]{0,58}[a-z0-9]$/;

export function validateEnvironmentName(name: string): ArmError | undefined {
  return ENV_NAME.test(name) && !name.includes('--') ? undefined : appErrors.invalidEnvironmentName(name);
}

/**
 * `appLogsConfiguration`: with destination `log-analytics`, the customerId must be an existing workspace
 * (asked through the registry) and the sharedKey one of its keys. The key is write-only
 * (`x-ms-mutability: create, update`, `x-ms-secret`) [spec-app]: a PATCH may omit it and keep the stored one.
 */
export function validateEnvironment(c: WriteContext): void {
  const logs = c.resource.body.properties.appLogsConfiguration;
  if (!logs) return;
  const dest = logs.destination;
  if (dest !== undefined && dest !== null && !['log-analytics', 'azure-monitor', 'none', ''].includes(String(dest))) throw appErrors.invalidDestination(dest);
  if (dest !== 'log-analytics') return;
  const la = logs.logAnalyticsConfiguration;
  const customerId: string | undefined = la?.customerId;
  const sameWorkspace = customerId && customerId === c.existing?.body.properties?.appLogsConfiguration?.logAnalyticsConfiguration?.customerId;
  const sharedKey: string | undefined = la?.sharedKey ?? (sameWorkspace ? c.existing?.secrets.logAnalyticsSharedKey : undefined);
  if (!customerId || !sharedKey) throw appErrors.missingLogAnalyticsConfiguration();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(customerId)) throw appErrors.customerIdNotGuid();
  const workspaces = c.core.registry.service<WorkspaceKeysService>(WORKSPACE_KEYS_SERVICE);
  const ws = workspaces?.byCustomerId(customerId);
  if (!ws) throw appErrors.workspaceNotFound(customerId);
  if (sharedKey !== ws.primarySharedKey && sharedKey !== ws.secondarySharedKey) throw appErrors.invalidSharedKey(customerId);
}

const WORDS_A = ['happy', 'brave', 'calm', 'gentle', 'proud', 'quiet', 'lively', 'mellow', 'witty', 'jolly', 'salmon', 'ashy', 'polite', 'nice'];
const WORDS_B = ['hill', 'river', 'stone', 'meadow', 'forest', 'pond', 'field', 'ocean', 'desert', 'sky', 'bush', 'grass', 'tree', 'wave'];

/** e.g. `happyhill-70162bb9.eastus.azurecontainerapps.io` (shape of real default domains). */
export function newDefaultDomain(location: string): string {
  const word = WORDS_A[randomInt(WORDS_A.length)] + WORDS_B[randomInt(WORDS_B.length)];
  return `${word}-${randomBytes(4).toString('hex')}.${location}.azurecontainerapps.io`;
}

/** A plausible public IPv4 in Azure-owned ranges (20.x, 4.x, 52.x). */
export function newStaticIp(): string {
  const first = [20, 4, 52, 40][randomInt(4)];
  return `${first}.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/** Server-computed properties on create, kept on updates; the shared key is moved out of the stored body. */
export function computeEnvironment(c: WriteContext): void {
  const b = c.resource.body;
  const p = b.properties;
  const old = c.existing?.body.properties ?? {};
  const la = p.appLogsConfiguration?.logAnalyticsConfiguration;
  if (la && 'sharedKey' in la) {
    if (la.sharedKey) c.resource.secrets.logAnalyticsSharedKey = la.sharedKey;
    delete la.sharedKey;
  }
  if (p.appLogsConfiguration?.destination !== 'log-analytics') delete c.resource.secrets.logAnalyticsSharedKey;
  p.defaultDomain = old.defaultDomain ?? newDefaultDomain(b.location);
  p.staticIp = old.staticIp ?? newStaticIp();
  // create-only (`x-ms-mutability: create, read`) [spec-app]: an update keeps the first value.
  p.zoneRedundant = c.existing ? (old.zoneRedundant ?? false) : (p.zoneRedundant ?? false);
  p.eventStreamEndpoint = `https://${b.location}.azurecontainerapps.dev/subscriptions/${c.resource.subscriptionId}/resourceGroups/${c.resource.resourceGroup}/managedEnvironments/${b.name}/eventstream`;
  p.customDomainConfiguration = {
    ...(p.customDomainConfiguration ?? {}),
    customDomainVerificationId: old.customDomainConfiguration?.customDomainVerificationId ?? randomBytes(32).toString('hex').toUpperCase(),
  };
  delete p.customDomainConfiguration.certificateValue;
  delete p.customDomainConfiguration.certificatePassword;
  p.kedaConfiguration = { version: '2.17.0', ...(p.kedaConfiguration ?? {}) };
  p.daprConfiguration = { version: '1.13.6-msft.1', ...(p.daprConfiguration ?? {}) };
  p.peerAuthentication = p.peerAuthentication ?? { mtls: { enabled: false } };
  p.peerTrafficConfiguration = p.peerTrafficConfiguration ?? { encryption: { enabled: false } };
  p.publicNetworkAccess = p.publicNetworkAccess ?? 'Enabled';
  if (Array.isArray(p.workloadProfiles) && p.workloadProfiles.length > 0) {
    p.infrastructureResourceGroup = old.infrastructureResourceGroup ?? p.infrastructureResourceGroup ?? `ME_${b.name}_${c.resource.resourceGroup}_${b.location}`;
  }
  delete p.daprAIInstrumentationKey;
  delete p.daprAIConnectionString;
}
