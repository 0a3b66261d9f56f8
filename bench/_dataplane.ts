// Shared harness of the bench/dataplane-*.ts benchmarks (the leading "_" keeps
// bench/run.ts from running it). Each benchmark loads p4/v1model/softmesh.p4
// into the embedded switch, installs its forwarding state through the STF
// switch target (usually a test/stf vector, run in full first so the timed
// packet is known to be forwarded correctly), then sends one packet in a loop
// through Switch.processPacket for about three seconds.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Diagnostics } from '../src/p4c/diagnostics.js';
import { compileFile } from '../src/p4c/index.js';
import { emitP4Info } from '../src/p4c/p4info/index.js';
import { parseStf } from '../src/sim/stf/parser.js';
import { runStf } from '../src/sim/stf/runner.js';
import { createSwitchStfTarget } from '../src/sim/stf/switch-target.js';
import type { IrProgram } from '../src/p4c/ir.js';
import type { Switch } from '../src/sim/switch.js';

const root = fileURLToPath(new URL('../', import.meta.url));

export interface Workload {
  port: number;
  bytes: Uint8Array;
  /** Packets the switch must emit per input packet. */
  outputsPerPacket: number;
}

export function vectorText(name: string): string {
  return readFileSync(`${root}test/stf/${name}`, 'utf8');
}

let program: { ir: IrProgram; p4info: Record<string, unknown> } | undefined;

