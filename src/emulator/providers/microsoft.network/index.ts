import type { EmulatorCore } from '../../core.js';
import { registerPrivateDns } from './privatedns.js';
import { registerVirtualNetworks } from './vnet.js';

export { PRIVATE_DNS_SERVICE, type PrivateDnsService, type ZoneInfo } from './privatedns.js';
export { VNET_SERVICE, type SubnetInfo, type VirtualNetworkService } from './vnet.js';

/**
 * Microsoft.Network: virtual networks and subnets (arm-facts §8, `vnet.ts`) and private DNS zones, their
 * virtual network links and record sets (arm-facts §9, `privatedns.ts`). Publishes `microsoft.network/vnets`
 * and `microsoft.network/privateDns`.
 */
export function registerNetworkProvider(core: EmulatorCore): void {
  registerVirtualNetworks(core);
  registerPrivateDns(core);
}
