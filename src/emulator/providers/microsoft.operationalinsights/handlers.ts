import type { EmulatorCore } from '../../core.js';
import type { ArmRequest, ArmResponse } from '../../router.js';
import type { StoredResource } from '../../state.js';
import { newSharedKey, sharedKeys } from './backend.js';

/** POST actions on workspaces [spec-la]: `sharedKeys` and `regenerateSharedKey`, both 200 synchronous. */
export function workspaceActions(core: EmulatorCore) {
  return {
    sharedKeys(_req: ArmRequest, r: StoredResource): ArmResponse {
      return { status: 200, body: sharedKeys(r) };
    },
    /** Regenerates both keys (U: which key the service regenerates is not pinned). */
    regenerateSharedKey(_req: ArmRequest, r: StoredResource): ArmResponse {
      r.secrets.primarySharedKey = newSharedKey();
      r.secrets.secondarySharedKey = newSharedKey();
      core.state.changed();
      return { status: 200, body: sharedKeys(r) };
    },
  };
}
