// Bounded fuzzing of the packet path: random and mutated packets through a
// parser-heavy program must never throw, and every output must be well formed.
// Inputs that once broke the engine live in interp-fuzz-corpus/ as hex files
// and are replayed first; a new crasher is printed so it can be saved there.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { xorshift32 } from '../../src/sim/externs/random.js';
import { hex, load, toHex } from './interp-support.js';

const PROGRAM = `
header eth_t { bit<48> dst; bit<48> src; bit<16> etherType; }
header mpls_t { bit<20> label; bit<3> tc; bit<1> bos; bit<8> ttl; }
header opt_t { bit<8> kind; bit<8> length; varbit<64> data; }
header ipv4_t { bit<4> version; bit<4> ihl; bit<8> tos; bit<16> len; bit<16> id; bit<3> flags; bit<13> frag;
  bit<8> ttl; bit<8> proto; bit<16> csum; bit<32> src; bit<32> dst; }
struct headers { eth_t eth; mpls_t[4] mpls; opt_t opt; ipv4_t ipv4; }
struct metadata { bit<16> hash; }
parser P(packet_in packet, out headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  state start {
    packet.extract(hdr.eth);
    transition select(hdr.eth.etherType) { 0x8847: mpls; 0x88b5: options; 0x0800: ipv4; default: accept; }
  }
  state mpls { packet.extract(hdr.mpls.next); transition select(hdr.mpls.last.bos) { 1: ipv4; default: mpls; } }
  state options {
    bit<8> length = packet.lookahead<bit<16>>()[7:0];
    packet.extract(hdr.opt, (bit<32>)(length - 2) * 8);
    transition accept;
  }
  state ipv4 { packet.extract(hdr.ipv4); verify(hdr.ipv4.version == 4, error.NoMatch); transition accept; }
}
control V(inout headers hdr, inout metadata meta) {
  apply {
    verify_checksum(hdr.ipv4.isValid(), { hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.tos, hdr.ipv4.len, hdr.ipv4.id,
      hdr.ipv4.flags, hdr.ipv4.frag, hdr.ipv4.ttl, hdr.ipv4.proto, hdr.ipv4.src, hdr.ipv4.dst }, hdr.ipv4.csum, HashAlgorithm.csum16);
  }
}
control I(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  apply {
    hash(meta.hash, HashAlgorithm.crc32, 16w0, { hdr.ipv4.src, hdr.ipv4.dst, hdr.mpls[0].label }, 32w65536);
    sm.egress_spec = (bit<9>)meta.hash[3:0];
    if (hdr.mpls[0].isValid()) { hdr.mpls.pop_front(1); }
    if (hdr.ipv4.isValid()) { hdr.ipv4.ttl = hdr.ipv4.ttl |-| 1; }
  }
}
control E(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) { apply { } }
control C(inout headers hdr, inout metadata meta) {
  apply {
    update_checksum(hdr.ipv4.isValid(), { hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.tos, hdr.ipv4.len, hdr.ipv4.id,
      hdr.ipv4.flags, hdr.ipv4.frag, hdr.ipv4.ttl, hdr.ipv4.proto, hdr.ipv4.src, hdr.ipv4.dst }, hdr.ipv4.csum, HashAlgorithm.csum16);
  }
}
control D(packet_out packet, in headers hdr) { apply { packet.emit(hdr); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`;

const corpusDirectory = join(dirname(fileURLToPath(import.meta.url)), 'interp-fuzz-corpus');
const SEEDS = [
  '0000000000aa0000000000028847000641ff000651ff45000014000040004006000001020304',
  '0000000000aa00000000000288b5070601020304050607',
  '0000000000aa0000000000020800450000140000400040060000c0a80001c0a80002',
];

describe('packet-path fuzzing (bounded)', () => {
  const sw = load(PROGRAM);
  const check = (packet: Uint8Array) => {
    let outputs;
    try {
      outputs = sw.processPacket(1, packet);
    } catch (error) {
      throw new Error(`crasher (save as interp-fuzz-corpus/<name>.hex): ${toHex(packet)}\n${(error as Error).stack}`);
    }
    for (const output of outputs) {
      expect(output.port).toBeGreaterThanOrEqual(0);
      expect(output.port).toBeLessThan(16);
      expect(output.bytes.length).toBeLessThanOrEqual(packet.length + 64);
    }
  };
  it('replays the saved corpus', () => {
    const files = readdirSync(corpusDirectory).filter((f) => f.endsWith('.hex'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) check(hex(readFileSync(join(corpusDirectory, file), 'utf8')));
  });
  it('survives 1500 mutated and random packets within a time bound', () => {
    const next = xorshift32(2024);
    const started = Date.now();
    for (let i = 0; i < 1500 && Date.now() - started < 4000; i++) {
      let packet: Uint8Array;
      if (i % 3 === 2) {
        packet = Uint8Array.from({ length: next() % 80 }, () => next() & 0xff);
      } else {
        const seed = hex(SEEDS[i % SEEDS.length]);
        packet = seed.slice(0, next() % (seed.length + 1));
        for (let flips = next() % 4; flips > 0 && packet.length > 0; flips--) packet[next() % packet.length] ^= 1 << (next() % 8);
      }
      check(packet);
    }
  });
});
