import { describe, expect, it } from 'vitest';
import type { P4InfoIndex } from '../../src/p4rt/p4info-index.js';
import type { DigestValue, PipelineConfig } from '../../src/p4rt/target.js';
import { SimTarget } from '../../src/sim/target.js';
import type { OutputPacket } from '../../src/sim/switch.js';
import { hex, PRELUDE, toHex } from './interp-support.js';

const PROGRAM = `
@controller_header("packet_in") header packet_in_t { bit<9> ingress_port; bit<7> pad; }
@controller_header("packet_out") header packet_out_t { bit<9> egress_port; bit<7> pad; }
header eth_t { bit<48> dst; bit<48> src; bit<16> etherType; }
struct headers { packet_in_t packet_in; packet_out_t packet_out; eth_t eth; }
struct metadata { }
struct mac_learn_t { bit<48> src; }
parser P(packet_in packet, out headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  state start { transition select(sm.ingress_port) { 510: from_cpu; default: eth; } }
  state from_cpu { packet.extract(hdr.packet_out); transition eth; }
  state eth { packet.extract(hdr.eth); transition accept; }
}
control V(inout headers hdr, inout metadata meta) { apply { } }
control I(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  action forward(bit<9> port) { sm.egress_spec = port; }
  table l2 { key = { hdr.eth.dst: exact; } actions = { forward; NoAction; } default_action = NoAction(); }
  apply {
    if (hdr.packet_out.isValid()) {
      sm.egress_spec = hdr.packet_out.egress_port;
      hdr.packet_out.setInvalid();
    } else if (hdr.eth.etherType == 0x88cc) {
      sm.egress_spec = 510;
      hdr.packet_in.setValid();
      hdr.packet_in.ingress_port = sm.ingress_port;
    } else {
      digest<mac_learn_t>(1, { hdr.eth.src });
      if (!l2.apply().hit) { mark_to_drop(sm); }
    }
  }
}
control E(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) { apply { } }
control C(inout headers hdr, inout metadata meta) { apply { } }
control D(packet_out packet, in headers hdr) { apply { packet.emit(hdr.packet_in); packet.emit(hdr.eth); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`;

const TABLE_ID = 0x02000077;
const FORWARD_ID = 0x01000042;
const p4info = {
  tables: [{ preamble: { id: TABLE_ID, name: 'I.l2' } }],
  actions: [{ preamble: { id: FORWARD_ID, name: 'I.forward' } }],
  digests: [{ preamble: { id: 0x17000001, name: 'mac_learn_t' } }],
};

function pipeline(source = PROGRAM): PipelineConfig {
  return {
    p4info,
    index: {} as P4InfoIndex,
    deviceConfig: { format: 'softmesh-p4/1', main: 'main.p4', files: { 'main.p4': PRELUDE + source }, defines: {} },
  };
}

describe('SimTarget (ForwardingTarget over the embedded switch)', () => {
  it('rejects a program that does not compile, and an empty device config', () => {
    const target = new SimTarget();
    expect(target.verifyPipeline(pipeline('this is not P4')).code).toBe(3);
    expect(target.commitPipeline({ ...pipeline(), deviceConfig: { format: 'softmesh-p4/1', main: '', files: {}, defines: {} } }).code).toBe(3);
    expect(target.switch).toBeUndefined();
  });
  it('binds tables and actions by the P4Info ids and forwards with entries written through it', () => {
    const transmitted: OutputPacket[] = [];
    const target = new SimTarget({ transmit: (p) => transmitted.push(p), clock: () => 5n });
    expect(target.commitPipeline(pipeline()).code).toBe(0);
    const entry = {
      tableId: TABLE_ID, match: [{ kind: 'exact' as const, value: 0x0000000000aan }], priority: 0,
      action: { kind: 'action' as const, action: { actionId: FORWARD_ID, params: [4n] } },
      controllerMetadata: 0n, metadata: new Uint8Array(), idleTimeoutNs: 0n, counter: { byteCount: 0n, packetCount: 0n }, lastHitNs: 0n, isConst: false,
    };
    expect(target.insertTableEntry(entry).code).toBe(0);
    expect(target.insertTableEntry(entry).code).toBe(6); // ALREADY_EXISTS
    const packet = hex('0000000000aa 000000000001 0800 00');
    target.receive(1, packet);
    expect(transmitted.map((p) => [p.port, toHex(p.bytes)])).toEqual([[4, toHex(packet)]]);
    expect([...target.tableEntries(TABLE_ID)][0].lastHitNs).toBe(5n);
    expect(target.deleteTableEntry(TABLE_ID, entry.match, 0).code).toBe(0);
    expect(target.deleteTableEntry(TABLE_ID, entry.match, 0).code).toBe(5); // NOT_FOUND
    expect(target.getDefaultEntry(TABLE_ID)?.action).toMatchObject({ kind: 'action' });
  });
  it('PacketOut enters ingress on the CPU port; packets to the CPU port become PacketIns', () => {
    const transmitted: OutputPacket[] = [];
    const packetIns: [string, Map<number, bigint>][] = [];
    const target = new SimTarget({ transmit: (p) => transmitted.push(p) });
    target.commitPipeline(pipeline());
    target.subscribe({ packetIn: (payload, metadata) => packetIns.push([toHex(payload), metadata]), digest: () => undefined, idleTimeout: () => undefined });
    const frame = hex('0180c200000e 000000000002 88cc 0102');
    expect(target.transmitPacket(frame, new Map([[1, 3n]])).code).toBe(0);
    expect(transmitted.map((p) => [p.port, toHex(p.bytes)])).toEqual([[3, toHex(frame)]]);
    target.receive(2, frame);
    expect(packetIns).toEqual([[toHex(frame), new Map([[1, 2n], [2, 0n]])]]);
  });
  it('delivers digests only when the controller enabled them', () => {
    const digests: [number, DigestValue][] = [];
    const target = new SimTarget();
    target.commitPipeline(pipeline());
    target.subscribe({ packetIn: () => undefined, digest: (id, data) => digests.push([id, data]), idleTimeout: () => undefined });
    const packet = hex('0000000000bb 00000000000c 0800');
    target.receive(1, packet);
    expect(digests).toEqual([]);
    target.setDigestConfig(0x17000001, { maxTimeoutNs: 0n, maxListSize: 1, ackTimeoutNs: 0n });
    target.receive(1, packet);
    expect(digests).toEqual([[0x17000001, { kind: 'struct', members: [{ kind: 'bitstring', value: 0xcn }] }]]);
  });
});

