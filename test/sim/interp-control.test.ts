import { describe, expect, it } from 'vitest';
import { crc16 } from '../../src/sim/externs/hash.js';
import { addEntry, hex, load, toHex } from './interp-support.js';

// Control-flow features: switch on action_run, hit/miss, functions with
// return, sub-controls with copy-in/copy-out, header unions, stacks, selectors.
const PROGRAM = `
header eth_t { bit<48> dst; bit<48> src; bit<16> etherType; }
header out_t { bit<8> a; bit<8> b; bit<8> c; bit<8> d; }
header v4_t { bit<32> addr; }
header v6_t { bit<64> addr; }
header_union ip_u { v4_t v4; v6_t v6; }
header tag_t { bit<8> value; }
struct headers { out_t o; eth_t eth; ip_u ip; tag_t[3] tags; }
struct metadata { bit<8> x; }

bit<8> double_it(in bit<8> v) { return v + v; }

control Bump(inout bit<8> value, in bit<8> by) {
  apply { value = value + by; if (value > 100) { exit; } value = value + 1; }
}

parser P(packet_in packet, out headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  state start {
    packet.extract(hdr.eth);
    transition select(hdr.eth.etherType) { 0x0004: v4; 0x0006: v6; default: accept; }
  }
  state v4 { packet.extract(hdr.ip.v4); transition accept; }
  state v6 { packet.extract(hdr.ip.v6); transition accept; }
}
control V(inout headers hdr, inout metadata meta) { apply { } }
control I(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  Bump() bump;
  action set_a(bit<8> v) { hdr.o.a = v; }
  action set_b(bit<8> v) { hdr.o.b = v; }
  action pick(bit<9> port) { sm.egress_spec = port; }
  table t {
    key = { hdr.eth.dst[7:0]: exact; }
    actions = { set_a; set_b; NoAction; }
    default_action = NoAction();
  }
  table ecmp {
    key = { hdr.eth.dst[15:8]: exact; hdr.eth.src: selector; }
    actions = { pick; }
    implementation = action_selector(HashAlgorithm.crc16, 32w64, 32w14);
  }
  table acl {
    key = { hdr.eth.src[7:0]: ternary; hdr.eth.etherType: range; }
    actions = { set_a; NoAction; }
    const entries = {
      (0x01 &&& 0xff, 0x0000 .. 0x00ff): set_a(11);
      (_, 0x0000 .. 0xffff): set_a(22);
    }
    default_action = NoAction();
  }
  apply {
    hdr.o.setValid();
    sm.egress_spec = 1;
    switch (t.apply().action_run) {
      set_a: { hdr.o.c = 1; }
      set_b: { hdr.o.c = 2; }
      default: { hdr.o.c = 3; }
    }
    if (t.apply().hit) { hdr.o.d = 0x80; } else { hdr.o.d = 0x40; }
    if (hdr.eth.dst[23:16] == 1) { hdr.o.b = double_it(21); }
    if (hdr.eth.dst[23:16] == 2) { bit<8> v = 50; bump.apply(v, 10); hdr.o.b = v; }
    if (hdr.eth.dst[23:16] == 3) { bit<8> v = 95; bump.apply(v, 10); hdr.o.b = v; }
    if (hdr.eth.dst[23:16] == 4) {
      if (hdr.ip.isValid()) { hdr.o.b = 1; }
      if (hdr.ip.v6.isValid()) { hdr.o.b = 6; hdr.ip.v4.setValid(); hdr.ip.v4.addr = 0x01020304; }
    }
    if (hdr.eth.dst[23:16] == 5) {
      hdr.tags.push_front(2);
      hdr.tags[0].setValid(); hdr.tags[0].value = 0xa0;
      hdr.tags[1].setValid(); hdr.tags[1].value = 0xa1;
      hdr.tags.pop_front(1);
      hdr.o.b = (bit<8>)hdr.tags.lastIndex;
    }
    if (hdr.eth.dst[23:16] == 6) { ecmp.apply(); }
    if (hdr.eth.dst[23:16] == 7) { acl.apply(); }
  }
}
control E(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) { apply { } }
control C(inout headers hdr, inout metadata meta) { apply { } }
control D(packet_out packet, in headers hdr) { apply { packet.emit(hdr.o); packet.emit(hdr.eth); packet.emit(hdr.ip); packet.emit(hdr.tags); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`;

const packet = (test: number, key: number, src = '0a0b0c0d0e0f', type = '0800', rest = '') =>
  hex(`000000${test.toString(16).padStart(2, '0')}00${key.toString(16).padStart(2, '0')} ${src} ${type} ${rest}`);
const o = (bytes: Uint8Array) => [...bytes.subarray(0, 4)];

