/**
 * A rollout in progress, kept on the app itself (a tag), so that a re-run after a crash continues or rolls
 * back from what Azure says, with no state file. The weights come from the app's traffic.
 */
export const ROLLOUT_TAG = 'azprov-rollout';

export interface RolloutState {
  strategy: 'canary' | 'blue-green';
  /** The revision that had all the traffic before. */
  stable: string;
  /** The revision being rolled out. */
  next: string;
  steps?: number[];
}

export function readRolloutTag(tags: Record<string, string> | undefined): RolloutState | undefined {
  const v = tags?.[ROLLOUT_TAG];
  if (!v) return undefined;
  try {
    const s = JSON.parse(v) as RolloutState;
    return s.stable && s.next ? s : undefined;
  } catch {
    return undefined;
  }
}

export function withRolloutTag(tags: Record<string, string>, state: RolloutState | undefined): Record<string, string> {
  const out = { ...tags };
  if (state) out[ROLLOUT_TAG] = JSON.stringify(state);
  else delete out[ROLLOUT_TAG];
  return out;
}
