// End to end: the project's STF vectors (test/stf/*.stf) run by the STF runner
// against the embedded switch executing p4/v1model/softmesh.p4, through the
// P4Info emitted by the project's own front-end. Also shows that a wrong
// expectation is caught, so a green run means something.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../../src/p4c/diagnostics.js';
import { compileFile } from '../../../src/p4c/index.js';
import type { IrProgram } from '../../../src/p4c/ir.js';
import { emitP4Info } from '../../../src/p4c/p4info/emit.js';
import { Switch } from '../../../src/sim/switch.js';
import { runStf, SwitchStfTarget, toP4InfoView, type P4InfoView } from '../../../src/sim/stf/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const vectors = join(root, 'test', 'stf');
const files = readdirSync(vectors).filter((name) => name.endsWith('.stf')).sort();

let program: IrProgram;
let p4info: Record<string, unknown>;
let view: P4InfoView;

function freshTarget(): SwitchStfTarget {
  // The vectors use CPU port 255 (test/stf/README.md); a fixed clock keeps runs deterministic.
  const created = Switch.create(program, { p4info, cpuPort: 255, clock: () => 0n });
  if (!created.ok) throw new Error(created.problems.join('; '));
  return new SwitchStfTarget(created.switch, view);
}

beforeAll(() => {
  const compiled = compileFile(join(root, 'p4', 'v1model', 'softmesh.p4'));
  if (!compiled.ir) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  program = compiled.ir;
  p4info = emitP4Info(program, new Diagnostics()) as Record<string, unknown>;
  const converted = toP4InfoView(p4info);
  if (!converted.ok) throw new Error(converted.error);
  view = converted.value;
});

describe('softmesh STF vectors on the embedded switch', () => {
  it('finds the vectors', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s', async (file) => {
    const report = await runStf(readFileSync(join(vectors, file), 'utf8'), freshTarget());
    expect(report.failures, report.text).toEqual([]);
    expect(report.passed).toBeGreaterThan(0);
  });

  it('a changed expected byte makes the vector fail with expected vs got', async () => {
    const text = readFileSync(join(vectors, files[0]), 'utf8');
    const lines = text.split('\n');
    const index = lines.findIndex((line) => /^expect \d+ [0-9A-Fa-f]/.test(line));
    expect(index).toBeGreaterThanOrEqual(0);
    const flipped = lines[index].replace(/[0-9A-Fa-f](\s*)$/, (digit, rest: string) => (digit[0] === '0' ? '1' : '0') + rest);
    lines[index] = flipped;
    const report = await runStf(lines.join('\n'), freshTarget());
    expect(report.failed).toBe(1);
    expect(report.failures[0]).toMatchObject({ line: index + 1 });
    expect(report.failures[0].got).toBeDefined();
  });
});
