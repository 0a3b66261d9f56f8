// Golden P4Info for the programs in test/p4c/p4info-golden/: compile with the
// project's front-end, emit P4Info, compare with NAME.p4info.txtpb (and the
// initial table entries with NAME.entries.txtpb).
// `UPDATE_GOLDEN=1 npx vitest run test/p4c/p4info-golden.test.ts` rewrites the
// expected files; basic, selector and pkginfo hold p4c's output and are never rewritten.

import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { Diagnostics } from '../../src/p4c/diagnostics.js';
import { compileFile } from '../../src/p4c/index.js';
import { emitP4Info, emitStaticEntries, formatP4Info } from '../../src/p4c/p4info/index.js';
import { formatText } from '../../src/p4rt/textformat.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'p4info-golden');
/** Expected files written from p4c's own output, not from ours. */
const FROM_P4C = new Set(['basic', 'selector', 'pkginfo']);
const update = process.env.UPDATE_GOLDEN === '1';

function compare(name: string, kind: 'p4info' | 'entries', text: string): void {
  const expectedFile = join(GOLDEN, `${name}.${kind}.txtpb`);
  if (update && !FROM_P4C.has(name)) writeFileSync(expectedFile, text);
  expect(existsSync(expectedFile), `${expectedFile} missing: run with UPDATE_GOLDEN=1`).toBe(true);
  expect(text).toBe(readFileSync(expectedFile, 'utf8'));
}

describe('P4Info golden files', () => {
  const programs = readdirSync(GOLDEN).filter((file) => file.endsWith('.p4')).sort();

  it('has programs to check', () => {
    expect(programs.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of programs) {
    const name = file.slice(0, -'.p4'.length);
    it(name, () => {
      const compiled = compileFile(join(GOLDEN, file));
      const errors = compiled.diagnostics.filter((item) => item.severity === 'error').map(formatDiagnostic);
      expect(errors).toEqual([]);
      const diagnostics = new Diagnostics();
      // p4c's outputs kept here predate P4Runtime 1.4's initial_default_action.
      const info = emitP4Info(compiled.ir!, diagnostics, { ast: compiled.ast, initialDefaultAction: !FROM_P4C.has(name) });
      const entries = emitStaticEntries(compiled.ir!, info, diagnostics);
      expect(diagnostics.items.map(formatDiagnostic)).toEqual([]);
      compare(name, 'p4info', formatP4Info(info, 'text'));
      // Initial table entries (p4c --p4runtime-entries-files), when the program has any.
      const entriesFile = join(GOLDEN, `${name}.entries.txtpb`);
      if (entries.updates) compare(name, 'entries', formatText('p4.v1.WriteRequest', entries));
      else expect(existsSync(entriesFile), `${entriesFile} is stale`).toBe(false);
    });
  }
});
