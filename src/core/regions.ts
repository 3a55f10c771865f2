/**
 * Public Azure regions (ARM's normalised names), for location checks before anything is sent. The same
 * list as the emulator's `REGIONS` (src/emulator/core.ts), which imports nothing from azprov: a unit test
 * keeps the two equal.
 */
export const AZURE_REGIONS: readonly string[] = [
  'eastus', 'eastus2', 'westus', 'westus2', 'westus3', 'centralus', 'northcentralus', 'southcentralus', 'westcentralus',
  'canadacentral', 'canadaeast', 'brazilsouth', 'northeurope', 'westeurope', 'uksouth', 'ukwest', 'francecentral',
  'germanywestcentral', 'switzerlandnorth', 'norwayeast', 'swedencentral', 'polandcentral', 'italynorth', 'spaincentral',
  'eastasia', 'southeastasia', 'japaneast', 'japanwest', 'koreacentral', 'centralindia', 'southindia', 'australiaeast',
  'australiasoutheast', 'uaenorth', 'southafricanorth', 'qatarcentral', 'israelcentral', 'mexicocentral', 'newzealandnorth',
];

/** Edit distance (insertions, deletions, substitutions), for "did you mean". */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The closest candidate when it is close enough to be a slip (a third of the word), else undefined. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (!best || d < best.d) best = { c, d };
  }
  return best && best.d <= Math.max(2, Math.floor(w.length / 3)) ? best.c : undefined;
}

/** `East US` and `eastus` are the same region to ARM. */
export function normaliseRegion(v: string): string {
  return v.replace(/\s+/g, '').toLowerCase();
}

export function isKnownRegion(v: string): boolean {
  return AZURE_REGIONS.includes(normaliseRegion(v));
}

/** The fix for an unknown region: the closest one, or how to list them. */
export function regionFix(v: string): string {
  const near = didYouMean(normaliseRegion(v), AZURE_REGIONS);
  return near ? `did you mean '${near}'? (az account list-locations -o table lists them)` : "use a region's short name such as 'eastus' or 'westeurope' (az account list-locations -o table lists them).";
}
