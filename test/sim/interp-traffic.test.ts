import { describe, expect, it } from 'vitest';
import { crc16 } from '../../src/sim/externs/hash.js';
import { hex, load, toHex } from './interp-support.js';
import type { DigestData } from '../../src/sim/switch.js';

// The low byte of the destination MAC selects what the ingress does; header r
// reports what the pipeline saw, as bytes in front of the Ethernet header.
const PROGRAM = `
header eth_t { bit<48> dst; bit<48> src; bit<16> etherType; }
header r_t { bit<32> instanceType; bit<16> egressRid; bit<32> value; bit<8> inPort; }
struct headers { r_t r; eth_t eth; }
struct metadata {
  @field_list(1) bit<32> kept;
  bit<32> lost;
}
struct learn_t { bit<48> src; bit<9> port; }
parser P(packet_in packet, out headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  state start { packet.extract(hdr.eth); transition accept; }
}
control V(inout headers hdr, inout metadata meta) { apply { } }
control I(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  register<bit<32>, bit<32>>(8) regs;
  counter<bit<32>>(4, CounterType.packets_and_bytes) hits;
  action stop() { sm.egress_spec = 9; exit; }
  apply {
    hdr.r.setValid();
    hdr.r.inPort = (bit<8>)sm.ingress_port;
    sm.egress_spec = 1;
    bit<8> op = hdr.eth.dst[7:0];
    if (op == 1) {
      sm.mcast_grp = 5;
    } else if (op == 2) {
      meta.kept = 0x1234; meta.lost = 0x99;
      clone_preserving_field_list(CloneType.I2E, 7, 1);
    } else if (op == 3) {
      if (sm.instance_type == 0) {
        meta.kept = 0x42; meta.lost = 0x43;
        resubmit_preserving_field_list(1);
      } else {
        hdr.r.value = meta.kept + meta.lost;
        hdr.r.instanceType = sm.instance_type;
        sm.egress_spec = 3;
      }
    } else if (op == 4) {
      if (sm.instance_type == 4) { hdr.r.value = meta.kept; sm.egress_spec = 4; }
    } else if (op == 5) {
      digest<learn_t>(1, { hdr.eth.src, sm.ingress_port });
      hdr.eth.src = 0;
    } else if (op == 6) {
      bit<32> x;
      regs.read(x, 3);
      x = x + 1;
      regs.write(3, x);
      regs.read(hdr.r.value, 9);
      hdr.r.egressRid = (bit<16>)x;
      hits.count(2);
    } else if (op == 7) {
      hash(hdr.r.value, HashAlgorithm.crc16, 32w0, { hdr.eth.src }, 32w0xffffffff);
      hash(hdr.r.inPort, HashAlgorithm.crc16, 8w5, { hdr.eth.src }, 32w0);
      hash(hdr.r.egressRid, HashAlgorithm.crc16, 16w100, { hdr.eth.src }, 32w7);
    } else if (op == 8) {
      stop();
      sm.egress_spec = 1;
    } else if (op == 10) {
      truncate(20);
    } else if (op == 12) {
      mark_to_drop(sm);
    } else if (op == 15) {
      resubmit_preserving_field_list(1);
    } else if (op == 13) {
      if (sm.instance_type == 0) { meta.kept = 0x11; meta.lost = 0x22; resubmit({ meta.lost }); }
      else { hdr.r.value = meta.kept + meta.lost; sm.egress_spec = 3; }
    }
  }
}
control E(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  apply {
    bit<8> op = hdr.eth.dst[7:0];
    if (sm.instance_type != 4 && op != 3) {
      hdr.r.instanceType = sm.instance_type;
    }
    if (hdr.r.egressRid == 0) hdr.r.egressRid = sm.egress_rid;
    if (op == 2 && sm.instance_type == 1) hdr.r.value = meta.kept + meta.lost;
    // After recirculation the unicast copy is NORMAL again (BMv2), so the preserved field tells the passes apart.
    if (op == 4 && meta.kept == 0) { meta.kept = 7; meta.lost = 8; hdr.r.setInvalid(); recirculate_preserving_field_list(1); }
    if (op == 9 && sm.instance_type == 0) { meta.kept = 0x55; clone_preserving_field_list(CloneType.E2E, 8, 1); }
    if (op == 9 && sm.instance_type == 2) { hdr.r.value = meta.kept; }
    if (op == 11) { mark_to_drop(sm); }
    if (op == 0) { hdr.r.value = sm.packet_length; }
  }
}
control C(inout headers hdr, inout metadata meta) { apply { } }
control D(packet_out packet, in headers hdr) { apply { packet.emit(hdr.r); packet.emit(hdr.eth); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`;

const packet = (op: number) => hex(`0000000000${op.toString(16).padStart(2, '0')} 0a0b0c0d0e0f 0800 cafe`);
/** r header fields of an output packet. */
const report = (bytes: Uint8Array) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return { instanceType: view.getUint32(0), egressRid: view.getUint16(4), value: view.getUint32(6), inPort: bytes[10] };
};

