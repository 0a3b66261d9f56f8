// Golden corpus for the type checker: every accept/*.p4 must check without
// errors and match accept/*.ir (the dumped IR); every reject/*.p4 must fail with
// exactly the diagnostics in reject/*.diag. UPDATE_GOLDEN=1 rewrites goldens.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileFile } from '../../src/p4c/index.js';
import { formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { dumpProgram } from '../../src/p4c/check/dump.js';
import { validateProgram } from '../../src/p4c/check/validate.js';

const root = join(dirname(fileURLToPath(import.meta.url)), 'check-corpus');
const update = process.env.UPDATE_GOLDEN === '1';

function programs(dir: string): string[] {
  return readdirSync(join(root, dir)).filter((name) => name.endsWith('.p4')).sort();
}

function diagnosticsText(file: string): { text: string; ok: boolean; dump?: string; invalid: string[] } {
  const result = compileFile(file);
  const text = result.diagnostics
    .map((d) => formatDiagnostic({ ...d, loc: { ...d.loc, file: d.loc.file.startsWith(root) ? relative(root, d.loc.file) : basename(d.loc.file) } }))
    .join('\n');
  return {
    text: text ? text + '\n' : '',
    ok: result.ir !== undefined,
    dump: result.ir ? dumpProgram(result.ir) : undefined,
    invalid: result.ir ? validateProgram(result.ir) : [],
  };
}

function golden(path: string, actual: string): void {
  if (update) {
    writeFileSync(path, actual);
    return;
  }
  // A missing golden is a failure, not a silent regeneration.
  expect(existsSync(path), `${path} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('check corpus: accepted programs', () => {
  for (const name of programs('accept')) {
    it(name, () => {
      const file = join(root, 'accept', name);
      const { text, ok, dump, invalid } = diagnosticsText(file);
      expect(text.split('\n').filter((line) => line.includes(': error:'))).toEqual([]);
      expect(ok).toBe(true);
      expect(invalid).toEqual([]);
      golden(file.replace(/\.p4$/, '.ir'), dump ?? '');
      golden(file.replace(/\.p4$/, '.diag'), text);
    });
  }
});

describe('check corpus: rejected programs', () => {
  for (const name of programs('reject')) {
    it(name, () => {
      const file = join(root, 'reject', name);
      const { text, ok } = diagnosticsText(file);
      expect(ok).toBe(false);
      expect(text).toContain(': error: ');
      golden(file.replace(/\.p4$/, '.diag'), text);
    });
  }
});
