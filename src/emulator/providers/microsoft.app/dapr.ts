import type { ArmError } from '../../errors.js';
import type { ArmRequest, ArmResponse } from '../../router.js';
import type { StoredResource } from '../../state.js';
import type { WriteContext } from '../../tracked.js';
import { daprErrors } from './errors.js';

/**
 * Dapr components of a managed environment [spec-app] (arm-facts §4.4): PUT 200 synchronous (create and
 * update), DELETE 204 [rec-6]; secret values are write-only: a GET/PUT answer lists the secret names only
 * [rec-6], the values stay server-side (`secrets.dapr`) for `listSecrets`.
 */

export const DAPR_COMPONENT_TYPE = 'Microsoft.App/managedEnvironments/daprComponents';

/**
 * The service's rule, from its own message (CommunityToolkit/Aspire#557): lower-case letters, digits, '-' or '.',
 * starting with a letter, ending alphanumeric, no '--', at most 60 characters.
 */
const DAPR_NAME = /^[a-z](?:[a-z0-9.-]{0,58}[a-z0-9])?$/;

export function validateDaprComponentName(name: string): ArmError | undefined {
  return DAPR_NAME.test(name) && !name.includes('--') ? undefined : daprErrors.invalidName(name);
}

/** `system` or a user-assigned identity resource id [spec-app] (Secret.identity). */
export const USER_IDENTITY_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i;

export function validateDaprComponent(c: WriteContext): void {
  const p = c.resource.body.properties;
  const name = String(c.resource.body.name);
  const t = (target: string, msg: string) => daprErrors.invalid(`properties.${target}`, msg);
  if (typeof p.componentType !== 'string' || !p.componentType.trim()) throw t('componentType', 'The Dapr component property componentType is required.');
  if (p.version !== undefined && p.version !== null && typeof p.version !== 'string') throw t('version', 'version must be a string such as "v1".');
  if (p.ignoreErrors !== undefined && p.ignoreErrors !== null && typeof p.ignoreErrors !== 'boolean') throw t('ignoreErrors', 'ignoreErrors must be a boolean.');
  if (p.initTimeout !== undefined && p.initTimeout !== null && !/^\d+(ms|s|m|h)$/.test(String(p.initTimeout))) {
    throw t('initTimeout', `initTimeout '${p.initTimeout}' is not a duration such as "5s" or "1m".`);
  }
  const secrets = arrayOf(p.secrets, 'secrets');
  const names = new Set<string>();
  const old = (c.existing?.secrets.dapr ?? {}) as Record<string, string>;
  for (const s of secrets) {
    if (!s || typeof s.name !== 'string' || !s.name) throw t('secrets', 'Every secret needs a name.');
    if (names.has(s.name.toLowerCase())) throw t('secrets', `The secret '${s.name}' is defined twice.`);
    names.add(s.name.toLowerCase());
    if (s.keyVaultUrl) {
      if (s.value !== undefined && s.value !== null) throw t('secrets', `The secret '${s.name}' cannot have both a value and a keyVaultUrl.`);
      if (!/^https:\/\/[^/]+\/secrets\/[^/]+/i.test(String(s.keyVaultUrl))) throw t('secrets', `The keyVaultUrl of secret '${s.name}' must be a Key Vault secret URL (https://<vault>.vault.azure.net/secrets/<name>).`);
      const id = s.identity === undefined || s.identity === null ? '' : String(s.identity);
      if (!id || (id.toLowerCase() !== 'system' && !USER_IDENTITY_ID.test(id))) {
        throw t('secrets', `The Key Vault secret '${s.name}' needs an identity: 'system' or the resource id of a user-assigned identity.`);
      }
    } else if ((s.value === undefined || s.value === null) && old[s.name] === undefined) {
      // A secret re-sent without its value keeps the stored one (U: lenient, like a GET → PUT round trip).
      throw t('secrets', `The secret '${s.name}' needs a value or a keyVaultUrl.`);
    }
  }
  const store = p.secretStoreComponent;
  if (store !== undefined && store !== null && store !== '') {
    if (typeof store !== 'string') throw t('secretStoreComponent', 'secretStoreComponent must be a component name.');
    if (store.toLowerCase() === name.toLowerCase()) throw t('secretStoreComponent', 'A Dapr component cannot be its own secret store.');
    const envId = c.resource.id.replace(/\/daprComponents\/[^/]+$/i, '');
    const other = c.core.state.get(`${envId}/daprComponents/${store}`);
    if (!other || !other.visible) throw daprErrors.secretStoreNotFound(name, store);
  }
  for (const m of arrayOf(p.metadata, 'metadata')) {
    if (!m || typeof m.name !== 'string' || !m.name) throw t('metadata', 'Every metadata entry needs a name.');
    const hasValue = m.value !== undefined && m.value !== null;
    const ref = m.secretRef;
    if (hasValue && ref) throw t('metadata', `Metadata '${m.name}' cannot have both a value and a secretRef.`);
    // With a secret store, secretRef names a secret of that store (not checked: its content is external).
    if (ref && !store && !names.has(String(ref).toLowerCase())) throw daprErrors.secretRefNotFound(name, String(ref), m.name);
  }
  for (const s of arrayOf(p.scopes, 'scopes')) if (typeof s !== 'string' || !s) throw t('scopes', 'scopes must be container app names.');
}

function arrayOf(v: unknown, what: string): any[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw daprErrors.invalid(`properties.${what}`, `${what} must be an array.`);
  return v;
}

/** Moves secret values to `secrets.dapr`; the body keeps names (and Key Vault references) only [rec-6]. */
export function computeDaprComponent(c: WriteContext): void {
  const p = c.resource.body.properties;
  const old = (c.existing?.secrets.dapr ?? {}) as Record<string, string>;
  const values: Record<string, string> = {};
  if (Array.isArray(p.secrets)) {
    p.secrets = p.secrets.map((s: any) => {
      if (s.keyVaultUrl) return { name: s.name, keyVaultUrl: s.keyVaultUrl, identity: s.identity };
      values[s.name] = s.value ?? old[s.name];
      return { name: s.name };
    });
  }
  c.resource.secrets.dapr = values;
  p.ignoreErrors = p.ignoreErrors ?? false;
  delete p.deploymentErrors;
}

/** `POST …/listSecrets` → 200 `{"value":[{"name","value"}]}` [rec-6]; Key Vault references have no value here. */
export function listDaprSecrets(_req: ArmRequest, r: StoredResource): ArmResponse {
  const values = (r.secrets.dapr ?? {}) as Record<string, string>;
  const value = (r.body.properties.secrets ?? []).map((s: any) => (s.keyVaultUrl ? { name: s.name } : { name: s.name, value: values[s.name] }));
  return { status: 200, body: { value } };
}