describe('control flow (P4_16 §12-§14)', () => {
  it('switch on action_run and hit/miss', () => {
    const sw = load(PROGRAM);
    addEntry(sw, 'I.t', [{ kind: 'exact', value: 1n }], 'I.set_a', [7n]);
    addEntry(sw, 'I.t', [{ kind: 'exact', value: 2n }], 'I.set_b', [9n]);
    expect(o(sw.processPacket(1, packet(0, 1))[0].bytes)).toEqual([7, 0, 1, 0x80]);
    expect(o(sw.processPacket(1, packet(0, 2))[0].bytes)).toEqual([0, 9, 2, 0x80]);
    expect(o(sw.processPacket(1, packet(0, 3))[0].bytes)).toEqual([0, 0, 3, 0x40]);
  });
  it('functions return values; sub-controls copy in/out and exit ends the caller too', () => {
    const sw = load(PROGRAM);
    expect(o(sw.processPacket(1, packet(1, 0))[0].bytes)[1]).toBe(42);
    expect(o(sw.processPacket(1, packet(2, 0))[0].bytes)[1]).toBe(61);
    // exit inside Bump: copy-out still happens (v = 105) and the rest of ingress is skipped.
    expect(o(sw.processPacket(1, packet(3, 0))[0].bytes)[1]).toBe(0);
  });
  it('header unions: isValid over members; setValid of one member invalidates the other', () => {
    const sw = load(PROGRAM);
    const v6 = sw.processPacket(1, packet(4, 0, '0a0b0c0d0e0f', '0006', '1122334455667788'))[0].bytes;
    expect(o(v6)[1]).toBe(6);
    expect(toHex(v6.subarray(4 + 14))).toBe('01020304');
    const v4 = sw.processPacket(1, packet(4, 0, '0a0b0c0d0e0f', '0004', '0a000001'))[0].bytes;
    expect(o(v4)[1]).toBe(1);
  });
  it('stacks: push_front shifts and leaves new elements invalid; pop_front shifts down', () => {
    const sw = load(PROGRAM);
    const bytes = sw.processPacket(1, packet(5, 0))[0].bytes;
    // After push_front(2), [0]=a0 and [1]=a1 set valid; pop_front(1) leaves [0]=a1; nextIndex 2→1 so lastIndex = 0.
    expect(o(bytes)[1]).toBe(0);
    expect(toHex(bytes.subarray(4 + 14))).toBe('a1');
  });
  it('action selector: member = crc16(selector fields) % group size; one-shot too', () => {
    const sw = load(PROGRAM);
    const profileId = sw.ids.actionProfile.get('I.ecmp_selector') ?? [...sw.ids.actionProfile.values()][0];
    const profile = sw.actionProfile(profileId)!;
    const pick = sw.actionId('I.pick')!;
    for (const member of [1, 2, 3]) profile.insertMember({ actionProfileId: profileId, memberId: member, action: { actionId: pick, params: [BigInt(10 + member)] } });
    profile.insertGroup({ actionProfileId: profileId, groupId: 1, members: [1, 2, 3].map((memberId) => ({ memberId, weight: 1 })), maxSize: 8 });
    const ecmp = sw.tableByName('I.ecmp')!;
    ecmp.insert({
      tableId: ecmp.spec.tableId, match: [{ kind: 'exact', value: 0n }], priority: 0, action: { kind: 'group', groupId: 1 },
      controllerMetadata: 0n, metadata: new Uint8Array(), idleTimeoutNs: 0n, counter: { byteCount: 0n, packetCount: 0n }, lastHitNs: 0n, isConst: false,
    });
    for (const src of ['0a0b0c0d0e0f', '000000000001', 'ffffffffffff', '123456789abc']) {
      const expected = 11 + (crc16(hex(src)) % 3);
      expect(sw.processPacket(1, packet(6, 0, src))[0].port).toBe(expected);
    }
  });
  it('const entries: ternary/range with priority by order', () => {
    const sw = load(PROGRAM);
    expect(o(sw.processPacket(1, packet(7, 0, '000000000001', '0010'))[0].bytes)[0]).toBe(11);
    expect(o(sw.processPacket(1, packet(7, 0, '000000000001', '0800'))[0].bytes)[0]).toBe(22);
    expect(o(sw.processPacket(1, packet(7, 0, '000000000002', '0010'))[0].bytes)[0]).toBe(22);
    const acl = sw.tableByName('I.acl')!;
    const [first] = [...acl.entries()];
    expect(acl.delete(first.match, first.priority).ok).toBe(false);
  });
});

describe('table keys of other types', () => {
  it('a bool key (isValid) matches the 1-bit values the control plane writes', () => {
    const sw = load(`
header eth_t { bit<48> dst; bit<48> src; bit<16> etherType; }
header v_t { bit<8> v; }
struct headers { eth_t eth; v_t v; }
struct metadata { }
parser P(packet_in packet, out headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  state start { packet.extract(hdr.eth); transition select(hdr.eth.etherType) { 1: v; default: accept; } }
  state v { packet.extract(hdr.v); transition accept; }
}
control V(inout headers hdr, inout metadata meta) { apply { } }
control I(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  action to(bit<9> port) { sm.egress_spec = port; }
  table t { key = { hdr.v.isValid(): exact; } actions = { to; } default_action = to(9); }
  apply { t.apply(); }
}
control E(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) { apply { } }
control C(inout headers hdr, inout metadata meta) { apply { } }
control D(packet_out packet, in headers hdr) { apply { packet.emit(hdr); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;`);
    addEntry(sw, 'I.t', [{ kind: 'exact', value: 1n }], 'I.to', [5n]);
    addEntry(sw, 'I.t', [{ kind: 'exact', value: 0n }], 'I.to', [6n]);
    expect(sw.processPacket(1, hex('000000000000 000000000000 0001 aa'))[0].port).toBe(5);
    expect(sw.processPacket(1, hex('000000000000 000000000000 0002 aa'))[0].port).toBe(6);
  });
});

