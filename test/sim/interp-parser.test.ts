import { describe, expect, it } from 'vitest';
import { hex, load, toHex } from './interp-support.js';

const PROGRAM = `
header eth_t { bit<48> dst; bit<48> src; bit<16> etherType; }
header r_t { bit<8> parserError; bit<8> stackDepth; }
header mpls_t { bit<20> label; bit<3> tc; bit<1> bos; bit<8> ttl; }
header opt_t { bit<8> kind; bit<8> length; varbit<64> data; }
struct headers { r_t r; eth_t eth; mpls_t[3] mpls; opt_t opt; }
struct metadata { }
parser P(packet_in packet, out headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  state start {
    packet.extract(hdr.eth);
    transition select(hdr.eth.etherType) {
      0x8847: mpls;
      0x0800 &&& 0xff00: accept;
      0x1000 .. 0x1fff: strict;
      0x88b5: options;
      0x88b6: peek;
      default: accept;
    }
  }
  state mpls {
    packet.extract(hdr.mpls.next);
    transition select(hdr.mpls.last.bos) { 1: accept; default: mpls; }
  }
  state strict { transition select(hdr.eth.src[7:0]) { 1: accept; } }
  state options {
    bit<8> length = packet.lookahead<bit<16>>()[7:0];
    packet.extract(hdr.opt, (bit<32>)(length - 2) * 8);
    transition accept;
  }
  state peek {
    bit<64> big = packet.lookahead<bit<64>>();
    transition select(big[63:56]) { 0xaa: accept; default: reject; }
  }
}
control V(inout headers hdr, inout metadata meta) { apply { } }
control I(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) {
  apply {
    hdr.r.setValid();
    if (sm.parser_error == error.NoError) hdr.r.parserError = 0;
    else if (sm.parser_error == error.PacketTooShort) hdr.r.parserError = 1;
    else if (sm.parser_error == error.NoMatch) hdr.r.parserError = 2;
    else if (sm.parser_error == error.StackOutOfBounds) hdr.r.parserError = 3;
    else if (sm.parser_error == error.HeaderTooShort) hdr.r.parserError = 4;
    else hdr.r.parserError = 99;
    hdr.r.stackDepth = (bit<8>)hdr.mpls.lastIndex + 1;
    sm.egress_spec = 2;
  }
}
control E(inout headers hdr, inout metadata meta, inout standard_metadata_t sm) { apply { } }
control C(inout headers hdr, inout metadata meta) { apply { } }
control D(packet_out packet, in headers hdr) {
  apply { packet.emit(hdr.r); packet.emit(hdr.eth); packet.emit(hdr.mpls); packet.emit(hdr.opt); }
}
V1Switch(P(), V(), I(), E(), C(), D()) main;
`;

const eth = (type: string, srcLow = '02') => hex(`0000000000aa 0000000000${srcLow} ${type}`);
const label = (value: number, bos: boolean) => {
  const word = ((value << 12) | ((bos ? 1 : 0) << 8) | 64) >>> 0;
  return hex(word.toString(16).padStart(8, '0'));
};
const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('parser (P4_16 §12, BMv2 error behaviour)', () => {
  it('extracts a label stack with next/last and reports no error', () => {
    const sw = load(PROGRAM);
    const packet = join(eth('8847'), label(100, false), label(200, true), hex('cafe'));
    const [out] = sw.processPacket(1, packet);
    expect(out.port).toBe(2);
    expect(toHex(out.bytes)).toBe('0002' + toHex(packet));
  });
  it('StackOutOfBounds: the packet still reaches ingress; the unparsed rest is payload', () => {
    const sw = load(PROGRAM);
    const labels = [label(1, false), label(2, false), label(3, false), label(4, true)];
    const packet = join(eth('8847'), ...labels);
    const [out] = sw.processPacket(1, packet);
    expect(toHex(out.bytes.subarray(0, 2))).toBe('0303');
    expect(toHex(out.bytes.subarray(2))).toBe(toHex(packet));
  });
  it('PacketTooShort leaves the header invalid and the bytes as payload', () => {
    const sw = load(PROGRAM);
    const [out] = sw.processPacket(1, hex('0102030405'));
    expect(toHex(out.bytes)).toBe('0100' + '0102030405');
  });
  it('NoMatch when no select case matches; masks and ranges select', () => {
    const sw = load(PROGRAM);
    expect(toHex(sw.processPacket(1, eth('1234'))[0].bytes.subarray(0, 1))).toBe('02');
    expect(toHex(sw.processPacket(1, eth('1234', '01'))[0].bytes.subarray(0, 1))).toBe('00');
    expect(toHex(sw.processPacket(1, eth('08aa'))[0].bytes.subarray(0, 1))).toBe('00');
  });
  it('extracts varbit fields sized at run time; HeaderTooShort beyond the maximum', () => {
    const sw = load(PROGRAM);
    const option = hex('0706 0102030405');
    const [out] = sw.processPacket(1, join(eth('88b5'), option));
    expect(toHex(out.bytes)).toBe('0000' + toHex(eth('88b5')) + toHex(option));
    const tooLong = hex('0714' + '00'.repeat(18));
    expect(toHex(sw.processPacket(1, join(eth('88b5'), tooLong))[0].bytes.subarray(0, 1))).toBe('04');
  });
  it('lookahead past the end is PacketTooShort; explicit reject keeps NoError', () => {
    const sw = load(PROGRAM);
    expect(toHex(sw.processPacket(1, join(eth('88b6'), hex('aa01')))[0].bytes.subarray(0, 1))).toBe('01');
    expect(toHex(sw.processPacket(1, join(eth('88b6'), hex('aa01020304050607')))[0].bytes.subarray(0, 1))).toBe('00');
    expect(toHex(sw.processPacket(1, join(eth('88b6'), hex('bb01020304050607')))[0].bytes.subarray(0, 1))).toBe('00');
  });
});
