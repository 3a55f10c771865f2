import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest, type TlsSettings } from '@azure/core-rest-pipeline';

/**
 * Gets tokens from the emulator's token endpoint with the managed-identity protocol (POST, form
 * `resource=...`, header `Metadata: true`), the same protocol `az login --identity` speaks with
 * `MSI_ENDPOINT` set. The emulator's CA is trusted for this request only.
 */
export class EmulatorCredential implements TokenCredential {
  private cached?: { scope: string; token: AccessToken };
  private readonly httpClient = createDefaultHttpClient();

  constructor(
    private readonly tokenUrl: string,
    private readonly tlsSettings: TlsSettings,
  ) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    const scope = Array.isArray(scopes) ? scopes[0] : scopes;
    const refreshMarginInMs = 60_000;
    if (this.cached && this.cached.scope === scope && this.cached.token.expiresOnTimestamp - refreshMarginInMs > Date.now()) {
      return this.cached.token;
    }
    const resource = scope.replace(/\/\.default$/, '');
    const request = createPipelineRequest({
      url: this.tokenUrl,
      method: 'POST',
      headers: createHttpHeaders({ Metadata: 'true', 'Content-Type': 'application/x-www-form-urlencoded' }),
      body: new URLSearchParams({ resource }).toString(),
      abortSignal: options?.abortSignal,
    });
    // createPipelineRequest does not copy tlsSettings from its options: set it on the request itself.
    request.tlsSettings = this.tlsSettings;
    const response = await this.httpClient.sendRequest(request);
    if (response.status !== 200 || !response.bodyAsText) {
      throw new Error(`The emulator's token endpoint ${this.tokenUrl} answered ${response.status}: ${response.bodyAsText ?? ''}`);
    }
    const body = JSON.parse(response.bodyAsText) as { access_token: string; expires_on: string | number };
    const token: AccessToken = { token: body.access_token, expiresOnTimestamp: Number(body.expires_on) * 1000 };
    this.cached = { scope, token };
    return token;
  }
}
