import type { EmulatorCore } from '../core.js';
import { registerAppProvider } from './microsoft.app/index.js';
import { registerOperationalInsightsProvider } from './microsoft.operationalinsights/index.js';
import { registerResourcesProvider } from './microsoft.resources/index.js';
import { registerManagedIdentityProvider } from './microsoft.managedidentity/index.js';
import { registerAuthorizationProvider } from './microsoft.authorization/index.js';
import { registerDocumentDbProvider } from './microsoft.documentdb/index.js';
import { registerNetworkProvider } from './microsoft.network/index.js';
import { registerContainerServiceProvider } from './microsoft.containerservice/index.js';
import { registerKubernetesConfigurationProvider } from './microsoft.kubernetesconfiguration/index.js';
import { registerPolicyInsightsProvider } from './microsoft.policyinsights/index.js';
import { registerInsightsProvider } from './microsoft.insights/index.js';

/** The built-in providers; a new one is a folder with the same shape and one line here. */
export function registerProviders(core: EmulatorCore): void {
  registerResourcesProvider(core);
  registerOperationalInsightsProvider(core);
  registerAppProvider(core);
  registerManagedIdentityProvider(core);
  registerAuthorizationProvider(core);
  registerDocumentDbProvider(core);
  registerNetworkProvider(core);
  registerContainerServiceProvider(core);
  registerKubernetesConfigurationProvider(core);
  registerPolicyInsightsProvider(core);
  registerInsightsProvider(core);
}
