import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { RequestLog } from '../../src/emulator/request-log.js';
import type { ExchangeRecord } from '../../src/emulator/types.js';

/**
 * Records every ARM exchange a context's clients make, client side, in the emulator's request-log JSONL
 * format, so that a live run against Azure can join the parity corpus as it is. Writing goes through the
 * emulator's own `RequestLog`, so the redaction (Authorization and other credential headers, key / secret /
 * token fields, secret lists) is the one the emulator applies to its own log: one rule set, not two.
 * Tests may import the emulator; the library may not, which is why this lives here and not in src/arm.
 */
export const recorderPolicyName = 'azprovLiveRecorderPolicy';

/** Poll URLs of long-running operations, as ARM's resource providers name them [rpc-async]. */
const LRO_RESULT = /operationresults?\/[^/?]+(\?|$)/i;
const LRO_STATUS = /(operationstatus(es)?|operationsstatus|asyncoperations|\/operations)\/[^/?]+(\?|$)/i;

function pollName(url: string): ExchangeRecord['name'] {
  if (LRO_RESULT.test(url)) return 'lro-result';
  if (LRO_STATUS.test(url)) return 'lro-status';
  return undefined;
}

function parseBody(text: string | undefined | null): unknown {
  if (text === undefined || text === null || text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function headersOf(h: { toJSON(o?: { preserveCase?: boolean }): Record<string, string> }): Record<string, string> {
  return h.toJSON({ preserveCase: false });
}

export class ExchangeRecorder {
  private readonly log: RequestLog;
  private count = 0;

  constructor(readonly file: string) {
    this.log = new RequestLog(file);
  }

  /** How many exchanges were written. */
  get size(): number {
    return this.count;
  }

  /** For `ArmContextOptions.policies`: perRetry, so each retry and each poll is its own record. */
  policy(): { policy: PipelinePolicy; position: 'perRetry' } {
    return {
      position: 'perRetry',
      policy: {
        name: recorderPolicyName,
        sendRequest: async (request, next) => {
          const body = typeof request.body === 'string' ? parseBody(request.body) : request.body === undefined ? null : '(stream)';
          const response = await next(request);
          const name = pollName(request.url);
          this.log.add({
            ...(name ? { name } : {}),
            request: { method: request.method, url: request.url, headers: headersOf(request.headers), body },
            response: { statusCode: response.status, headers: headersOf(response.headers), body: request.method === 'HEAD' ? null : parseBody(response.bodyAsText) },
          });
          this.count++;
          return response;
        },
      },
    };
  }
}
