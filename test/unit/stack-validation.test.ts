import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { parseStackYaml } from '../../src/engine/load.js';
import { stackJsonSchema } from '../../src/engine/schema.js';
import { validateStack } from '../../src/engine/validate.js';
import { compositeKinds, kindSpecs } from '../../src/resources/registry.js';

function problemsOf(yaml: string) {
  try {
    parseStackYaml(yaml, 'test.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).problems;
  }
  throw new Error('expected a ValidationError');
}

const good = `
name: demo
location: eastus
resources:
  rg: { kind: resourceGroup, name: rg-demo }
  logs: { kind: logAnalyticsWorkspace, name: log-demo, resourceGroup: rg }
  env: { kind: managedEnvironment, name: cae-demo, resourceGroup: rg, logAnalyticsWorkspace: logs }
`;

describe('stack validation', () => {
  it('accepts a valid stack and works out its dependencies', () => {
    const stack = parseStackYaml(good);
    expect(stack.name).toBe('demo');
    expect(stack.dependencies).toEqual({ rg: [], logs: ['rg'], env: ['rg', 'logs'] });
  });

  it('accepts the shipped template', () => {
    const stack = parseStackYaml(readFileSync('templates/environment.yaml', 'utf8'));
    expect(Object.keys(stack.resources)).toEqual(['rg', 'logs', 'env']);
  });

  it('reports every problem at once, each with its YAML path, line, reason and fix', () => {
    const problems = problemsOf(`
name: Demo_Stack
location: East US
resources:
  rg: { kind: resourceGroup, name: "rg-demo." }
  logs:
    kind: logAnalyticsWorkspace
    name: ab
    resourceGroup: nope
    retentionInDays: 5
    colour: blue
  env: { kind: managedEnvironment, name: Cae_Demo, resourceGroup: rg, logAnalyticsWorkspace: rg }
  app: { kind: webApp }
`);
    const fields = problems.map((p) => p.field.replace(/ \(line \d+\)$/, ''));
    expect(fields).toEqual(
      expect.arrayContaining([
        'name',
        'location',
        'resources.rg.name',
        'resources.logs.name',
        'resources.logs.retentionInDays',
        'resources.logs.colour',
        'resources.env.name',
        'resources.app.kind',
      ]),
    );
    for (const p of problems) {
      expect(p.reason.length).toBeGreaterThan(5);
      expect(p.fix.length).toBeGreaterThan(5);
    }
    const byField = (f: string) => problems.find((p) => p.field.startsWith(f + ' ') || p.field === f)!;
    expect(byField('resources.logs.name').field).toBe('resources.logs.name (line 8)');
    expect(byField('resources.logs.name').fix).toContain('4–63 characters');
    expect(byField('resources.logs.colour').fix).toContain('known fields:');
    expect(byField('resources.app.kind').fix).toContain('resourceGroup, logAnalyticsWorkspace, managedEnvironment');
    expect(byField('resources.app.kind').fix).toContain('containerApp');
    expect(byField('resources.rg.name').reason).toContain('period');
  });

  it('reports references to missing resources or to the wrong kind, with the candidates', () => {
    const problems = problemsOf(`
name: demo
location: eastus
resources:
  rg: { kind: resourceGroup, name: rg-demo }
  logs: { kind: logAnalyticsWorkspace, name: log-demo, resourceGroup: group }
  env: { kind: managedEnvironment, name: cae-demo, resourceGroup: rg, logAnalyticsWorkspace: rg }
`);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ field: 'resources.logs.resourceGroup (line 6)', fix: 'use one of: rg.' });
    expect(problems[1].reason).toContain('is a resourceGroup, not a logAnalyticsWorkspace');
  });

  it('reports dependency cycles through dependsOn', () => {
    expect(() =>
      validateStack({
        name: 'demo',
        location: 'eastus',
        resources: { a: { kind: 'resourceGroup', name: 'a', dependsOn: ['b'] }, b: { kind: 'resourceGroup', name: 'b', dependsOn: ['a'] } },
      }),
    ).toThrow(/depends on itself through a -> b -> a/);
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf('name: demo\nlocation: eastus\nresources:\n  rg: { kind: resourceGroup, name: x\n');
    expect(problems[0].field).toMatch(/^line \d+$/);
  });

  it('refuses a missing required field and names it', () => {
    const problems = problemsOf('name: demo\nresources: {}\n');
    expect(problems).toEqual([expect.objectContaining({ field: 'location (line 1)', reason: 'is required.' })]);
  });

  it('says how many problems and that nothing was sent', () => {
    try {
      parseStackYaml('name: demo\nresources: {}\n', 'x.yaml');
    } catch (e) {
      expect((e as Error).message).toMatch(/^x\.yaml: 1 problem found, nothing was sent to Azure/);
      expect((e as ValidationError).exitCode).toBe(3);
    }
  });
});

describe('stack JSON schema', () => {
  it('describes every kind and the shipped file is current', () => {
    const schema = stackJsonSchema() as { properties: { resources: { additionalProperties: { oneOf: { properties: { kind: { const: string } } }[] } } } };
    const kinds = schema.properties.resources.additionalProperties.oneOf.map((o) => o.properties.kind.const);
    expect(kinds).toEqual([...kindSpecs, ...compositeKinds].map((k) => k.kind));
    expect(kinds).toEqual(expect.arrayContaining(['resourceGroup', 'logAnalyticsWorkspace', 'managedEnvironment', 'containerApp', 'cosmosStateStore']));
    const shipped = readFileSync('templates/schema/stack.schema.json', 'utf8');
    expect(JSON.parse(shipped)).toEqual(JSON.parse(JSON.stringify(stackJsonSchema())));
  });
});
