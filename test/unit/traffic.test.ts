import { describe, expect, it } from 'vitest';
import { checkTrafficMap, labelsOf, parseTrafficArgs, trafficEntries, weightsOf } from '../../src/rollout/traffic.js';

const revisions = [
  { name: 'app--v1', active: true },
  { name: 'app--v2', active: true },
  { name: 'app--v0', active: false },
];

describe('traffic maps', () => {
  it('accepts a complete split over active revisions', () => {
    expect(checkTrafficMap({ 'app--v1': 80, 'app--v2': 20 }, revisions)).toEqual([]);
    expect(checkTrafficMap({ 'app--v1': 100, 'app--v0': 0 }, revisions)).toEqual([]);
  });

  it.each([
    [{ 'app--v1': 80 }, 'add up to 80, not 100 (app--v1=80)'],
    [{ 'app--v1': 80, 'app--v2': 30 }, 'add up to 110'],
    [{ 'app--v1': 50, 'app--v9': 50 }, "'app--v9' is not a revision"],
    [{ 'app--v1': 50, 'app--v0': 50 }, 'is inactive'],
    [{ 'app--v1': 99.5, 'app--v2': 0.5 }, 'not a whole percent'],
    [{ 'label:blue': 100 }, "no revision has the label 'blue'"],
  ])('refuses %j without rescaling', (map, reason) => {
    expect(checkTrafficMap(map, revisions).map((p) => p.reason).join(' ')).toContain(reason);
  });

  it('parses command-line weights and refuses malformed or repeated ones', () => {
    expect(parseTrafficArgs(['app--v1=80', 'label:green=20'])).toEqual({ map: { 'app--v1': 80, 'label:green': 20 }, problems: [] });
    expect(parseTrafficArgs(['app--v1:80', 'a=1', 'a=2']).problems.map((p) => p.field)).toEqual(['weights.0', 'weights.2']);
  });

  it('keeps labels when weights change, and resolves latestRevision', () => {
    const labels = labelsOf([{ revisionName: 'app--v1', weight: 100, label: 'blue' }, { latestRevision: true, weight: 0, label: 'green' }], 'app--v2');
    expect(labels).toEqual({ blue: 'app--v1', green: 'app--v2' });
    expect(trafficEntries({ 'app--v1': 90, 'app--v2': 10 }, labels)).toEqual([
      { revisionName: 'app--v1', weight: 90, label: 'blue' },
      { revisionName: 'app--v2', weight: 10, label: 'green' },
    ]);
    expect(weightsOf([{ latestRevision: true, weight: 100 }], 'app--v2')).toEqual({ 'app--v2': 100 });
  });
});
