import type { TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest, type TlsSettings } from '@azure/core-rest-pipeline';
import { AzprovError } from '../core/errors.js';

/** Which credential azprov uses for Azure, decided from the environment CI systems set. */
export type CredentialKind = 'github-oidc' | 'azure-pipelines' | 'workload-identity' | 'default';

export interface CredentialChoice {
  kind: CredentialKind;
  description: string;
}

export function chooseCredential(env: NodeJS.ProcessEnv = process.env): CredentialChoice {
  if (env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN && env.AZURE_CLIENT_ID && env.AZURE_TENANT_ID) {
    return { kind: 'github-oidc', description: 'GitHub Actions OIDC token exchanged with Entra ID (ClientAssertionCredential)' };
  }
  if (env.SYSTEM_OIDCREQUESTURI && env.AZURESUBSCRIPTION_SERVICE_CONNECTION_ID && env.SYSTEM_ACCESSTOKEN) {
    return { kind: 'azure-pipelines', description: 'Azure Pipelines service connection with workload identity federation (AzurePipelinesCredential)' };
  }
  if (env.AZURE_FEDERATED_TOKEN_FILE && env.AZURE_CLIENT_ID && env.AZURE_TENANT_ID) {
    return { kind: 'workload-identity', description: 'Kubernetes workload identity (WorkloadIdentityCredential)' };
  }
  return { kind: 'default', description: 'DefaultAzureCredential (environment, workload identity, managed identity, Azure CLI, azd, PowerShell)' };
}

export interface CredentialOptions {
  env?: NodeJS.ProcessEnv;
  /** Entra ID authority host (AZURE_AUTHORITY_HOST); with it set, instance discovery is off. */
  authorityHost?: string;
  /** Extra CA for the token requests (an emulator acting as Entra ID in tests). */
  tlsOptions?: TlsSettings;
}

/**
 * The GitHub Actions OIDC token for Entra ID: requested from the runner's token endpoint with the
 * audience Entra ID expects for federated credentials.
 */
export async function githubOidcToken(env: NodeJS.ProcessEnv, tlsSettings?: TlsSettings): Promise<string> {
  const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL!);
  url.searchParams.set('audience', env.AZPROV_OIDC_AUDIENCE ?? 'api://AzureADTokenExchange');
  const request = createPipelineRequest({ url: url.toString(), method: 'GET', headers: createHttpHeaders({ Authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`, Accept: 'application/json' }) });
  request.tlsSettings = tlsSettings;
  // The runner's endpoint is HTTPS; plain HTTP is accepted on loopback only (a local stand-in in tests).
  request.allowInsecureConnection = url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  const response = await createDefaultHttpClient().sendRequest(request);
  if (response.status !== 200 || !response.bodyAsText) throw new Error(`the GitHub Actions token endpoint answered ${response.status}; does the workflow have 'permissions: id-token: write'?`);
  return (JSON.parse(response.bodyAsText) as { value: string }).value;
}

/**
 * No credential in the chain could be used (nothing to sign in with), said in one line with the fix.
 * @azure/identity's message lists every credential it tried, one line each; that list stays on `cause`.
 */
export class NoCredentialError extends AzprovError {
  constructor(choice: CredentialChoice, options?: { cause?: unknown }) {
    const tried = choice.kind === 'default' ? 'environment variables, workload identity, managed identity, Azure CLI, Azure Developer CLI, Azure PowerShell' : choice.description;
    super('NoCredential', `no Azure credential found (tried ${tried}). Fix: sign in with \`az login\` (or \`azd auth login\`), or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET; use --emulator to run locally without Azure.`, 1, options);
  }
}

// By name: @azure/identity may be another copy than ours (a user's script), as core-rest-pipeline's isRestError does.
const UNAVAILABLE = new Set(['CredentialUnavailableError', 'AggregateAuthenticationError']);

/** The same credential, with "nothing to sign in with" turned into NoCredentialError. */
export function explainUnavailable(credential: TokenCredential, choice: CredentialChoice): TokenCredential {
  return {
    async getToken(scopes, options) {
      try {
        return await credential.getToken(scopes, options);
      } catch (e) {
        throw e instanceof Error && UNAVAILABLE.has(e.name) ? new NoCredentialError(choice, { cause: e }) : e;
      }
    },
  };
}

/** Builds the credential for Azure. Loads @azure/identity only here, so commands that need none stay fast. */
export async function createAzureCredential(o: CredentialOptions = {}): Promise<{ credential: TokenCredential; choice: CredentialChoice }> {
  const made = await buildCredential(o);
  return { choice: made.choice, credential: explainUnavailable(made.credential, made.choice) };
}

async function buildCredential(o: CredentialOptions): Promise<{ credential: TokenCredential; choice: CredentialChoice }> {
  const env = o.env ?? process.env;
  const identity = await import('@azure/identity');
  const choice = chooseCredential(env);
  const authorityHost = o.authorityHost ?? env.AZURE_AUTHORITY_HOST;
  const common = { ...(authorityHost ? { authorityHost, disableInstanceDiscovery: true } : {}), ...(o.tlsOptions ? { tlsOptions: o.tlsOptions } : {}) };
  switch (choice.kind) {
    case 'github-oidc':
      return { choice, credential: new identity.ClientAssertionCredential(env.AZURE_TENANT_ID!, env.AZURE_CLIENT_ID!, () => githubOidcToken(env, o.tlsOptions), common) };
    case 'azure-pipelines':
      return {
        choice,
        credential: new identity.AzurePipelinesCredential(
          env.AZURESUBSCRIPTION_TENANT_ID ?? env.AZURE_TENANT_ID!,
          env.AZURESUBSCRIPTION_CLIENT_ID ?? env.AZURE_CLIENT_ID!,
          env.AZURESUBSCRIPTION_SERVICE_CONNECTION_ID!,
          env.SYSTEM_ACCESSTOKEN!,
          common,
        ),
      };
    case 'workload-identity':
      return { choice, credential: new identity.WorkloadIdentityCredential({ ...common, tenantId: env.AZURE_TENANT_ID, clientId: env.AZURE_CLIENT_ID, tokenFilePath: env.AZURE_FEDERATED_TOKEN_FILE }) };
    default:
      return { choice, credential: new identity.DefaultAzureCredential(common) };
  }
}

/** The claims of an access token that say who it is for. The token itself is never returned or printed. */
export function describeToken(token: string): Record<string, string | undefined> {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8') || '{}') as Record<string, unknown>;
  const str = (v: unknown) => (v === undefined ? undefined : String(v));
  return {
    tenantId: str(payload.tid),
    objectId: str(payload.oid),
    appId: str(payload.appid ?? payload.azp),
    user: str(payload.upn ?? payload.unique_name ?? payload.preferred_username),
    idType: str(payload.idtyp),
    audience: str(payload.aud),
    expiresOn: payload.exp ? new Date(Number(payload.exp) * 1000).toISOString() : undefined,
  };
}
