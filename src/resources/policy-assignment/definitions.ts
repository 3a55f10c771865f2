import { PolicyClient, type ParameterDefinitionsValue } from '@azure/arm-policy';
import type { ArmContext } from '../../arm/context.js';
import { isNotFound, toArmCallError } from '../../arm/rest-errors.js';
import type { Problem } from '../../core/errors.js';
import { policyRoleGuids } from './identity-roles.js';

/** A built-in policy definition or initiative, as much as assignments need of it. */
export interface PolicyDefinitionInfo {
  id: string;
  name: string;
  displayName: string;
  isInitiative: boolean;
  mode?: string;
  category?: string;
  parameters: Record<string, ParameterDefinitionsValue>;
  /** Roles the assignment's identity needs (deployIfNotExists / modify definitions). */
  roleGuids: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// One read of each built-in list per run (per ArmContext): several assignments name definitions by display name.
const listed = new WeakMap<ArmContext, Map<string, Promise<PolicyDefinitionInfo[]>>>();

function info(d: { id?: string; name?: string; displayName?: string; mode?: string; metadata?: any; policyRule?: any; parameters?: Record<string, ParameterDefinitionsValue> }, isInitiative: boolean): PolicyDefinitionInfo {
  return { id: d.id!, name: d.name!, displayName: d.displayName ?? d.name!, isInitiative, mode: d.mode, category: d.metadata?.category, parameters: d.parameters ?? {}, roleGuids: policyRoleGuids(d.policyRule) };
}

/** Built-ins of one category, or all of them (thousands in Azure: read only when the category has no match). */
async function listBuiltIns(arm: ArmContext, category?: string): Promise<PolicyDefinitionInfo[]> {
  let cache = listed.get(arm);
  if (!cache) listed.set(arm, (cache = new Map()));
  const key = category ?? '*';
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const client = await arm.client(PolicyClient);
      const filter = category ? { filter: `category eq '${category}'` } : {};
      const out: PolicyDefinitionInfo[] = [];
      for await (const d of client.policyDefinitions.listBuiltIn(filter)) out.push(info(d, false));
      for await (const d of client.policySetDefinitions.listBuiltIn(filter)) out.push(info(d, true));
      return out;
    })();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

const byDisplayName = (all: PolicyDefinitionInfo[], policy: string) => all.find((d) => d.displayName === policy) ?? all.find((d) => d.displayName.toLowerCase() === policy.toLowerCase());

/** Resolves `policy` (full id, GUID name or display name) to a built-in, or undefined with candidates. */
export async function resolvePolicy(arm: ArmContext, policy: string): Promise<{ def?: PolicyDefinitionInfo; candidates: string[] }> {
  const client = await arm.client(PolicyClient);
  const name = policy.split('/').pop()!;
  const isSet = /\/policySetDefinitions\//i.test(policy);
  if (GUID.test(name) || policy.startsWith('/')) {
    const tries = policy.startsWith('/') ? [isSet] : [false, true];
    for (const set of tries) {
      try {
        const d = set ? await client.policySetDefinitions.getBuiltIn(name) : await client.policyDefinitions.getBuiltIn(name);
        return { def: info(d, set), candidates: [] };
      } catch (e) {
        if (!isNotFound(e)) throw toArmCallError(`Reading the built-in policy ${name}`, e);
      }
    }
    return { candidates: [] };
  }
  // The Kubernetes category first: the policies this kind is mostly used for, without reading every built-in.
  const def = byDisplayName(await listBuiltIns(arm, 'Kubernetes'), policy) ?? byDisplayName(await listBuiltIns(arm), policy);
  if (def) return { def, candidates: [] };
  const all = await listBuiltIns(arm);
  const lower = policy.toLowerCase();
  const words = lower.split(/\W+/).filter((w) => w.length > 3);
  const scored = all.map((d) => ({ d, n: words.filter((w) => d.displayName.toLowerCase().includes(w)).length })).filter((x) => x.n > 0);
  return { candidates: scored.sort((a, b) => b.n - a.n).slice(0, 3).map((x) => x.d.displayName) };
}

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return 'Array';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Float';
  if (v && typeof v === 'object') return 'Object';
  return 'String';
}

