// The P4Info of p4/v1model/softmesh.p4 is a contract with the agent (fib/ and
// p4rt/ address tables, actions and counters by its ids): any change to it must
// show up in review as a diff of test/dataplane/softmesh.p4info.txt.
// Regenerate with UPDATE_GOLDEN=1 npx vitest run test/dataplane/p4info-golden.test.ts
//
// Both programs (v1model and TNA) must also pass `softmesh p4 check` with no
// diagnostic at all, warnings included.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { Diagnostics } from '../../src/p4c/diagnostics.js';
import { compileFile } from '../../src/p4c/index.js';
import { emitP4Info, formatP4Info } from '../../src/p4c/p4info/index.js';

const golden = fileURLToPath(new URL('softmesh.p4info.txt', import.meta.url));
const programs = {
  v1model: fileURLToPath(new URL('../../p4/v1model/softmesh.p4', import.meta.url)),
  tna: fileURLToPath(new URL('../../p4/tna/softmesh.p4', import.meta.url)),
};

function currentP4Info(): string {
  const compiled = compileFile(programs.v1model);
  if (!compiled.ir) throw new Error(compiled.diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
  const diagnostics = new Diagnostics();
  const info = emitP4Info(compiled.ir, diagnostics);
  expect(diagnostics.items).toEqual([]);
  return formatP4Info(info, 'text');
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('softmesh P4Info', () => {
  it('matches the golden file', () => {
    const text = currentP4Info();
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, text);
    expect(existsSync(golden), `missing ${golden}: run with UPDATE_GOLDEN=1`).toBe(true);
    // Line by line, so a failure shows the changed entities rather than one huge string.
    expect(text.split('\n')).toEqual(readFileSync(golden, 'utf8').split('\n'));
  });

  it('names the entities the agent programs', () => {
    const text = readFileSync(golden, 'utf8');
    for (const table of ['eip_ipv4_routes', 'eip_ipv6_routes', 'softwires', 'softwire_payloads', 'nexthops']) {
      expect(text).toMatch(new RegExp(`name: ".*\\b${table}"`));
    }
    expect(text).toMatch(/controller_packet_metadata/);
  });
});

describe.each(Object.entries(programs))('softmesh p4 check %s', (_, program) => {
  it('is clean: exit 0 and no diagnostics', async () => {
    let errors = '';
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      errors += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      return true;
    });
    let code: number;
    try {
      code = await main(['p4', 'check', program]);
    } finally {
      stderr.mockRestore();
    }
    expect(errors).toBe('');
    expect(code).toBe(0);
  });
});
