import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';

/** What one HTTP exchange looked like, for progress output, request counting and benchmarks. */
export interface HttpExchange {
  method: string;
  url: string;
  status?: number;
  durationInMs: number;
  /** Set when the request never got a response (connection dropped, timeout). */
  error?: string;
}

export const exchangeObserverPolicyName = 'azprovExchangeObserverPolicy';

/**
 * Reports every exchange (each retry and each LRO poll separately, as it sits below the retry policies)
 * to an observer. The observer only sees method, URL and status: never headers or bodies, so no token or
 * secret can leak through it.
 */
export function exchangeObserverPolicy(observe: (e: HttpExchange) => void): PipelinePolicy {
  return {
    name: exchangeObserverPolicyName,
    async sendRequest(request: PipelineRequest, next): Promise<PipelineResponse> {
      const started = Date.now();
      try {
        const response = await next(request);
        observe({ method: request.method, url: request.url, status: response.status, durationInMs: Date.now() - started });
        return response;
      } catch (e) {
        observe({ method: request.method, url: request.url, durationInMs: Date.now() - started, error: (e as Error).message });
        throw e;
      }
    },
  };
}
