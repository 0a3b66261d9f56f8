// The STF commands the softmesh vectors do not use (setdefault, remove,
// remove all, mirroring, direct counters by entry handle) through
// P4RuntimeStfTarget, against the all-entities test program.

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { P4RuntimeStfTarget } from '../../src/demo/p4rt-stf-target.js';
import { buildEthernet, udpOverIpv4 } from '../../src/packet/builders/index.js';
import { P4RuntimeClient } from '../../src/p4rt/client/client.js';
import { PortHarness } from '../../src/sim/ports/index.js';
import { pipelineFromFile, startSimProcess, type SimProcess } from '../../src/sim/process.js';
import { runStf } from '../../src/sim/stf/runner.js';

const programFile = fileURLToPath(new URL('../sim/target-program/all-entities.p4', import.meta.url));
let sim: SimProcess;
let client: P4RuntimeClient;
let stf: P4RuntimeStfTarget;

const hex = (dst: number, type: number) => Buffer.from(buildEthernet(
  { destination: Uint8Array.of(0, 0, 0, 0, 0, dst), source: '02:00:00:00:00:01', etherType: type },
  type === 0x0800 ? udpOverIpv4({ source: '10.0.0.1', destination: '10.1.2.3' }, { sourcePort: 1, destinationPort: 2 }) : Uint8Array.of(1, 2),
)).toString('hex');

beforeAll(async () => {
  const pipeline = pipelineFromFile(programFile);
  if (!pipeline.ok) throw new Error(pipeline.error);
  const started = await startSimProcess({ grpcAddress: '127.0.0.1:0', cpuPort: 510, clock: () => 0n });
  if (!started.ok) throw new Error(started.error);
  sim = started.value;
  client = new P4RuntimeClient(sim.address, { electionId: 1n });
  expect((await client.arbitrate()).ok).toBe(true);
  expect((await client.setPipeline(pipeline.value.p4info, pipeline.value.deviceConfig)).ok).toBe(true);
  const created = P4RuntimeStfTarget.create(client, pipeline.value.p4info, new PortHarness(sim.ports));
  if (!created.ok) throw new Error(created.error);
  stf = created.value;
}, 30_000);

afterAll(async () => {
  client?.close();
  await sim?.close();
});

describe('P4RuntimeStfTarget', () => {
  it('runs add/remove/setdefault, mirroring and counter checks as P4Runtime writes and reads', async () => {
    const script = `
add exact_table hdr.ethernet.dst:0x21 sm.ingress_port:1 set_port(port:7) = first
packet 1 ${hex(0x21, 0x88b5)}
expect 7 ${hex(0x21, 0x88b5)}
check_counter exact_counter($first) packets == 1
check_counter port_counter(1) packets == 1
mirroring_add 5 8
add exact_table hdr.ethernet.dst:0x22 sm.ingress_port:1 set_port(port:6)
packet 1 ${hex(0x22, 0x9001)}
expect 6 ${hex(0x22, 0x9001)}
expect 8 ${hex(0x22, 0x9001)}
mirroring_delete 5
remove exact_table hdr.ethernet.dst:0x21 sm.ingress_port:1
setdefault lpm_table drop()
packet 1 ${hex(0x21, 0x0800)}
remove all
add exact_table hdr.ethernet.dst:0x22 sm.ingress_port:1 set_port(port:3)
packet 1 ${hex(0x22, 0x88b5)}
expect 3 ${hex(0x22, 0x88b5)}
`;
    const report = await runStf(script, stf);
    expect(report.failures, report.text).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  it('reports what the server rejects as a failure of that line', async () => {
    const report = await runStf('add small hdr.ipv4.ttl:1 drop()\nadd small hdr.ipv4.ttl:1 drop()\n', stf);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ line: 2 });
    expect(report.failures[0].message).toContain('ALREADY_EXISTS');
  });
});
