// Embedded switch throughput on a simple IPv4 router (v1model): parse
// Ethernet/IPv4, verify checksum, LPM lookup over 1000 prefixes, rewrite MACs
// and TTL, update checksum, deparse. Prints one JSON line.

import { compileSources } from '../src/p4c/index.js';
import type { TableEntryState } from '../src/sim/entries.js';
import { csum16 } from '../src/sim/externs/hash.js';
import { Switch } from '../src/sim/switch.js';

const ROUTER = `#include <core.p4>
#include <v1model.p4>
header ethernet_t { bit<48> dstAddr; bit<48> srcAddr; bit<16> etherType; }
header ipv4_t {
  bit<4> version; bit<4> ihl; bit<8> diffserv; bit<16> totalLen; bit<16> identification;
  bit<3> flags; bit<13> fragOffset; bit<8> ttl; bit<8> protocol; bit<16> hdrChecksum;
  bit<32> srcAddr; bit<32> dstAddr;
}
struct metadata { }
struct headers { ethernet_t ethernet; ipv4_t ipv4; }
parser P(packet_in packet, out headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  state start { packet.extract(hdr.ethernet); transition select(hdr.ethernet.etherType) { 0x0800: ipv4; default: accept; } }
  state ipv4 { packet.extract(hdr.ipv4); transition accept; }
}
control V(inout headers hdr, inout metadata meta) {
  apply {
    verify_checksum(hdr.ipv4.isValid(), { hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.diffserv, hdr.ipv4.totalLen,
      hdr.ipv4.identification, hdr.ipv4.flags, hdr.ipv4.fragOffset, hdr.ipv4.ttl, hdr.ipv4.protocol,
      hdr.ipv4.srcAddr, hdr.ipv4.dstAddr }, hdr.ipv4.hdrChecksum, HashAlgorithm.csum16);
  }
}
control I(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  action drop() { mark_to_drop(sm); }
  action forward(bit<48> dmac, bit<48> smac, bit<9> port) {
    sm.egress_spec = port; hdr.ethernet.srcAddr = smac; hdr.ethernet.dstAddr = dmac; hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
  }
  table routes { key = { hdr.ipv4.dstAddr: lpm; } actions = { forward; drop; } size = 4096; default_action = drop(); }
  apply { if (hdr.ipv4.isValid() && hdr.ipv4.ttl > 1) { routes.apply(); } else { drop(); } }
}
control E(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) { apply { } }
control C(inout headers hdr, inout metadata meta) {
  apply {
    update_checksum(hdr.ipv4.isValid(), { hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.diffserv, hdr.ipv4.totalLen,
      hdr.ipv4.identification, hdr.ipv4.flags, hdr.ipv4.fragOffset, hdr.ipv4.ttl, hdr.ipv4.protocol,
      hdr.ipv4.srcAddr, hdr.ipv4.dstAddr }, hdr.ipv4.hdrChecksum, HashAlgorithm.csum16);
  }
}
control D(packet_out packet, in headers hdr) { apply { packet.emit(hdr.ethernet); packet.emit(hdr.ipv4); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`;

const compiled = compileSources({ 'router.p4': ROUTER }, 'router.p4');
if (!compiled.ir) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
const created = Switch.create(compiled.ir, { clock: () => 0n });
if (!created.ok) throw new Error(created.problems.join('\n'));
const sw = created.switch;
const table = sw.tableByName('I.routes')!;
const forward = sw.actionId('I.forward')!;
for (let i = 0; i < 1000; i++) {
  const prefixLen = [16, 24, 32][i % 3];
  const value = BigInt((0x0a000000 + i * 0x10000 + (i % 7) * 0x100) >>> 0) & (((1n << BigInt(prefixLen)) - 1n) << BigInt(32 - prefixLen));
  const entry: TableEntryState = {
    tableId: table.spec.tableId,
    match: [{ kind: 'lpm', value, prefixLen }],
    priority: 0,
    action: { kind: 'action', action: { actionId: forward, params: [0x020000000001n + BigInt(i), 0x020000000100n, BigInt(1 + (i % 8))] } },
    controllerMetadata: 0n,
    metadata: new Uint8Array(),
    idleTimeoutNs: 0n,
    counter: { byteCount: 0n, packetCount: 0n },
    lastHitNs: 0n,
    isConst: false,
  };
  table.insert(entry);
}

const packets: Uint8Array[] = [];
for (let i = 0; i < 256; i++) {
  const ip = new Uint8Array(20);
  const view = new DataView(ip.buffer);
  view.setUint16(0, 0x4500);
  view.setUint16(2, 46 + 20);
  ip[8] = 64;
  ip[9] = 17;
  view.setUint32(12, 0xc0a80001);
  view.setUint32(16, (0x0a000000 + (i % 200) * 0x10000 + ((i % 200) % 7) * 0x100) >>> 0);
  view.setUint16(10, csum16(ip));
  const packet = new Uint8Array(14 + 20 + 46);
  packet.set([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0x08, 0x00]);
  packet.set(ip, 14);
  packets.push(packet);
}

let forwarded = 0;
for (let i = 0; i < 20_000; i++) forwarded += sw.processPacket(1, packets[i & 255]).length; // warm-up
const count = 200_000;
forwarded = 0;
// CPU time as well as wall time: the benchmark machine is shared, and CPU time is what the code costs.
const cpuStarted = process.cpuUsage();
const started = process.hrtime.bigint();
for (let i = 0; i < count; i++) forwarded += sw.processPacket(1, packets[i & 255]).length;
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
if (forwarded !== count) throw new Error(`only ${forwarded} of ${count} packets forwarded`);
process.stdout.write(
  JSON.stringify({ bench: 'sim-ipv4', pps: Math.round(count / seconds), cpu_pps: Math.round(count / cpuSeconds), prefixes: 1000 }) + '\n',
);
