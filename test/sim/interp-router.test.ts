import { describe, expect, it } from 'vitest';
import { csum16 } from '../../src/sim/externs/hash.js';
import { addEntry, hex, load, toHex } from './interp-support.js';

export const ROUTER = `
header ethernet_t { bit<48> dstAddr; bit<48> srcAddr; bit<16> etherType; }
header ipv4_t {
  bit<4> version; bit<4> ihl; bit<8> diffserv; bit<16> totalLen; bit<16> identification;
  bit<3> flags; bit<13> fragOffset; bit<8> ttl; bit<8> protocol; bit<16> hdrChecksum;
  bit<32> srcAddr; bit<32> dstAddr;
}
struct metadata { bit<8> unused; }
struct headers { ethernet_t ethernet; ipv4_t ipv4; }
parser MyParser(packet_in packet, out headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  state start { packet.extract(hdr.ethernet); transition select(hdr.ethernet.etherType) { 0x0800: parse_ipv4; default: accept; } }
  state parse_ipv4 { packet.extract(hdr.ipv4); transition accept; }
}
control MyVerifyChecksum(inout headers hdr, inout metadata meta) {
  apply {
    verify_checksum(hdr.ipv4.isValid(), { hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.diffserv, hdr.ipv4.totalLen,
      hdr.ipv4.identification, hdr.ipv4.flags, hdr.ipv4.fragOffset, hdr.ipv4.ttl, hdr.ipv4.protocol,
      hdr.ipv4.srcAddr, hdr.ipv4.dstAddr }, hdr.ipv4.hdrChecksum, HashAlgorithm.csum16);
  }
}
control MyIngress(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  direct_counter(CounterType.packets_and_bytes) hits;
  action drop() { mark_to_drop(sm); }
  action ipv4_forward(bit<48> dstAddr, bit<9> port) {
    sm.egress_spec = port;
    hdr.ethernet.srcAddr = hdr.ethernet.dstAddr;
    hdr.ethernet.dstAddr = dstAddr;
    hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
  }
  table ipv4_lpm {
    key = { hdr.ipv4.dstAddr: lpm; }
    actions = { ipv4_forward; drop; NoAction; }
    size = 1024;
    default_action = drop();
    counters = hits;
  }
  apply {
    if (sm.checksum_error == 1) { drop(); return; }
    if (hdr.ipv4.isValid()) { ipv4_lpm.apply(); } else { drop(); }
  }
}
control MyEgress(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) { apply { } }
control MyComputeChecksum(inout headers hdr, inout metadata meta) {
  apply {
    update_checksum(hdr.ipv4.isValid(), { hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.diffserv, hdr.ipv4.totalLen,
      hdr.ipv4.identification, hdr.ipv4.flags, hdr.ipv4.fragOffset, hdr.ipv4.ttl, hdr.ipv4.protocol,
      hdr.ipv4.srcAddr, hdr.ipv4.dstAddr }, hdr.ipv4.hdrChecksum, HashAlgorithm.csum16);
  }
}
control MyDeparser(packet_out packet, in headers hdr) { apply { packet.emit(hdr.ethernet); packet.emit(hdr.ipv4); } }
V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(), MyDeparser()) main;
`;

/** An Ethernet + IPv4 packet to `dst` with a correct header checksum and a 4-byte payload. */
export function ipv4Packet(dst: number, ttl = 64): Uint8Array {
  const ip = hex('4500 0020 0000 4000 0011 0000 c0a80001 00000000');
  ip[8] = ttl;
  new DataView(ip.buffer).setUint32(16, dst);
  new DataView(ip.buffer).setUint16(10, csum16(ip));
  return Uint8Array.from([...hex('ffffffffffff 000000000001 0800'), ...ip, ...hex('deadbeef')]);
}

describe('IPv4 router (v1model)', () => {
  it('forwards on the longest prefix, rewrites MACs and TTL, recomputes the checksum', () => {
    const sw = load(ROUTER);
    addEntry(sw, 'MyIngress.ipv4_lpm', [{ kind: 'lpm', value: 0x0a000000n, prefixLen: 8 }], 'MyIngress.ipv4_forward', [0x112233445566n, 3n]);
    addEntry(sw, 'MyIngress.ipv4_lpm', [{ kind: 'lpm', value: 0x0a010000n, prefixLen: 16 }], 'MyIngress.ipv4_forward', [0xaabbccddeeffn, 7n]);
    const out = sw.processPacket(1, ipv4Packet(0x0a010203));
    expect(out.length).toBe(1);
    expect(out[0].port).toBe(7);
    const bytes = out[0].bytes;
    expect(toHex(bytes.subarray(0, 14))).toBe('aabbccddeeff' + 'ffffffffffff' + '0800');
    expect(bytes[14 + 8]).toBe(63);
    expect(csum16(bytes.subarray(14, 34))).toBe(0); // a correct header sums to 0xffff
    expect(toHex(bytes.subarray(34))).toBe('deadbeef');
    expect(sw.processPacket(1, ipv4Packet(0x0a090909))[0].port).toBe(3);
  });
  it('drops on a miss (default action), for non-IPv4, and on a bad checksum', () => {
    const sw = load(ROUTER);
    expect(sw.processPacket(1, ipv4Packet(0x0a010203))).toEqual([]);
    expect(sw.processPacket(1, hex('ffffffffffff 000000000001 86dd 00'))).toEqual([]);
    addEntry(sw, 'MyIngress.ipv4_lpm', [{ kind: 'wildcard' }], 'MyIngress.ipv4_forward', [1n, 2n]);
    const corrupted = ipv4Packet(0x0a010203);
    corrupted[14 + 10] ^= 0xff;
    expect(sw.processPacket(1, corrupted)).toEqual([]);
    expect(sw.processPacket(1, ipv4Packet(0x0a010203)).length).toBe(1);
  });
  it('counts hits on the direct counter with packet_length bytes', () => {
    const sw = load(ROUTER);
    addEntry(sw, 'MyIngress.ipv4_lpm', [{ kind: 'lpm', value: 0x0a000000n, prefixLen: 8 }], 'MyIngress.ipv4_forward', [1n, 2n]);
    sw.processPacket(1, ipv4Packet(0x0a000001));
    sw.processPacket(1, ipv4Packet(0x0a000002));
    const [entry] = [...sw.tableByName('MyIngress.ipv4_lpm')!.entries()];
    expect(entry.counter).toEqual({ packetCount: 2n, byteCount: 2n * 38n });
    expect(entry.lastHitNs).toBe(1_000_000n);
  });
  it('traces parser states, table hits and actions when asked', () => {
    const sw = load(ROUTER, { trace: true });
    const result = sw.process(1, ipv4Packet(0x0a000001));
    const kinds = result.trace!.map((e) => e.kind);
    expect(kinds).toContain('parserState');
    expect(result.trace!.find((e) => e.kind === 'table')).toMatchObject({ table: 'MyIngress.ipv4_lpm', hit: false, action: 'MyIngress.drop' });
    expect(load(ROUTER).process(1, ipv4Packet(1)).trace).toBeUndefined();
  });
});
