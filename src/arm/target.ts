import type { TokenCredential } from '@azure/core-auth';

/** Where azprov sends its requests: real Azure, or an ARM emulator (embedded or running elsewhere). */
export type Target = AzureTarget | EmulatorTarget;

export interface AzureTarget {
  kind: 'azure';
  subscriptionId: string;
  /** Defaults to DefaultAzureCredential. */
  credential?: TokenCredential;
  /** Defaults to https://management.azure.com. */
  endpoint?: string;
}

export interface EmulatorTarget {
  kind: 'emulator';
  /** e.g. https://127.0.0.1:8443 */
  endpoint: string;
  /** The emulator's CA certificate (PEM); trusted for azprov's clients only. */
  caCertPem: string;
  subscriptionId: string;
  /**
   * Authenticate as against Azure (OIDC, workload identity, DefaultAzureCredential, with the emulator as
   * the Entra ID authority) instead of through the emulator's managed-identity token endpoint.
   */
  azureCredential?: boolean;
  /** Where the emulator plays the apps' revisions (plain HTTP on loopback; Host header = the FQDN). */
  appsEndpoint?: string;
}

export const AZURE_RESOURCE_MANAGER = 'https://management.azure.com';

/** The emulator's managed-identity style token endpoint, relative to its base URL. */
export const EMULATOR_TOKEN_PATH = '/metadata/identity/oauth2/token';

/** The subscription the emulator serves unless told otherwise. */
export const EMULATOR_DEFAULT_SUBSCRIPTION = '00000000-0000-0000-0000-00000000a2b0';
