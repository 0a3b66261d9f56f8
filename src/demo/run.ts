// `softmesh start`: the data-plane demo. It loads p4/v1model/softmesh.p4 into
// an embedded switch with a P4Runtime server in front, and then acts as the
// controller would: a P4Runtime client pushes the pipeline, becomes primary,
// writes the softwires, decap rules, MPLS labels and P2MP groups of
// scenario.ts, sends packets through in-memory ports (traffic.ts), and reads
// the counters back — everything the switch learns goes over P4Runtime
// (DESIGN.md "One southbound protocol"); only the ports stand for wires.

import { join } from 'node:path';
import { fail, ok, type Result } from '../packet/bytes.js';
import { P4RuntimeClient } from '../p4rt/client/client.js';
import { idOf } from '../p4rt/p4info-index.js';
import { encodeMulticastGroup } from '../p4rt/server/encode.js';
import { bytesOf, long64, type EntityMessage } from '../p4rt/server/messages.js';
import { PortHarness } from '../sim/ports/index.js';
import { pipelineFromFile, projectP4Directory, startSimProcess, type ProgramSources, type SimProcess } from '../sim/process.js';
import { runStf } from '../sim/stf/runner.js';
import { describeFailure, P4RuntimeStfTarget } from './p4rt-stf-target.js';
import { formatTable, grouped, reasonNames, reasonText } from './report.js';
import { baseEntries, decapEntries, demoPackets, mplsEntries, multicastGroups, softwireEntries, type DemoPacket } from './scenario.js';
import { sendPacket, sendPacketOut, unsignedOf, type DemoContext } from './traffic.js';

export interface DemoOptions {
  /** P4Runtime listen address; default 127.0.0.1 with an ephemeral port, so the demo never clashes. */
  grpcAddress?: string;
  /** Keep serving P4Runtime after the demo until `stopped` resolves. */
  serve?: boolean;
  stopped?: () => Promise<unknown>;
  /** Program to load; default the project's p4/v1model/softmesh.p4. */
  programFile?: string;
  /** Packets to send; default the scenario's (tests pass others). */
  packets?: readonly DemoPacket[];
  write: (line: string) => void;
}

type Pipeline = { p4info: Record<string, unknown>; deviceConfig: Uint8Array; sources: ProgramSources };

/** Runs the demo; returns the process exit code (0: every packet did what the scenario expects). */
export async function runDemo(options: DemoOptions): Promise<number> {
  const write = options.write;
  const started = performance.now();
  const programFile = options.programFile ?? join(projectP4Directory() ?? 'p4', 'v1model', 'softmesh.p4');
  const pipeline = pipelineFromFile(programFile);
  if (!pipeline.ok) {
    write(`softmesh start: ${pipeline.error}`);
    return 1;
  }
  const sim = await startSimProcess({ grpcAddress: options.grpcAddress ?? '127.0.0.1:0' });
  if (!sim.ok) {
    write(`softmesh start: ${sim.error}`);
    return 1;
  }
  const client = new P4RuntimeClient(sim.value.address, { electionId: 1n });
  try {
    const unexpected = await drive(sim.value, client, pipeline.value, options.packets ?? demoPackets, write);
    if (!unexpected.ok) {
      write(`softmesh start: ${unexpected.error}`);
      return 1;
    }
    write('');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    write(unexpected.value === 0 ? `done in ${seconds} s` : `${unexpected.value} packet(s) did not do what the scenario expects`);
    if (options.serve) {
      write(`serving P4Runtime on ${sim.value.address} (device 1) until Ctrl-C`);
      await options.stopped?.();
    }
    return unexpected.value === 0 ? 0 : 1;
  } finally {
    client.close();
    await sim.value.close();
  }
}

/** Programs the switch, sends the packets, prints the counters; the number of packets that went wrong. */
async function drive(
  sim: SimProcess, client: P4RuntimeClient, pipeline: Pipeline, packets: readonly DemoPacket[], write: (line: string) => void,
): Promise<Result<number>> {
  write(`softmesh demo: embedded switch, controlled over P4Runtime at ${sim.address}`);
  write('');
  const arbitration = await client.arbitrate();
  if (!arbitration.ok) return fail(`arbitration: ${arbitration.message}`);
  const set = await client.setPipeline(pipeline.p4info, pipeline.deviceConfig);
  if (!set.ok) return fail(`SetForwardingPipelineConfig: ${describeFailure(set)}`);
  const harness = new PortHarness(sim.ports);
  for (const port of [1, 2, 3, 4]) harness.capture(port);
  const stf = P4RuntimeStfTarget.create(client, pipeline.p4info, harness);
  if (!stf.ok) return stf;
  const context: DemoContext = {
    client, harness, index: stf.value.index, write,
    dropNames: reasonNames(pipeline.sources, 'DROP'), puntNames: reasonNames(pipeline.sources, 'PUNT'),
  };
  const programmed = await program(context, stf.value, pipeline);
  if (!programmed.ok) return programmed;

  write('');
  write('Packets (in: what entered, out: what left the switch)');
  let unexpected = 0;
  for (const [position, packet] of packets.entries()) {
    const sent = await sendPacket(context, position + 1, packet);
    if (!sent.ok) return sent;
    if (!sent.value) unexpected++;
  }
  const packetOut = await sendPacketOut(context, packets.length + 1, demoPackets[0].frame, 4);
  if (!packetOut.ok) return packetOut;
  if (!packetOut.value) unexpected++;

  write('');
  const counters = await writeCounters(context);
  return counters.ok ? ok(unexpected) : counters;
}

