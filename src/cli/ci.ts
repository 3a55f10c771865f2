import { appendFileSync } from 'node:fs';

/**
 * What a CI system shows besides the log: the GitHub Actions step summary (Markdown) and annotations,
 * and their Azure Pipelines equivalents (logging commands).
 */
export function writeStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  appendFileSync(file, markdown + '\n');
  return true;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** `::error` / `::warning` in GitHub Actions, `##vso[task.logissue]` in Azure Pipelines, nothing elsewhere. */
export function annotation(level: 'error' | 'warning', title: string, message: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.GITHUB_ACTIONS === 'true') return `::${level} title=${escapeData(title).replace(/[,:]/g, ' ')}::${escapeData(message)}`;
  if (env.TF_BUILD === 'True') return `##vso[task.logissue type=${level}]${title}: ${message.replace(/\n/g, ' ')}`;
  return undefined;
}

export function emitAnnotation(level: 'error' | 'warning', title: string, message: string, env: NodeJS.ProcessEnv = process.env): void {
  const line = annotation(level, title, message, env);
  if (line) process.stdout.write(line + '\n');
}
