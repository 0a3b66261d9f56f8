// P4Info for the checker's accepted v1model programs (test/p4c/check-corpus/
// accept), compared with test/p4c/p4info-golden/corpus/NAME.p4info.txtpb.
// Those programs belong to the front-end's tests; when they change,
// `UPDATE_GOLDEN=1 npx vitest run test/p4c/p4info-corpus.test.ts` regenerates
// the expected P4Info (review the diff: ids must only move when names do).
// Every program is also checked for P4Info invariants.

import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { compileFile } from '../../src/p4c/index.js';
import { emitP4Info, formatP4Info, type P4InfoObject } from '../../src/p4c/p4info/index.js';
import { decodeP4Info, encodeP4Info } from '../../src/p4rt/proto.js';

const here = dirname(fileURLToPath(import.meta.url));
const CORPUS = join(here, 'check-corpus', 'accept');
const EXPECTED = join(here, 'p4info-golden', 'corpus');
const update = process.env.UPDATE_GOLDEN === '1';

/** What holds for any P4Info we emit: unique ids with the right prefix, references that resolve, a lossless binary form. */
function checkInvariants(info: P4InfoObject): void {
  const prefixes: [keyof P4InfoObject, number][] = [
    ['tables', 0x02], ['actions', 0x01], ['action_profiles', 0x11], ['counters', 0x12], ['direct_counters', 0x13],
    ['meters', 0x14], ['direct_meters', 0x15], ['controller_packet_metadata', 0x04], ['value_sets', 0x03], ['registers', 0x16], ['digests', 0x17],
  ];
  const ids = new Set<number>();
  for (const [field, prefix] of prefixes) {
    for (const item of (info[field] ?? []) as { preamble?: { id?: number } }[]) {
      const id = item.preamble?.id ?? 0;
      expect(id >>> 24, `${field} ${id}`).toBe(prefix);
      expect(ids.has(id), `duplicate id ${id}`).toBe(false);
      ids.add(id);
    }
  }
  for (const table of info.tables ?? []) {
    for (const ref of table.action_refs ?? []) expect(ids.has(ref.id ?? 0)).toBe(true);
    for (const id of table.direct_resource_ids ?? []) expect(ids.has(id)).toBe(true);
    if (table.implementation_id) expect(ids.has(table.implementation_id)).toBe(true);
  }
  // Lossless binary form (compared as text: decoded bytes fields come back as Buffers).
  const decoded = decodeP4Info(encodeP4Info(info));
  expect(decoded.ok).toBe(true);
  if (decoded.ok) expect(formatP4Info(decoded.value, 'text')).toBe(formatP4Info(info, 'text'));
}

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
      const info = emitP4Info(ir, diagnostics, { ast: compiled.ast });
      // Warnings (e.g. a table never applied) are p4c behaviour too; errors are not expected.
      expect(diagnostics.items.filter((item) => item.severity === 'error').map(formatDiagnostic)).toEqual([]);
      checkInvariants(info);
      const text = formatP4Info(info, 'text');
      if (update) writeFileSync(expectedFile, text);
      // A program added to the corpus after the last UPDATE_GOLDEN run is held to the invariants only.
      if (existsSync(expectedFile)) expect(text).toBe(readFileSync(expectedFile, 'utf8'));
    });
  }
});
