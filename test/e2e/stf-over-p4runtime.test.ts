// Every data-plane vector of test/stf, with the control plane going over
// P4Runtime (gRPC on 127.0.0.1, ephemeral port) into the embedded switch
// process: entries, multicast groups and counter reads are Write/Read RPCs,
// packets go through the switch's ports. Each file starts from a fresh
// SetForwardingPipelineConfig (VERIFY_AND_COMMIT clears all state).
// Port 255 is an ordinary port in the vectors, so the CPU port is 510.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { P4RuntimeStfTarget } from '../../src/demo/p4rt-stf-target.js';
import { P4RuntimeClient } from '../../src/p4rt/client/client.js';
import { PortHarness } from '../../src/sim/ports/index.js';
import { pipelineFromFile, startSimProcess, type SimProcess } from '../../src/sim/process.js';
import { runStfFile } from '../../src/sim/stf/file.js';

const directory = fileURLToPath(new URL('../stf/', import.meta.url));
const programFile = fileURLToPath(new URL('../../p4/v1model/softmesh.p4', import.meta.url));
const files = readdirSync(directory).filter((name) => name.endsWith('.stf')).sort();

let sim: SimProcess;
let harness: PortHarness;
let client: P4RuntimeClient;
let pipeline: { p4info: Record<string, unknown>; deviceConfig: Uint8Array };

beforeAll(async () => {
  const loaded = pipelineFromFile(programFile);
  if (!loaded.ok) throw new Error(loaded.error);
  pipeline = loaded.value;
  const started = await startSimProcess({ grpcAddress: '127.0.0.1:0', cpuPort: 510, clock: () => 0n });
  if (!started.ok) throw new Error(started.error);
  sim = started.value;
  harness = new PortHarness(sim.ports);
  client = new P4RuntimeClient(sim.address, { electionId: 1n });
  const arbitration = await client.arbitrate();
  if (!arbitration.ok) throw new Error(arbitration.message);
});

afterAll(async () => {
  client?.close();
  await sim?.close();
});

describe('test/stf vectors through P4Runtime into the embedded switch', () => {
  it('has vectors to run', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files)('%s', async (file) => {
    const set = await client.setPipeline(pipeline.p4info, pipeline.deviceConfig);
    expect(set).toMatchObject({ ok: true });
    harness.collectOutputs();
    const target = P4RuntimeStfTarget.create(client, pipeline.p4info, harness);
    if (!target.ok) throw new Error(target.error);
    const report = await runStfFile(join(directory, file), target.value);
    expect(report.failures, report.text).toEqual([]);
    expect(report.text).toMatch(/^[1-9]\d* passed, 0 failed$/m);
    expect(report.warnings).toEqual([]);
  });
});