describe('Switch.reset', () => {
  it('clears control-plane state and reloads the program entries', () => {
    const sw = load(PROGRAM);
    addEntry(sw, 'I.t', [{ kind: 'exact', value: 1n }], 'I.set_a', [7n]);
    sw.pre.writeMulticastGroup('insert', { multicastGroupId: 3, replicas: [{ egressPort: 1, instance: 0 }], metadata: new Uint8Array() });
    expect(sw.tableByName('I.acl')!.size).toBe(2);
    sw.reset();
    expect(sw.tableByName('I.t')!.size).toBe(0);
    expect(sw.tableByName('I.acl')!.size).toBe(2);
    expect(sw.pre.multicastGroups()).toEqual([]);
    expect(o(sw.processPacket(1, packet(0, 1))[0].bytes)).toEqual([0, 0, 3, 0x40]);
  });
});

describe('exit inside an expression', () => {
  it('an action that exits while its table is applied in a condition ends the control', () => {
    const sw = load(`
header eth_t { bit<48> dst; bit<48> src; bit<16> etherType; }
struct headers { eth_t eth; }
struct metadata { }
parser P(packet_in packet, out headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  state start { packet.extract(hdr.eth); transition accept; }
}
control V(inout headers hdr, inout metadata meta) { apply { } }
control I(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  action leave() { sm.egress_spec = 4; exit; }
  table t { key = { hdr.eth.etherType: exact; } actions = { leave; NoAction; } default_action = NoAction(); }
  apply {
    sm.egress_spec = 1;
    if (t.apply().hit) { sm.egress_spec = 2; } else { sm.egress_spec = 3; }
    hdr.eth.src = 0;
  }
}
control E(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) { apply { } }
control C(inout headers hdr, inout metadata meta) { apply { } }
control D(packet_out packet, in headers hdr) { apply { packet.emit(hdr); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;`);
    addEntry(sw, 'I.t', [{ kind: 'exact', value: 0x0800n }], 'I.leave');
    const exited = sw.processPacket(1, hex('000000000000 0000000000ff 0800'))[0];
    expect(exited.port).toBe(4);
    expect(toHex(exited.bytes)).toBe('0000000000000000000000ff0800');
    const normal = sw.processPacket(1, hex('000000000000 0000000000ff 0806'))[0];
    expect(normal.port).toBe(3);
    expect(toHex(normal.bytes)).toBe('0000000000000000000000000806');
  });
});

describe('sub-control arguments', () => {
  const SOURCE = `
header eth_t { bit<48> dst; bit<48> src; bit<16> etherType; }
struct headers { eth_t eth; }
struct result_t { bit<8> a; bit<8> b; }
struct metadata { result_t r; }
parser P(packet_in packet, out headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  state start { packet.extract(hdr.eth); transition accept; }
}
control Fill(in eth_t e, out result_t r) {
  apply { if (e.etherType == 1) { r.a = 7; } }
}
control Swap(inout eth_t first, inout eth_t second) {
  apply { bit<48> t = first.src; first.src = second.src; second.src = t; first.dst = 1; }
}
control V(inout headers hdr, inout metadata meta) { apply { } }
control I(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  Fill() fill;
  Swap() swap;
  apply {
    meta.r.a = 9; meta.r.b = 9;
    fill.apply(hdr.eth, meta.r);
    hdr.eth.dst = (bit<48>)meta.r.a;
    hdr.eth.etherType = (bit<16>)meta.r.b;
    if (hdr.eth.src == 5) { swap.apply(hdr.eth, hdr.eth); }
  }
}
control E(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) { apply { } }
control C(inout headers hdr, inout metadata meta) { apply { } }
control D(packet_out packet, in headers hdr) { apply { packet.emit(hdr); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;`;
  it('an out struct starts from defaults, not from the caller value', () => {
    const sw = load(SOURCE);
    expect(toHex(sw.processPacket(1, hex('000000000000 000000000002 0001'))[0].bytes)).toBe('000000000007' + '000000000002' + '0000');
    expect(toHex(sw.processPacket(1, hex('000000000000 000000000002 0002'))[0].bytes)).toBe('000000000000' + '000000000002' + '0000');
  });
  it('the same header passed twice is copied in and out in order (no aliasing)', () => {
    const sw = load(SOURCE);
    // Both copies start as {dst 7, src 5}; copy-out writes first (dst = 1) then second (dst still 7), which wins.
    // Passing by reference would have left dst = 1.
    expect(toHex(sw.processPacket(1, hex('000000000000 000000000005 0001'))[0].bytes)).toBe('000000000007' + '000000000005' + '0000');
  });
});
