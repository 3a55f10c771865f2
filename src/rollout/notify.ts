import type { AzprovEvent, EventSink } from '../core/events.js';

/**
 * Notifications of a rollout: each step, each gate and analysis with its measured value, the promotion or the
 * rollback with its reason, as one line of Markdown (describeEvent). The CLI appends the lines to the GitHub
 * step summary; `webhookNotifier` posts them to a chat webhook.
 */
export function describeEvent(e: AzprovEvent): string | undefined {
  switch (e.type) {
    case 'rollout-step':
      return `**${e.app}** step ${e.step}/${e.of}: ${Object.entries(e.weights).map(([k, w]) => `\`${k}\` ${w}%`).join(', ')}`;
    case 'gate':
      return `${e.pass ? '✅' : '❌'} **${e.app}** \`${e.revision}\` ${e.gate}: ${e.detail}`;
    case 'rollout-done':
      return e.outcome === 'rolled-back'
        ? `⏪ **${e.app}** rolled back \`${e.revision}\`: ${e.reason}`
        : e.outcome === 'promoted'
          ? `🚀 **${e.app}** promoted \`${e.revision}\` to 100% of the traffic`
          : `⏸️ **${e.app}** \`${e.revision}\` is ready behind its preview label`;
    default:
      return undefined;
  }
}

/**
 * The JSON posted for one event: `text` is what a Slack incoming webhook shows (https://api.slack.com/messaging/webhooks)
 * and what a Teams incoming-webhook MessageCard needs at least (`@type`/`@context`/`summary`/`themeColor` make it
 * a MessageCard; Slack ignores them); `azprov` carries the event itself for other receivers.
 */
export function notificationBody(e: AzprovEvent, text: string): Record<string, unknown> {
  const bad = (e.type === 'gate' && !e.pass) || (e.type === 'rollout-done' && e.outcome === 'rolled-back');
  return { '@type': 'MessageCard', '@context': 'https://schema.org/extensions', summary: `azprov rollout: ${e.type}`, themeColor: bad ? 'D13438' : '2EB886', text, azprov: e };
}

/**
 * A sink that posts each notable event to `url`, in order, without holding the rollout up; `flush()` waits for
 * the posts still on their way. A failed post is reported once through `onError` and never fails the rollout.
 */
export function webhookNotifier(url: string, onError: (message: string) => void = () => {}): { sink: EventSink; flush: () => Promise<void> } {
  let chain = Promise.resolve();
  let failed = false;
  const sink: EventSink = (e) => {
    const text = describeEvent(e);
    if (!text) return;
    chain = chain.then(async () => {
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(notificationBody(e, text)), signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`answered ${res.status}`);
      } catch (err) {
        if (!failed) onError(`notification webhook ${url}: ${(err as Error).message} (later failures are not reported)`);
        failed = true;
      }
    });
  };
  return { sink, flush: () => chain };
}
