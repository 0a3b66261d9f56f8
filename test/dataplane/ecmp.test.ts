// ECMP through the `ecmp_groups` action selector of p4/v1model/softmesh.p4 on
// the embedded switch. STF has no command for action-profile members and
// groups, so this test writes them by P4Info id, as the P4Runtime server does
// (src/sim/entries.ts), after an STF script has set up ports, router MAC,
// next hops and the E-IP routes that point at the groups.
//
// Selector semantics (BMv2 simple_switch, which the embedded switch follows):
// the member is `members[hash(selector fields) % member count]`, members in
// handle (creation) order; here the selector field is meta.flow_hash, itself a
// CRC-16 of the 5-tuple (IPv4) or addresses + flow label + next header + ports
// (IPv6, RFC 6438 §3), and the selector hash is BMv2's crc16 (CRC-16/ARC).
// Hash modulo count is not resilient hashing: shrinking a group from 4 to 3
// members re-deals flows of the surviving members too. Only replacing the dead
// member in place (same member count, member action rewritten) moves just that
// member's flows — the test proves both, with an independent CRC-16 oracle.

import { beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/p4c/diagnostics.js';
import { compileFile } from '../../src/p4c/index.js';
import type { IrProgram } from '../../src/p4c/ir.js';
import { emitP4Info } from '../../src/p4c/p4info/index.js';
import { runStf } from '../../src/sim/stf/runner.js';
import { createSwitchStfTarget } from '../../src/sim/stf/switch-target.js';
import type { Switch } from '../../src/sim/switch.js';

const program = new URL('../../p4/v1model/softmesh.p4', import.meta.url).pathname;

interface Preamble {
  preamble: { id: number; name: string; alias?: string };
}

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

function idOf(kind: 'tables' | 'actions' | 'action_profiles', alias: string): number {
  const list = (p4info[kind] ?? []) as Preamble[];
  const found = list.find((object) => object.preamble.alias === alias || object.preamble.name.endsWith(`.${alias}`));
  if (!found) throw new Error(`P4Info has no ${kind} ${alias}`);
  return found.preamble.id;
}

// ---------------------------------------------------------------- the oracle

/** CRC-16/ARC (BMv2 `crc16`): reflected polynomial 0xA001, init 0, no final xor. */
function crc16(bytes: readonly number[]): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

const be16 = (value: number) => [(value >> 8) & 0xff, value & 0xff];
const ipv4Bytes = (address: string) => address.split('.').map(Number);

/** Index into the group's member list that BMv2 picks for an IPv4 UDP flow. */
function expectedIndex(flow: Ipv4Flow, members: number): number {
  // hash(meta.flow_hash, crc16, 0, {src, dst, protocol, src port, dst port}, 65536): byte-aligned fields, in order.
  const flowHash = crc16([...ipv4Bytes(flow.source), ...ipv4Bytes(flow.destination), 17, ...be16(flow.sourcePort), ...be16(flow.destinationPort)]);
  // The selector hashes its key (meta.flow_hash, 16 bits) again and takes it modulo the member count.
  return crc16(be16(flowHash)) % members;
}

// ------------------------------------------------------------------ packets

interface Ipv4Flow {
  source: string;
  destination: string;
  sourcePort: number;
  destinationPort: number;
}

const routerMac = [0x02, 0, 0, 0, 0, 0xaa];
const clientMac = [0x02, 0, 0, 0, 0x01, 0x01];

function checksum(header: number[]): number {
  let sum = 0;
  for (let i = 0; i < header.length; i += 2) sum += (header[i] << 8) | header[i + 1];
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function udp(sourcePort: number, destinationPort: number): number[] {
  return [...be16(sourcePort), ...be16(destinationPort), 0, 12, 0, 0, 0x73, 0x6d, 0x65, 0x73]; // checksum 0 (RFC 768: none)
}

function ipv4Packet(flow: Ipv4Flow): Uint8Array {
  const payload = udp(flow.sourcePort, flow.destinationPort);
  const header = [0x45, 0, ...be16(20 + payload.length), 0x12, 0x34, 0, 0, 64, 17, 0, 0, ...ipv4Bytes(flow.source), ...ipv4Bytes(flow.destination)];
  header.splice(10, 2, ...be16(checksum(header)));
  return Uint8Array.from([...routerMac, ...clientMac, 0x08, 0x00, ...header, ...payload]);
}

function ipv6Packet(flowLabel: number, sourcePort = 1000): Uint8Array {
  const payload = udp(sourcePort, 2000);
  const source = [0x20, 0x01, 0x0d, 0xb8, 0, 1, ...new Array<number>(9).fill(0), 1]; // 2001:db8:1::1
  const destination = [0x20, 0x01, 0x0d, 0xb8, 0, 2, ...new Array<number>(9).fill(0), 1]; // 2001:db8:2::1
  const first = [0x60, (flowLabel >> 16) & 0x0f, (flowLabel >> 8) & 0xff, flowLabel & 0xff];
  return Uint8Array.from([...routerMac, ...clientMac, 0x86, 0xdd, ...first, ...be16(payload.length), 17, 64, ...source, ...destination, ...payload]);
}

// -------------------------------------------------------------------- setup

// Client port 1 sends; next hop N leaves on port N. 198.51.100.0/24 and 2001:db8:2::/48 use group 1 (next hops 2, 3),
// 100.64.0.0/16 uses group 2 (next hops 2, 3, 5, 6).
const SETUP = `
add port_roles meta.ingress_port:1 meta.vlan_id:0 set_port_role(role:1)
add router_macs hdr.ethernet.dst_addr:0x0200000000aa router_mac_hit()
add nexthops meta.nexthop_id:2 set_nexthop(port:2, dst_mac:0x020000000202, src_mac:0x0200000000aa)
add nexthops meta.nexthop_id:3 set_nexthop(port:3, dst_mac:0x020000000303, src_mac:0x0200000000aa)
add nexthops meta.nexthop_id:5 set_nexthop(port:5, dst_mac:0x020000000505, src_mac:0x0200000000aa)
add nexthops meta.nexthop_id:6 set_nexthop(port:6, dst_mac:0x020000000606, src_mac:0x0200000000aa)
add eip_ipv4_routes hdr.ipv4.dst_addr:0xc6336400/24 route_ecmp(group_id:1)
add eip_ipv6_routes hdr.ipv6.dst_addr:0x20010db8000200000000000000000000/48 route_ecmp(group_id:1)
add eip_ipv4_routes hdr.ipv4.dst_addr:0x64400000/16 route_ecmp(group_id:2)
`;

interface Ecmp {
  device: Switch;
  /** Writes a group of next hops; member ids are next hop id + 100 * group. */
  writeGroup(groupId: number, nexthops: number[], kind?: 'insert' | 'modify'): void;
  /** Rewrites member `memberId` to send to another next hop (in-place replacement). */
  repointMember(memberId: number, nexthop: number): void;
  /** Egress port of one packet (fails the test unless exactly one copy leaves). */
  portOf(packet: Uint8Array): number;
}

async function ecmpSwitch(): Promise<Ecmp> {
  const created = createSwitchStfTarget(ir, p4info, { cpuPort: 510 });
  if (!created.ok) throw new Error(created.error);
  const report = await runStf(SETUP, created.target);
  expect(report.failures, report.text).toEqual([]);
  const device = created.device;
  const profileId = idOf('action_profiles', 'ecmp_groups');
  const actionId = idOf('actions', 'set_ecmp_nexthop');
  const tableId = idOf('tables', 'ecmp_groups');
  const profile = device.actionProfile(profileId);
  const table = device.table(tableId);
  if (!profile || !table) throw new Error('ecmp_groups selector or table missing on the switch');
  const member = (groupId: number, nexthop: number) => groupId * 100 + nexthop;

  return {
    device,
    writeGroup(groupId, nexthops, kind = 'insert') {
      for (const nexthop of nexthops) {
        if (profile.member(member(groupId, nexthop))) continue;
        expect(profile.insertMember({ actionProfileId: profileId, memberId: member(groupId, nexthop), action: { actionId, params: [BigInt(nexthop)] } })).toEqual({ ok: true });
      }
      const group = { actionProfileId: profileId, groupId, members: nexthops.map((nexthop) => ({ memberId: member(groupId, nexthop), weight: 1 })), maxSize: 16 };
      expect(kind === 'insert' ? profile.insertGroup(group) : profile.modifyGroup(group)).toEqual({ ok: true });
      if (kind === 'insert') {
        const written = table.insert({
          tableId,
          match: [{ kind: 'exact', value: BigInt(groupId) }],
          priority: 0,
          action: { kind: 'group', groupId },
          controllerMetadata: 0n,
          metadata: new Uint8Array(0),
          idleTimeoutNs: 0n,
          counter: { byteCount: 0n, packetCount: 0n },
          lastHitNs: 0n,
          isConst: false,
        });
        expect(written).toEqual({ ok: true });
      }
    },
    repointMember(memberId, nexthop) {
      expect(profile.modifyMember({ actionProfileId: profileId, memberId, action: { actionId, params: [BigInt(nexthop)] } })).toEqual({ ok: true });
    },
    portOf(packet) {
      const outputs = device.processPacket(1, packet);
      expect(outputs.map((output) => output.port)).toHaveLength(1);
      return outputs[0].port;
    },
  };
}

const flows = (destination: (i: number) => string, count: number): Ipv4Flow[] =>
  Array.from({ length: count }, (_, i) => ({ source: `192.0.2.${1 + (i % 200)}`, destination: destination(i), sourcePort: 1024 + i * 7, destinationPort: 80 + (i % 3) }));

function tally(ports: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const port of ports) counts.set(port, (counts.get(port) ?? 0) + 1);
  return counts;
}

describe('ECMP action selector (ecmp_groups) on the embedded switch', () => {
  it('spreads flows over both members of a 2-member group, within bounds, as hash % 2 predicts', async () => {
    const ecmp = await ecmpSwitch();
    ecmp.writeGroup(1, [2, 3]);
    const sample = flows((i) => `198.51.100.${1 + (i % 250)}`, 400);
    const ports = sample.map((flow) => ecmp.portOf(ipv4Packet(flow)));
    const counts = tally(ports);
    expect([...counts.keys()].sort()).toEqual([2, 3]);
    // 400 flows, fair share 200: a hash that favours one member by more than 20% fails.
    for (const count of counts.values()) expect(count).toBeGreaterThanOrEqual(160);
    expect(ports).toEqual(sample.map((flow) => [2, 3][expectedIndex(flow, 2)]));
  });

  it('spreads flows over all four members of a 4-member group and keeps every flow on its member', async () => {
    const ecmp = await ecmpSwitch();
    ecmp.writeGroup(2, [2, 3, 5, 6]);
    const sample = flows((i) => `100.64.${i % 16}.${1 + (i % 250)}`, 400);
    const first = sample.map((flow) => ecmp.portOf(ipv4Packet(flow)));
    const counts = tally(first);
    expect([...counts.keys()].sort()).toEqual([2, 3, 5, 6]);
    for (const count of counts.values()) {
      expect(count).toBeGreaterThanOrEqual(60); // fair share 100
      expect(count).toBeLessThanOrEqual(140);
    }
    // A flow is pinned to its member: the same packets again, in reverse order, take the same ports.
    const again = [...sample].reverse().map((flow) => ecmp.portOf(ipv4Packet(flow))).reverse();
    expect(again).toEqual(first);
    expect(first).toEqual(sample.map((flow) => [2, 3, 5, 6][expectedIndex(flow, 4)]));
  });

  it('hashes the IPv6 flow label: flows differing only in their label use every member, each label sticks', async () => {
    const ecmp = await ecmpSwitch();
    ecmp.writeGroup(1, [2, 3]);
    const labels = Array.from({ length: 64 }, (_, i) => 0x10000 + i * 0x111);
    const ports = labels.map((label) => ecmp.portOf(ipv6Packet(label)));
    const counts = tally(ports);
    expect([...counts.keys()].sort()).toEqual([2, 3]);
    for (const count of counts.values()) expect(count).toBeGreaterThanOrEqual(16); // fair share 32
    expect(labels.map((label) => ecmp.portOf(ipv6Packet(label)))).toEqual(ports);
    // Without a flow label the 5-tuple still decides.
    const unlabelled = Array.from({ length: 32 }, (_, i) => ecmp.portOf(ipv6Packet(0, 1000 + i)));
    expect(new Set(unlabelled).size).toBe(2);
  });

  it('member removal: shrinking the group re-deals by hash % 3 (BMv2 semantics); in-place replacement moves only that member', async () => {
    const ecmp = await ecmpSwitch();
    ecmp.writeGroup(2, [2, 3, 5, 6]);
    const sample = flows((i) => `100.64.${i % 16}.${1 + (i % 250)}`, 400);
    const before = sample.map((flow) => ecmp.portOf(ipv4Packet(flow)));

    // Next hop 5 fails. Option 1, what the selector semantics allow without disturbing
    // anyone else: keep four members and point the dead one at a survivor (next hop 6).
    ecmp.repointMember(205, 6);
    const replaced = sample.map((flow) => ecmp.portOf(ipv4Packet(flow)));
    sample.forEach((_, i) => expect(replaced[i]).toBe(before[i] === 5 ? 6 : before[i]));

    // Option 2, shrinking the group to three members: nothing goes to the dead next
    // hop, every flow is still deterministic, and (hash % 3 instead of % 4) some flows
    // of surviving members move too — the price of modulo selection.
    ecmp.repointMember(205, 5);
    ecmp.writeGroup(2, [2, 3, 6], 'modify');
    const shrunk = sample.map((flow) => ecmp.portOf(ipv4Packet(flow)));
    expect(shrunk).not.toContain(5);
    expect(shrunk).toEqual(sample.map((flow) => [2, 3, 6][expectedIndex(flow, 3)]));
    const disturbed = sample.filter((_, i) => before[i] !== 5 && shrunk[i] !== before[i]).length;
    expect(disturbed).toBeGreaterThan(0);
    expect(sample.map((flow) => ecmp.portOf(ipv4Packet(flow)))).toEqual(shrunk);
  });
});
