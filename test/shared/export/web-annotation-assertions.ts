import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

/**
 * The Web Annotation Working Group's conformance assertions (JSON Schema
 * draft-04), kept in test/standards/web-annotation with their licence, run
 * with Ajv's draft-04 build. Each assertion is named by its file's `id`.
 */

export const STANDARD_DIR = fileURLToPath(new URL('../../standards/web-annotation/', import.meta.url));

const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(STANDARD_DIR, path), 'utf8')) as Record<string, unknown>;

export interface Assertion {
  id: string;
  title: string;
  validate: ValidateFunction;
}

function compiler(): Ajv04 {
  // The assertion files carry the suite's own keywords (assertionType,
  // errorMessage...): strict mode would refuse them.
  const ajv = new Ajv04({ strict: false, allErrors: true });
  addFormats(ajv, ['uri', 'date-time']);
  for (const file of readdirSync(join(STANDARD_DIR, 'definitions'))) ajv.addSchema(readJson(`definitions/${file}`));
  return ajv;
}

/** The assertions a `.test` file lists, plus any extra assertion files. */
export function loadAssertions(testFile: string, extra: string[] = []): Assertion[] {
  const ajv = compiler();
  const listed = (readJson(testFile).assertions as string[]).concat(extra);
  return listed.map((path) => {
    const schema = readJson(path);
    return { id: String(schema.id), title: String(schema.title), validate: ajv.compile(schema) };
  });
}

/** `assertion id: subject` for every assertion a subject fails; empty when all pass. */
export function failures(assertions: Assertion[], subjects: Array<{ name: string; json: unknown }>): string[] {
  const failed: string[] = [];
  for (const { name, json } of subjects) {
    for (const assertion of assertions) {
      if (!assertion.validate(json)) failed.push(`${assertion.id}: ${name}`);
    }
  }
  return failed;
}
