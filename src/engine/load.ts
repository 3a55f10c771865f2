import { readFile } from 'node:fs/promises';
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { ValidationError, type Problem } from '../core/errors.js';
import { kindsNamedIn, loadKindSpecs } from '../resources/kinds.js';
import type { StackDefinition } from './stack.js';
import { validateStack } from './validate.js';
import type { Stack } from './stack.js';

/** The line of the node at a dotted path, or of the nearest parent that exists. */
function lineOf(doc: Document, counter: LineCounter, field: string): number | undefined {
  const path = field === '(top level)' ? [] : field.split(', ')[0].split('.');
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      // For a key that exists, point at the key rather than its value.
      if (n > 0 && n === path.length) {
        const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
        if (isMap(parent)) {
          const pair = parent.items.find((p) => isNode(p.key) && String((p.key as { value?: unknown }).value) === path[n - 1]);
          if (pair && isNode(pair.key) && pair.key.range) return counter.linePos(pair.key.range[0]).line;
        }
      }
      return counter.linePos(node.range[0]).line;
    }
  }
  return undefined;
}

/**
 * Parses and validates a stack written in YAML; problems carry their YAML path and line. Validates against
 * the kinds loaded (loadStackFile loads those the text names; registry.ts loads them all).
 */
export function parseStackYaml(text: string, source = 'stack'): Stack {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    const problems: Problem[] = doc.errors.map((e) => ({
      field: `line ${e.linePos?.[0]?.line ?? '?'}`,
      reason: `${e.message.split('\n')[0]}`,
      fix: 'fix the YAML syntax (indentation, quotes, a missing colon).',
    }));
    throw new ValidationError(problems, source);
  }
  const raw = doc.toJS() as StackDefinition;
  try {
    return validateStack(raw, source);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const located = e.problems.map((p) => {
      const line = lineOf(doc, counter, p.field);
      return line ? { ...p, field: `${p.field} (line ${line})` } : p;
    });
    throw new ValidationError(located, source);
  }
}

export async function loadStackFile(path: string): Promise<Stack> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ValidationError([{ field: '--file', reason: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`, fix: 'give the path of a stack file, e.g. -f templates/environment.yaml.' }]);
  }
  // Only the kinds the file names: their schemas are what validation needs, and the rest would cost start-up.
  await loadKindSpecs(kindsNamedIn(text));
  return parseStackYaml(text, path);
}