function typeMatches(expected: string, v: unknown): boolean {
  const e = expected.toLowerCase();
  if (e === 'float') return typeof v === 'number';
  if (e === 'datetime') return typeof v === 'string';
  return typeOf(v).toLowerCase() === e;
}

/** The effect the assignment ends with: its `effect` parameter, or the definition's default. */
export function effectOf(def: PolicyDefinitionInfo, parameters: Record<string, unknown>): string | undefined {
  const key = Object.keys(def.parameters).find((k) => k.toLowerCase() === 'effect');
  if (!key) return undefined;
  const given = Object.entries(parameters).find(([k]) => k.toLowerCase() === 'effect')?.[1];
  return String(given ?? def.parameters[key].defaultValue ?? '');
}

/**
 * The rules Azure applies when the assignment is written (UndefinedPolicyParameter, InvalidPolicyParameters,
 * PolicyParameterValueNotAllowed — case-sensitive —, MissingPolicyParameter, identity for deployIfNotExists and
 * modify: Azure/azure-cli#13150), checked before anything is written.
 */
export function checkParameters(def: PolicyDefinitionInfo, parameters: Record<string, unknown>, hasIdentity: boolean): Problem[] {
  const p: Problem[] = [];
  const declared = def.parameters;
  const find = (n: string) => Object.keys(declared).find((k) => k.toLowerCase() === n.toLowerCase());
  for (const [n, v] of Object.entries(parameters)) {
    const k = find(n);
    if (!k) {
      p.push({ field: `parameters.${n}`, reason: `'${def.displayName}' has no parameter '${n}'.`, fix: `use one of: ${Object.keys(declared).join(', ') || '(none: remove parameters)'}.` });
      continue;
    }
    const spec = declared[k];
    const type = String(spec.type ?? 'String');
    if (!typeMatches(type, v)) {
      p.push({ field: `parameters.${n}`, reason: `'${n}' is of type ${type}, not ${typeOf(v)}.`, fix: type.toLowerCase() === 'array' ? `write a list, e.g. [${JSON.stringify(spec.defaultValue?.[0] ?? 'value')}].` : `give a ${type}.` });
      continue;
    }
    const allowed = spec.allowedValues;
    if (allowed) {
      for (const item of type.toLowerCase() === 'array' && Array.isArray(v) ? v : [v]) {
        if (!allowed.some((a) => JSON.stringify(a) === JSON.stringify(item))) {
          p.push({ field: `parameters.${n}`, reason: `${JSON.stringify(item)} is not an allowed value of '${n}' (Azure compares them case-sensitively).`, fix: `use one of: ${allowed.map((a) => JSON.stringify(a)).join(', ')}.` });
        }
      }
    }
  }
  const missing = Object.entries(declared).filter(([k, spec]) => spec.defaultValue === undefined && !find2(parameters, k));
  for (const [k, spec] of missing) p.push({ field: `parameters.${k}`, reason: `'${def.displayName}' requires the parameter '${k}' (it has no default).`, fix: `add parameters.${k}${spec.allowedValues ? ` (one of ${spec.allowedValues.map((a) => JSON.stringify(a)).join(', ')})` : ''}.` });
  const effect = effectOf(def, parameters);
  if (effect && /^(deployifnotexists|modify)$/i.test(effect) && !hasIdentity) p.push({ field: 'identity', reason: `the effect ${effect} acts through the assignment's identity, and it has none.`, fix: 'add identity: true (and grant it the roles the policy needs).' });
  return p;
}

function find2(parameters: Record<string, unknown>, k: string): boolean {
  return Object.keys(parameters).some((g) => g.toLowerCase() === k.toLowerCase());
}

/** Kubernetes policies act through the Azure Policy add-on (mode Microsoft.Kubernetes.Data, category Kubernetes). */
export function isKubernetesPolicy(def: PolicyDefinitionInfo): boolean {
  return /^microsoft\.kubernetes/i.test(def.mode ?? '') || /kubernetes/i.test(def.category ?? '');
}
