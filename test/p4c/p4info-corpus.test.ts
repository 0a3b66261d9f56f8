// P4Info for the checker's accepted v1model programs (test/p4c/check-corpus/
// accept), compared with test/p4c/p4info-golden/corpus/NAME.p4info.txtpb.
// Those programs belong to the front-end's tests; when they change,
// `UPDATE_GOLDEN=1 npx vitest run test/p4c/p4info-corpus.test.ts` regenerates
// the expected P4Info (review the diff: ids must only move when names do).

import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { compileFile } from '../../src/p4c/index.js';
import { emitP4Info, formatP4Info } from '../../src/p4c/p4info/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const CORPUS = join(here, 'check-corpus', 'accept');
const EXPECTED = join(here, 'p4info-golden', 'corpus');
const update = process.env.UPDATE_GOLDEN === '1';

describe('P4Info of the checker corpus', () => {
  const programs = readdirSync(CORPUS).filter((file) => file.endsWith('.p4')).sort();

  for (const file of programs) {
    const name = file.slice(0, -'.p4'.length);
    it(name, () => {
      const compiled = compileFile(join(CORPUS, file));
      expect(compiled.diagnostics.filter((item) => item.severity === 'error').map(formatDiagnostic)).toEqual([]);
      const ir = compiled.ir!;
      const expectedFile = join(EXPECTED, `${name}.p4info.txtpb`);
      // Only v1model programs: other architectures need their own P4Info conventions.
      if (ir.main === undefined || ir.packages[ir.main].typeName !== 'V1Switch') {
        expect(existsSync(expectedFile), `${expectedFile} is stale`).toBe(false);
        return;
      }
      const diagnostics = new Diagnostics();
      const text = formatP4Info(emitP4Info(ir, diagnostics, { ast: compiled.ast }), 'text');
      expect(diagnostics.items.map(formatDiagnostic)).toEqual([]);
      if (update) writeFileSync(expectedFile, text);
      expect(existsSync(expectedFile), `${expectedFile} missing: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(text).toBe(readFileSync(expectedFile, 'utf8'));
    });
  }
});
