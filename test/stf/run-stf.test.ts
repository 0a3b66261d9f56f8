// Every data-plane vector in this directory, each its own case, on the
// embedded switch running p4/v1model/softmesh.p4 through the STF switch target
// (src/sim/stf/switch-target.ts). The program is compiled once; every file
// gets a fresh switch. Port 255 is an ordinary port in the vectors (README.md),
// so the switch's CPU port is 510.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/p4c/diagnostics.js';
import { compileFile } from '../../src/p4c/index.js';
import type { IrProgram } from '../../src/p4c/ir.js';
import { emitP4Info } from '../../src/p4c/p4info/index.js';
import { runStfFile } from '../../src/sim/stf/file.js';
import { createSwitchStfTarget } from '../../src/sim/stf/switch-target.js';

const directory = fileURLToPath(new URL('.', import.meta.url));
const program = fileURLToPath(new URL('../../p4/v1model/softmesh.p4', import.meta.url));
const files = readdirSync(directory).filter((name) => name.endsWith('.stf')).sort();

let ir: IrProgram;
let p4info: Record<string, unknown>;

beforeAll(() => {
  const compiled = compileFile(program);
  if (!compiled.ir) throw new Error(compiled.diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
  ir = compiled.ir;
  const diagnostics = new Diagnostics();
  p4info = emitP4Info(ir, diagnostics) as Record<string, unknown>;
  if (diagnostics.hasErrors()) throw new Error(diagnostics.items.map((diagnostic) => diagnostic.message).join('\n'));
});

describe('test/stf vectors on the embedded switch', () => {
  it('has vectors to run', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files)('%s', async (file) => {
    const created = createSwitchStfTarget(ir, p4info, { cpuPort: 510 });
    if (!created.ok) throw new Error(created.error);
    const report = await runStfFile(join(directory, file), created.target);
    expect(report.text).toMatch(/^[1-9]\d* passed, 0 failed$/m);
    expect(report.failures, report.text).toEqual([]);
    // An ignored command would make the vector prove less than it says.
    expect(report.warnings).toEqual([]);
  });
});