/** softmesh.p4 compiled once per process. */
function softmesh(): { ir: IrProgram; p4info: Record<string, unknown> } {
  if (program) return program;
  const compiled = compileFile(`${root}p4/v1model/softmesh.p4`);
  if (!compiled.ir) throw new Error(compiled.diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
  program = { ir: compiled.ir, p4info: emitP4Info(compiled.ir, new Diagnostics()) as Record<string, unknown> };
  return program;
}

/** A switch running softmesh.p4 after `stfText` ran on it green; the `packet` statements of the text, in order. */
export async function loadWithVector(stfText: string): Promise<{ device: Switch; packets: { port: number; bytes: Uint8Array }[] }> {
  const { ir, p4info } = softmesh();
  const created = createSwitchStfTarget(ir, p4info);
  if (!created.ok) throw new Error(created.error);
  const report = await runStf(stfText, created.target);
  if (report.failed > 0) throw new Error(`the setup vector fails:\n${report.text}`);
  const packets = parseStf(stfText).statements.flatMap((statement) => (statement.kind === 'packet' ? [{ port: statement.port, bytes: statement.data }] : []));
  return { device: created.device, packets };
}

export interface LoadedWorkload {
  device: Switch;
  workload: Workload;
}

/** P2MP branch LSR with `branches` replicas on ports 3, 4, ...: test/stf/p2mp_branch.stf with the group widened. */
function p2mpBranchVector(branches: number): string {
  const base = vectorText('p2mp_branch.stf')
    .split('\n')
    .filter((line) => !/^(mc_|add p2mp_replicas|expect|check_counter)/.test(line));
  const group: string[] = ['mc_mgrp_create 7'];
  for (let branch = 1; branch <= branches; branch++) {
    const port = 2 + branch;
    const mac = `0x0200000000${port.toString(16).padStart(2, '0')}`;
    group.push(`mc_node_create ${branch} ${port}`, `mc_node_associate 7 ${branch - 1}`);
    group.push(`add p2mp_replicas meta.egress_port:${port} meta.egress_rid:${branch} replica_swap(label:${500 + branch}, dst_mac:${mac}, src_mac:0x0200000000aa)`);
    group.push(`expect ${port}`);
  }
  // Group and replica entries before the vector's packet lines.
  const firstPacket = base.findIndex((line) => line.startsWith('packet'));
  return [...base.slice(0, firstPacket), ...group, ...base.slice(firstPacket)].join('\n');
}

/** The benchmarked workloads by name (bench/dataplane-<name>.ts), each on its own fresh switch. */
export const workloads: Record<string, () => Promise<LoadedWorkload>> = {
  // Ingress AFBR: IPv4 from a client port into an RFC 2473 4in6 softwire (uniform), outer routed to the core.
  'encap-4in6': async () => {
    const { device, packets } = await loadWithVector(vectorText('encap_ipv4_in_ipv6.stf'));
    return { device, workload: { ...packets[0], outputsPerPacket: 1 } };
  },
  // Egress AFBR: RFC 4213 6in4 from an authorised endpoint, decapsulated and routed in the E-IP table in one pass.
  'decap-6in4': async () => {
    const { device, packets } = await loadWithVector(vectorText('decap_ip_in_ip.stf'));
    // The vector's 6in4 packet: Ethernet type IPv4, IP protocol 41.
    const sixInFour = packets.find((packet) => packet.bytes[12] === 0x08 && packet.bytes[13] === 0x00 && packet.bytes[23] === 41);
    if (!sixInFour) throw new Error('decap_ip_in_ip.stf has no IPv6-in-IPv4 packet');
    return { device, workload: { ...sixInFour, outputsPerPacket: 1 } };
  },
  // Ingress AFBR: IPv6 into a GRE softwire with an RFC 2890 key over IPv4.
  'gre-key': async () => {
    const { device, packets } = await loadWithVector(vectorText('encap_gre.stf'));
    return { device, workload: { ...packets[0], outputsPerPacket: 1 } };
  },
  // Transit LSR: label 100 swapped to 200 over a two-label stack.
  'mpls-swap': async () => {
    const { device, packets } = await loadWithVector(vectorText('mpls_lsr.stf'));
    return { device, workload: { ...packets[0], outputsPerPacket: 1 } };
  },
  // RFC 4875 branch LSR: one labelled packet in, 8 replicas each swapped to its own label and MACs.
  'p2mp-8': async () => {
    const { device, packets } = await loadWithVector(p2mpBranchVector(8));
    return { device, workload: { ...packets[0], outputsPerPacket: 8 } };
  },
};

/** Checks `count` packets of the workload (output count per packet); returns the outputs of the last one. */
export function runWorkload(name: string, { device, workload }: LoadedWorkload, count: number): { port: number; bytes: Uint8Array }[] {
  let outputs = 0;
  let last: { port: number; bytes: Uint8Array }[] = [];
  for (let index = 0; index < count; index++) {
    last = device.processPacket(workload.port, workload.bytes);
    outputs += last.length;
  }
  if (outputs !== count * workload.outputsPerPacket) throw new Error(`${name}: ${outputs} outputs for ${count} packets, expected ${workload.outputsPerPacket} each`);
  return last;
}

/** The whole benchmark: load, then measure; bench/dataplane-<name>.ts is this one call. */
export async function benchmark(name: string): Promise<void> {
  const loaded = await workloads[name]();
  measure(name, loaded);
}

/** Runs the workload for about `seconds` and prints the benchmark's one JSON line. */
export function measure(name: string, loaded: LoadedWorkload, seconds = 3): void {
  const { workload } = loaded;
  runWorkload(name, loaded, 5_000); // warm-up: let the JIT settle before timing
  const batch = 2_000;
  let packets = 0;
  // CPU time as well as wall time: the benchmark machine is shared (as bench/sim-ipv4.ts).
  const cpuStarted = process.cpuUsage();
  const started = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds) {
    runWorkload(name, loaded, batch);
    packets += batch;
    elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  }
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const line: Record<string, string | number> = { bench: `dataplane-${name}`, pps: Math.round(packets / elapsed), cpu_pps: Math.round(packets / cpuSeconds) };
  if (workload.outputsPerPacket !== 1) line.output_pps = Math.round((packets * workload.outputsPerPacket) / elapsed);
  line.bytes = workload.bytes.length;
  process.stdout.write(JSON.stringify(line) + '\n');
}
