import { z } from 'zod';

/**
 * The rollout strategy of a container app, declared beside it in the stack so that `azprov rollout canary APP
 * -f stack.yaml --image …` needs nothing else; flags override it. Only the shape is checked here (the resources
 * layer); the rollout layer checks the values (thresholds, URLs, rates) when it turns this into options.
 * `up` never reads it: it is for the release commands.
 */
const duration = z.string().regex(/^\d+(\.\d+)?(ms|s|m)$/, { error: "a duration is e.g. '500ms', '30s' or '2m'." });
const webhook = z.strictObject({
  url: z.string().url(),
  timeout: duration.optional().meta({ description: 'One call (default 10s); for confirm-promotion, how long to keep polling (default 10m).' }),
  poll: duration.optional().meta({ description: 'confirm-promotion: time between polls (default 10s).' }),
});

export const rolloutSchema = z
  .strictObject({
    strategy: z.enum(['canary', 'blue-green']).optional().meta({ description: 'Default canary.' }),
    steps: z.array(z.number().int().min(1).max(100)).min(1).optional().meta({ description: 'Canary: percent at each step, rising, ending at 100.' }),
    interval: duration.optional().meta({ description: 'Canary: wait at each step before the gates (default 60s).' }),
    gates: z
      .strictObject({
        health: z.union([z.literal(false), z.strictObject({ minReplicas: z.number().int().min(0).optional() })]).optional(),
        http: z
          .strictObject({
            target: z.string().optional(),
            path: z.string().optional(),
            expectStatus: z.number().int().min(100).max(599).optional(),
            requests: z.number().int().min(1).optional(),
            successRate: z.number().min(0).max(1).optional(),
            maxLatency: duration.optional(),
          })
          .optional(),
        command: z.string().optional(),
      })
      .optional(),
    analysis: z
      .strictObject({
        successRate: z.number().optional(),
        minRequests: z.number().optional(),
        onLowTraffic: z.enum(['wait', 'fail']).optional(),
        maxWait: duration.optional(),
        maxRestarts: z.number().optional(),
        maxLatency: duration.optional().meta({ description: 'Average ResponseTime of the app (the platform publishes it per app, not per revision).' }),
        maxErrorRateIncrease: z.number().optional().meta({ description: "Kayenta-style: the canary's 5xx rate may exceed the stable revision's by at most this share." }),
        ingestionDelay: duration.optional(),
        metrics: z
          .array(
            z.strictObject({
              name: z.string().optional(),
              metric: z.string(),
              aggregation: z.enum(['average', 'minimum', 'maximum', 'total', 'count']),
              filter: z.record(z.string(), z.string()).optional().meta({ description: 'Dimension → value; $canary and $stable name the revisions.' }),
              op: z.enum(['<', '<=', '>', '>=', '==']),
              threshold: z.number(),
            }),
          )
          .optional(),
      })
      .optional()
      .meta({ description: 'Metric analysis of the canary from Azure Monitor platform metrics.' }),
    load: z
      .strictObject({ rps: z.number(), target: z.string().optional(), path: z.string().optional() })
      .optional()
      .meta({ description: 'Built-in load during each step (at most 200 requests a second).' }),
    webhooks: z
      .strictObject({ 'pre-rollout': webhook.optional(), rollout: webhook.optional(), 'confirm-promotion': webhook.optional(), 'post-rollout': webhook.optional(), rollback: webhook.optional() })
      .optional(),
    notify: z.string().url().optional().meta({ description: 'Slack or Teams incoming-webhook URL told each step, analysis, promotion or rollback.' }),
  })
  .meta({ description: 'How azprov rollout releases this app (steps, gates, analyses, webhooks); flags override it.' });

export type RolloutStrategySpec = z.infer<typeof rolloutSchema>;
