import { parseAllDocuments } from 'yaml';
import { ValidationError, type Problem } from '../core/errors.js';
import { SECRET_METADATA } from '../resources/dapr-component/spec.js';

/** A Dapr component as a stack's daprComponent resource takes it (without the environment). */
export interface ImportedDaprComponent {
  name: string;
  componentType: string;
  version: string;
  metadata: { name: string; value?: string; secretRef?: string }[];
  secrets?: { name: string; value: string }[];
  secretStoreComponent?: string;
  scopes?: string[];
  ignoreErrors?: boolean;
  initTimeout?: string;
}

type Raw = Record<string, any>;

/** `masterKey` -> `master-key`: Container Apps secret names are lower-case with hyphens. */
function secretNameFor(metadataName: string): string {
  return metadataName.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[^A-Za-z0-9-]/g, '-').toLowerCase();
}

/**
 * Plaintext values of secret-looking metadata (masterKey, password, ...) become component secrets with a
 * secretRef, so they are never sent as metadata values.
 */
function moveSecrets(c: ImportedDaprComponent): ImportedDaprComponent {
  const secrets = [...(c.secrets ?? [])];
  const metadata = c.metadata.map((m) => {
    if (m.value === undefined || !SECRET_METADATA.test(m.name)) return m;
    const name = secretNameFor(m.name);
    if (!secrets.some((s) => s.name === name)) secrets.push({ name, value: m.value });
    return { name: m.name, secretRef: name };
  });
  return { ...c, metadata, ...(secrets.length ? { secrets } : {}) };
}

function metadataOf(list: unknown, where: string, problems: Problem[]): ImportedDaprComponent['metadata'] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    problems.push({ field: `${where}.metadata`, reason: 'must be a list of {name, value | secretRef}.', fix: 'write metadata as a YAML list.' });
    return [];
  }
  return list.map((m: Raw, i) => {
    if (!m?.name) problems.push({ field: `${where}.metadata.${i}.name`, reason: 'is required.', fix: 'name the metadata field.' });
    // Kubernetes CRD form: secretKeyRef {name, key}; the Container Apps form: secretRef.
    const secretRef = m?.secretRef ?? m?.secretKeyRef?.name;
    return secretRef !== undefined ? { name: String(m.name), secretRef: String(secretRef) } : { name: String(m?.name), value: m?.value === undefined ? '' : String(m.value) };
  });
}

/** Dapr's Kubernetes CRD: apiVersion dapr.io/v1alpha1, kind Component, spec.type/version/metadata, scopes. */
function fromCrd(doc: Raw, where: string, problems: Problem[]): ImportedDaprComponent {
  const spec = doc.spec ?? {};
  if (!doc.metadata?.name) problems.push({ field: `${where}.metadata.name`, reason: 'the component has no name.', fix: 'set metadata.name.' });
  if (!spec.type) problems.push({ field: `${where}.spec.type`, reason: 'the component has no type.', fix: 'set spec.type, e.g. state.azure.cosmosdb.' });
  return {
    name: String(doc.metadata?.name ?? ''),
    componentType: String(spec.type ?? ''),
    version: String(spec.version ?? 'v1'),
    metadata: metadataOf(spec.metadata, `${where}.spec`, problems),
    scopes: doc.scopes,
    ignoreErrors: spec.ignoreErrors,
    initTimeout: spec.initTimeout,
    secretStoreComponent: doc.auth?.secretStore,
  };
}

/** The Container Apps form: one component (componentType, ...) or the list `az containerapp create --dapr-components` takes (name, type, ...). */
function fromContainerApps(c: Raw, where: string, problems: Problem[], name?: string): ImportedDaprComponent {
  const type = c.componentType ?? c.type;
  const n = c.name ?? name;
  if (!type) problems.push({ field: `${where}.componentType`, reason: 'the component has no type.', fix: 'set componentType (or type), e.g. state.azure.cosmosdb.' });
  if (!n) problems.push({ field: `${where}.name`, reason: 'the component has no name.', fix: 'set name, or pass one when importing.' });
  return {
    name: String(n ?? ''),
    componentType: String(type ?? ''),
    version: String(c.version ?? 'v1'),
    metadata: metadataOf(c.metadata, where, problems),
    secrets: Array.isArray(c.secrets) ? c.secrets.map((s: Raw) => ({ name: String(s.name), value: String(s.value ?? '') })) : undefined,
    scopes: c.scopes,
    ignoreErrors: c.ignoreErrors,
    initTimeout: c.initTimeout,
    secretStoreComponent: c.secretStoreComponent,
  };
}

/**
 * Reads Dapr component definitions in the formats users already have: Dapr's Kubernetes CRD (one or more
 * YAML documents), a Container Apps component, or a list of them.
 */
export function parseDaprComponents(text: string, source = 'components.yaml', defaultName?: string): ImportedDaprComponent[] {
  const problems: Problem[] = [];
  const out: ImportedDaprComponent[] = [];
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) throw new ValidationError([{ field: source, reason: 'is empty.', fix: 'give at least one component.' }]);
  docs.forEach((d, i) => {
    for (const e of d.errors) problems.push({ field: `document ${i + 1}`, reason: e.message.split('\n')[0], fix: 'fix the YAML syntax.' });
    const js = d.toJS() as unknown;
    if (js === null || js === undefined) return;
    const where = docs.length > 1 ? `document ${i + 1}` : '(top level)';
    if (Array.isArray(js)) js.forEach((c, j) => out.push(fromContainerApps(c as Raw, `${where}.${j}`, problems)));
    else if ((js as Raw).kind === 'Component' || String((js as Raw).apiVersion ?? '').startsWith('dapr.io/')) out.push(fromCrd(js as Raw, where, problems));
    else out.push(fromContainerApps(js as Raw, where, problems, defaultName));
  });
  if (!out.length && !problems.length) problems.push({ field: source, reason: 'has no component.', fix: 'give at least one component.' });
  if (problems.length) throw new ValidationError(problems, source);
  return out.map(moveSecrets);
}
