import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy, TlsSettings } from '@azure/core-rest-pipeline';
import { exchangeObserverPolicy, type HttpExchange } from './policies.js';
import { PollPacer, pollPacingPolicy } from './poll-pacing.js';
import { RateLimiter, rateLimitPolicy } from './rate-limit.js';
import { EmulatorCredential } from './emulator-credential.js';
import { AZURE_RESOURCE_MANAGER, EMULATOR_TOKEN_PATH, type Target } from './target.js';

/** The constructor shape every `@azure/arm-*` management client shares. */
export type ArmClientClass<T> = new (credential: TokenCredential, subscriptionId: string, options?: object) => T;

export interface ArmContextOptions {
  /** Sees every HTTP exchange (method, URL, status). */
  onExchange?: (e: HttpExchange) => void;
  /** Retries for transient failures (429/5xx/dropped connections), handled by the SDK's retry policies. */
  maxRetries?: number;
  retryDelayInMs?: number;
  maxRetryDelayInMs?: number;
  /** LRO poll interval when the server gives no Retry-After. */
  pollIntervalInMs?: number;
  /** Pace requests on ARM's remaining-budget headers (default true); false sends as fast as callers ask. */
  rateLimit?: boolean;
  userAgent?: string;
  /**
   * Extra pipeline policies for every client of the context (e.g. a recorder of whole exchanges). `perRetry`
   * ones run after azprov's own, nearest the wire, so they see each retry and each LRO poll.
   */
  policies?: { policy: PipelinePolicy; position: 'perCall' | 'perRetry' }[];
}

/**
 * The one place that builds ARM clients. A client is built once per class and shared; all clients of a
 * context share one credential, one TLS setting and one set of policies.
 */
export class ArmContext {
  readonly subscriptionId: string;
  readonly endpoint: string;
  readonly pollIntervalInMs: number;
  private readonly clients = new Map<unknown, unknown>();
  private credentialPromise?: Promise<TokenCredential>;
  private readonly tlsOptions?: TlsSettings;
  // Shared by every client of the context: one subscription, one ARM budget, one set of pending polls.
  private readonly pollPacer: PollPacer;
  private readonly rateLimiter = new RateLimiter();

  constructor(
    readonly target: Target,
    private readonly options: ArmContextOptions = {},
  ) {
    this.subscriptionId = target.subscriptionId;
    this.endpoint = (target.kind === 'emulator' ? target.endpoint : (target.endpoint ?? AZURE_RESOURCE_MANAGER)).replace(/\/$/, '');
    // One object, so that core-rest-pipeline's agent cache (keyed by the settings object) reuses connections.
    this.tlsOptions = target.kind === 'emulator' ? { ca: target.caCertPem } : undefined;
    this.pollIntervalInMs = options.pollIntervalInMs ?? (target.kind === 'emulator' ? 200 : 5_000);
    this.pollPacer = new PollPacer(this.pollIntervalInMs);
  }

  /** The token scope for ARM at this endpoint. */
  get scope(): string {
    return `${this.target.kind === 'emulator' ? this.endpoint : AZURE_RESOURCE_MANAGER}/.default`;
  }

  get isEmulator(): boolean {
    return this.target.kind === 'emulator';
  }

  /** The credential; DefaultAzureCredential is imported only when Azure is the target. */
  credential(): Promise<TokenCredential> {
    this.credentialPromise ??= (async () => {
      if (this.target.kind === 'emulator' && !this.target.azureCredential) return new EmulatorCredential(this.endpoint + EMULATOR_TOKEN_PATH, this.tlsOptions!);
      if (this.target.kind === 'azure' && this.target.credential) return this.target.credential;
      const { createAzureCredential } = await import('./credentials.js');
      return (await createAzureCredential({ tlsOptions: this.tlsOptions })).credential;
    })();
    return this.credentialPromise;
  }

  async client<T>(Client: ArmClientClass<T>): Promise<T> {
    const existing = this.clients.get(Client);
    if (existing) return existing as T;
    const credential = await this.credential();
    const again = this.clients.get(Client);
    if (again) return again as T;
    const client = new Client(credential, this.subscriptionId, this.clientOptions());
    this.clients.set(Client, client);
    return client;
  }

  /** Options for long-running calls: the poll interval when no Retry-After comes back. */
  lroOptions(): { updateIntervalInMs: number } {
    return { updateIntervalInMs: this.pollIntervalInMs };
  }

  private clientOptions(): object {
    const o = this.options;
    return {
      // The TypeSpec-generated clients (@azure-rest/core-client: every package but arm-msi and
      // arm-authorization) read `endpoint` and `credentials.scopes`; the two AutoRest ones (@azure/core-client)
      // read `endpoint`/`$host`/`baseUri` and `credentialScopes`. Set them all so each points at the same place.
      endpoint: this.endpoint,
      $host: this.endpoint,
      baseUri: this.endpoint,
      credentialScopes: [this.scope],
      credentials: { scopes: [this.scope] },
      tlsOptions: this.tlsOptions,
      userAgentOptions: { userAgentPrefix: o.userAgent ?? 'azprov' },
      retryOptions: {
        maxRetries: o.maxRetries ?? 6,
        retryDelayInMs: o.retryDelayInMs ?? (this.isEmulator ? 50 : 1_000),
        maxRetryDelayInMs: o.maxRetryDelayInMs ?? (this.isEmulator ? 2_000 : 60_000),
      },
      // perRetry policies run in this order, the observer last (nearest the wire), so that it times the
      // exchange and not the wait for budget.
      additionalPolicies: [
        { policy: pollPacingPolicy(this.pollPacer), position: 'perCall' },
        ...(o.rateLimit === false ? [] : [{ policy: rateLimitPolicy(this.rateLimiter), position: 'perRetry' }]),
        ...(o.onExchange ? [{ policy: exchangeObserverPolicy(o.onExchange), position: 'perRetry' }] : []),
        ...(o.policies ?? []),
      ],
    };
  }
}