describe('traffic manager (BMv2 simple_switch behaviour)', () => {
  it('unicast: instance_type NORMAL, egress_port from egress_spec, packet_length counts setValid headers', () => {
    const sw = load(PROGRAM);
    const [out] = sw.processPacket(6, packet(0));
    expect(out.port).toBe(1);
    // BMv2's add_header grows the packet-length register: 16 bytes received + 11 of r.
    expect(report(out.bytes)).toEqual({ instanceType: 0, egressRid: 0, value: 27, inPort: 6 });
    expect(toHex(out.bytes.subarray(11))).toBe(toHex(packet(0)));
  });
  it('multicast: one copy per replica, egress_rid = instance, instance_type REPLICATION', () => {
    const sw = load(PROGRAM);
    sw.pre.writeMulticastGroup('insert', { multicastGroupId: 5, replicas: [{ egressPort: 2, instance: 1 }, { egressPort: 3, instance: 1 }, { egressPort: 2, instance: 9 }], metadata: new Uint8Array() });
    const outs = sw.processPacket(6, packet(1));
    expect(outs.map((o) => [o.port, report(o.bytes).egressRid, report(o.bytes).instanceType])).toEqual([
      [2, 1, 5],
      [3, 1, 5],
      [2, 9, 5],
    ]);
    expect(load(PROGRAM).processPacket(6, packet(1))).toEqual([]); // unknown group: no copies
  });
  it('I2E clone: original forwarded, clone re-parsed with only the field list preserved', () => {
    const sw = load(PROGRAM);
    sw.pre.writeCloneSession('insert', { sessionId: 7, replicas: [{ egressPort: 8, instance: 2 }], classOfService: 0, packetLengthBytes: 0 });
    const outs = sw.processPacket(6, packet(2));
    expect(outs.map((o) => o.port)).toEqual([8, 1]);
    // The clone was parsed from the original packet: no r header, so egress sets it invalid → only eth.
    expect(toHex(outs[0].bytes)).toBe(toHex(packet(2)));
    expect(report(outs[1].bytes).instanceType).toBe(0);
    expect(load(PROGRAM).processPacket(6, packet(2)).length).toBe(1); // unconfigured session: no clone
  });
  it('E2E clone carries the egress headers and the preserved field list; truncates by session', () => {
    const sw = load(PROGRAM);
    sw.pre.writeCloneSession('insert', { sessionId: 8, replicas: [{ egressPort: 5, instance: 0 }], classOfService: 0, packetLengthBytes: 12 });
    const outs = sw.processPacket(6, packet(9));
    expect(outs.map((o) => o.port)).toEqual([1, 5]);
    expect(outs[1].bytes.length).toBe(12);
    expect(report(outs[1].bytes)).toMatchObject({ instanceType: 2, value: 0x55 });
  });
  it('resubmit: metadata reset except the field list, instance_type RESUBMIT in ingress', () => {
    const sw = load(PROGRAM);
    const [out] = sw.processPacket(6, packet(3));
    expect(out.port).toBe(3);
    expect(report(out.bytes)).toMatchObject({ instanceType: 6, value: 0x42, inPort: 0 });
  });
  it('deprecated resubmit(data) preserves exactly the metadata fields named in data', () => {
    const sw = load(PROGRAM);
    const [out] = sw.processPacket(6, packet(13));
    expect(out.port).toBe(3);
    expect(report(out.bytes).value).toBe(0x22);
  });
  it('a packet that resubmits forever is dropped after a bounded number of passes', () => {
    const sw = load(PROGRAM);
    const result = sw.process(6, packet(15));
    expect(result.outputs).toEqual([]);
    expect(result.errors).toEqual(['resubmit loop exceeded 16 passes; packet dropped']);
  });
  it('recirculate: the deparsed packet re-enters ingress with the field list', () => {
    const sw = load(PROGRAM);
    const [out] = sw.processPacket(6, packet(4));
    expect(out.port).toBe(4);
    expect(report(out.bytes)).toEqual({ instanceType: 0, egressRid: 0, value: 7, inPort: 0 });
    expect(toHex(out.bytes.subarray(11))).toBe(toHex(packet(4)));
  });
  it('digest: values as at the end of ingress, reported with the P4Info digest id', () => {
    const sw = load(PROGRAM);
    const digests: [number, DigestData][] = [];
    sw.onDigest = (id, data) => digests.push([id, data]);
    sw.processPacket(6, packet(5));
    expect(digests).toHaveLength(1);
    expect(digests[0][0]).toBe(sw.ids.digest.get('learn_t'));
    expect(digests[0][1]).toEqual({ kind: 'struct', members: [{ kind: 'bitstring', value: 0n }, { kind: 'bitstring', value: 6n }] });
  });
  it('registers and counters keep state across packets; out-of-range reads leave the destination', () => {
    const sw = load(PROGRAM);
    sw.processPacket(6, packet(6));
    const [out] = sw.processPacket(6, packet(6));
    expect(report(out.bytes)).toMatchObject({ egressRid: 2, value: 0 });
    const registerId = sw.ids.register.get('I.regs')!;
    expect(sw.register(registerId)!.read(3)).toBe(2n);
    const counterId = sw.ids.counter.get('I.hits')!;
    expect(sw.counter(counterId)!.read(2)).toEqual({ packetCount: 2n, byteCount: 2n * 16n });
  });
  it('hash: crc16 over the field list, base + h % max, max 0 gives base', () => {
    const sw = load(PROGRAM);
    const [out] = sw.processPacket(6, packet(7));
    const h = crc16(hex('0a0b0c0d0e0f'));
    expect(report(out.bytes)).toEqual({ instanceType: 0, value: h, egressRid: 100 + (h % 7), inPort: 5 });
  });
  it('exit in an action ends the control; truncate; mark_to_drop in ingress and egress', () => {
    const sw = load(PROGRAM);
    expect(sw.processPacket(6, packet(8))[0].port).toBe(9);
    expect(sw.processPacket(6, packet(10))[0].bytes.length).toBe(20);
    expect(sw.processPacket(6, packet(11))).toEqual([]);
    expect(sw.processPacket(6, packet(12))).toEqual([]);
  });
});