/** The control-plane writes of the scenario, with a summary table. */
async function program(context: DemoContext, stf: P4RuntimeStfTarget, pipeline: Pipeline): Promise<Result<void>> {
  const { client, write } = context;
  write('Control plane (P4Runtime writes)');
  const sections: [string, string][] = [
    ['ports, router MAC, next hops, I-IP routes', baseEntries], ['softwires (ingress AFBR)', softwireEntries],
    ['decapsulation (egress AFBR)', decapEntries], ['MPLS labels and P2MP rewrites', mplsEntries],
  ];
  const rows: string[][] = [['pipeline', `${pipeline.sources.main} (${context.index.tables.size} tables)`, 'SetForwardingPipelineConfig']];
  for (const [what, text] of sections) {
    const report = await runStf(text, stf);
    if (report.failures.length > 0) return fail(`${what}: ${report.failures[0].message}`);
    rows.push(['entries', what, `${text.trim().split('\n').length} table entries`]);
  }
  for (const group of multicastGroups) {
    const entry = encodeMulticastGroup({ ...group, metadata: new Uint8Array(0) });
    const written = await client.write([{ type: 'INSERT', entity: { packet_replication_engine_entry: { multicast_group_entry: entry } } }]);
    if (!written.ok) return fail(`multicast group ${group.multicastGroupId}: ${describeFailure(written)}`);
    const replicas = group.replicas.map((replica) => `${replica.egressPort}/${replica.instance}`).join(' ');
    rows.push(['mcast group', `${group.multicastGroupId}: ${group.what}`, `replicas port/instance ${replicas}`]);
  }
  formatTable(['what', 'detail', 'written'], rows).forEach((line) => write(`  ${line}`));
  return ok(undefined);
}

/** Direct counters of the softwires and labels, and the non-zero cells of the indexed counters. */
async function writeCounters(context: DemoContext): Promise<Result<void>> {
  const { client, index, write } = context;
  write('Counters (P4Runtime reads)');
  const firstKey = (entry: NonNullable<EntityMessage['table_entry']>) => unsignedOf(bytesOf(entry.match?.[0]?.exact?.value));
  const direct: [string, string, string][] = [['softwires', 'softwire_counter', 'tunnel'], ['mpls_top_label', 'top_label_counter', 'label']];
  const rows: string[][] = [];
  for (const [table, counter, key] of direct) {
    const read = await client.read([{ table_entry: { table_id: idOf(index, table), counter_data: {} } }]);
    if (!read.ok) return fail(`reading ${counter}: ${describeFailure(read)}`);
    for (const { table_entry: entry } of read.value) {
      const data = entry!.counter_data;
      rows.push([counter, `${key} ${firstKey(entry!)}`, grouped(long64(data?.packet_count)), grouped(long64(data?.byte_count))]);
    }
  }
  const byReason = (cell: bigint) => reasonText(context.dropNames, Number(cell));
  const indexed: [string, (cell: bigint) => string][] = [
    ['port_rx_counter', (cell) => `port ${cell}`], ['port_tx_counter', (cell) => `port ${cell}`],
    ['ingress_drop_counter', byReason], ['egress_drop_counter', byReason],
  ];
  for (const [counter, cellName] of indexed) {
    const read = await client.read([{ counter_entry: { counter_id: idOf(index, counter) } }]);
    if (!read.ok) return fail(`reading ${counter}: ${describeFailure(read)}`);
    for (const { counter_entry: entry } of read.value) {
      if (long64(entry?.data?.packet_count) === 0n) continue;
      rows.push([counter, cellName(long64(entry?.index?.index)), grouped(long64(entry?.data?.packet_count)), grouped(long64(entry?.data?.byte_count))]);
    }
  }
  formatTable(['counter', 'cell', 'packets', 'bytes'], rows).forEach((line) => write(`  ${line}`));
  return ok(undefined);
}