const SELECTOR_PROGRAM = `
header eth_t { bit<48> dst; bit<48> src; bit<16> etherType; }
struct headers { eth_t eth; }
struct metadata { }
parser P(packet_in packet, out headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  state start { packet.extract(hdr.eth); transition accept; }
}
control V(inout headers hdr, inout metadata meta) { apply { } }
control I(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  action_selector(HashAlgorithm.crc16, 32w16, 32w14) spread;
  action to(bit<9> port) { sm.egress_spec = port; }
  table ecmp { key = { hdr.eth.dst: exact; hdr.eth.src: selector; } actions = { to; NoAction; } implementation = spread; default_action = NoAction(); }
  apply { ecmp.apply(); }
}
control E(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) { apply { } }
control C(inout headers hdr, inout metadata meta) { apply { } }
control D(packet_out packet, in headers hdr) { apply { packet.emit(hdr); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`;

describe('SimTarget action profiles', () => {
  it('members and groups: references are checked, in-use members and groups cannot be deleted', () => {
    const target = new SimTarget();
    expect(target.commitPipeline({ ...pipeline(SELECTOR_PROGRAM), p4info: {} }).code).toBe(0);
    const sw = target.switch!;
    const profileId = [...sw.ids.actionProfile.values()][0];
    const tableId = sw.ids.table.get('I.ecmp')!;
    const to = sw.actionId('I.to')!;
    const entry = {
      tableId, match: [{ kind: 'exact' as const, value: 0xaan }], priority: 0, action: { kind: 'group' as const, groupId: 1 },
      controllerMetadata: 0n, metadata: new Uint8Array(), idleTimeoutNs: 0n, counter: { byteCount: 0n, packetCount: 0n }, lastHitNs: 0n, isConst: false,
    };
    expect(target.insertTableEntry(entry).code).toBe(5); // NOT_FOUND: no such group yet
    expect(target.insertMember({ actionProfileId: profileId, memberId: 1, action: { actionId: to, params: [7n] } }).code).toBe(0);
    expect(target.insertMember({ actionProfileId: profileId, memberId: 1, action: { actionId: to, params: [7n] } }).code).toBe(6);
    expect(target.insertGroup({ actionProfileId: profileId, groupId: 1, members: [{ memberId: 1, weight: 1 }], maxSize: 4 }).code).toBe(0);
    expect(target.insertTableEntry(entry).code).toBe(0);
    expect(target.receive(1, hex('0000000000aa 000000000001 0800'))[0].port).toBe(7);
    expect(target.deleteMember(profileId, 1).code).toBe(9); // FAILED_PRECONDITION: in a group
    expect(target.deleteGroup(profileId, 1).code).toBe(9); // FAILED_PRECONDITION: used by an entry
    expect([...target.members(0)]).toHaveLength(1);
    expect([...target.groups(profileId)]).toHaveLength(1);
    expect(target.deleteTableEntry(tableId, entry.match, 0).code).toBe(0);
    expect(target.deleteGroup(profileId, 1).code).toBe(0);
    expect(target.deleteMember(profileId, 1).code).toBe(0);
  });
});

describe('P4Info id binding', () => {
  it('reads snake_case and camelCase P4Info objects alike', async () => {
    const { idsFromP4Info } = await import('../../src/sim/interpreter/runtime.js');
    const ids = idsFromP4Info({
      actionProfiles: [{ preamble: { id: 0x11000005, name: 'I.profile' } }],
      direct_counters: [{ preamble: { id: 0x13000001, name: 'I.hits' } }],
      controllerPacketMetadata: [{ preamble: { id: 0x04000001, name: 'packet_in' } }],
      tables: [{ preamble: { id: '33554433', name: 'I.t' } }],
    });
    expect(ids.actionProfile.get('I.profile')).toBe(0x11000005);
    expect(ids.directCounter.get('I.hits')).toBe(0x13000001);
    expect(ids.controllerHeader.get('packet_in')).toBe(0x04000001);
    expect(ids.table.get('I.t')).toBe(33554433);
  });
});
