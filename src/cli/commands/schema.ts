import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stackJsonSchema } from '../../engine/schema.js';
import { loadKindSpecs } from '../../resources/kinds.js';
import { EXIT, reportError } from '../session.js';

export function schemaText(): string {
  return JSON.stringify(stackJsonSchema(), null, 2) + '\n';
}

/** Prints the stack JSON Schema, writes it, or checks that a written copy is current (CI). */
export async function runSchema(flags: { write?: string; check?: string }): Promise<number> {
  try {
    await loadKindSpecs(); // the schema describes every kind
    const text = schemaText();
    if (flags.check) {
      const current = await readFile(flags.check, 'utf8').catch(() => '');
      if (current !== text) {
        process.stderr.write(`azprov: ${flags.check} is out of date. Fix: run 'npm run schema' and commit the result.\n`);
        return EXIT.failed;
      }
      process.stdout.write(`${flags.check} is current.\n`);
    } else if (flags.write) {
      await mkdir(dirname(flags.write), { recursive: true });
      await writeFile(flags.write, text);
      process.stdout.write(`wrote ${flags.write}\n`);
    } else process.stdout.write(text);
    return EXIT.ok;
  } catch (e) {
    return reportError(e, {});
  }
}
