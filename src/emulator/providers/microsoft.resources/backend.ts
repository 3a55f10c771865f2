import type { StoredResource } from '../../state.js';
import type { FilterClause } from '../../tracked-helpers.js';
import { resourcesErrors } from './errors.js';
import type { ArmError } from '../../errors.js';

/** Validation and shaping for Microsoft.Resources (resource groups, generic resource lists). */

const RG_NAME = /^[-\p{L}\p{N}_.()]+$/u;

export function validateResourceGroupName(name: string): ArmError | undefined {
  if (name.length < 1 || name.length > 90 || !RG_NAME.test(name) || name.endsWith('.')) {
    const invalid = [...new Set([...name].filter((ch) => !RG_NAME.test(ch)))].join('');
    return resourcesErrors.invalidResourceGroupName(name, invalid);
  }
  return undefined;
}

/** The ResourceGroup shape of the spec: no systemData, `properties.provisioningState` only [spec-rg]. */
export function presentResourceGroup(body: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = { id: body.id, name: body.name, type: body.type, location: body.location };
  if (body.managedBy) out.managedBy = body.managedBy;
  if (body.tags) out.tags = body.tags;
  out.properties = { provisioningState: body.properties?.provisioningState ?? 'Succeeded' };
  return out;
}

/** GenericResourceExpanded: the envelope without `properties`; `$expand` adds times and provisioningState [spec-rg]. */
export function presentGeneric(r: StoredResource, expand: Set<string>, withTags: boolean): Record<string, any> {
  const b = r.body;
  const out: Record<string, any> = { id: b.id, name: b.name, type: b.type };
  for (const k of ['kind', 'managedBy', 'sku', 'identity', 'plan']) if (b[k] !== undefined) out[k] = structuredClone(b[k]);
  if (b.location !== undefined) out.location = b.location;
  if (withTags && b.tags) out.tags = structuredClone(b.tags);
  if (expand.has('createdtime')) out.createdTime = r.createdTime;
  if (expand.has('changedtime')) out.changedTime = r.changedTime;
  if (expand.has('provisioningstate') && b.properties?.provisioningState) out.provisioningState = b.properties.provisioningState;
  return out;
}

/** Applies the tag / type / name / location / resource group clauses of a `$filter`. */
export function matchesFilter(r: StoredResource, clauses: FilterClause[]): boolean {
  const tags: Record<string, string> = r.body.tags ?? {};
  const tagName = clauses.find((c) => c.field === 'tagname');
  for (const c of clauses) {
    let actual: string | undefined;
    switch (c.field) {
      case 'tagname':
        if (c.op === 'startswith') {
          if (!Object.keys(tags).some((k) => k.toLowerCase().startsWith(c.value.toLowerCase()))) return false;
          continue;
        }
        if (!Object.keys(tags).some((k) => k.toLowerCase() === c.value.toLowerCase())) return (c.op === 'ne');
        if (c.op === 'ne') return false;
        continue;
      case 'tagvalue': {
        // Tag names are case-insensitive, tag values case-sensitive (U).
        const key = Object.keys(tags).find((k) => k.toLowerCase() === tagName?.value.toLowerCase());
        actual = key ? tags[key] : undefined;
        if (c.op === 'eq' ? actual !== c.value : actual === c.value) return false;
        continue;
      }
      case 'resourcetype':
        actual = r.type;
        break;
      case 'name':
        actual = String(r.body.name);
        break;
      case 'location':
        actual = String(r.body.location ?? '');
        break;
      case 'resourcegroup':
        actual = r.resourceGroup ?? '';
        break;
      default:
        return false;
    }
    const a = actual.toLowerCase();
    const v = c.value.toLowerCase();
    const ok = c.op === 'eq' ? a === v : c.op === 'ne' ? a !== v : c.op === 'substringof' ? a.includes(v) : a.startsWith(v);
    if (!ok) return false;
  }
  return true;
}
