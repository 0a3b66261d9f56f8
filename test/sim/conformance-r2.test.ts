// BMv2 simple_switch conformance, round 2: one small program (written for
// this project) per behaviour, with exact outputs.

import { describe, expect, it } from 'vitest';
import { hex, load, toHex } from './interp-support.js';

describe('header padding bits (p4c BMv2 `_padding` field)', () => {
  // odd_t is 12 bits: p4c pads it to 16 and BMv2 extracts and re-emits the 4 padding bits.
  const program = `
header odd_t { bit<12> value; }
header fresh_t { bit<4> value; }
struct headers_t { odd_t odd; fresh_t fresh; }
struct meta_t { }
parser P(packet_in packet, out headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  state start { packet.extract(h.odd); transition accept; }
}
control V(inout headers_t h, inout meta_t m) { apply { } }
control I(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  apply {
    h.odd.value = h.odd.value + 1;
    if (h.odd.value == 0x100) { h.fresh.setValid(); h.fresh.value = 0xf; }
    sm.egress_spec = 1;
  }
}
control E(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) { apply { } }
control C(inout headers_t h, inout meta_t m) { apply { } }
control D(packet_out packet, in headers_t h) { apply { packet.emit(h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`;

  it('re-emits the padding bits that were extracted', () => {
    const sw = load(program);
    const [output] = sw.processPacket(0, hex('abc7 99'));
    // value 0xabc + 1 = 0xabd; the low nibble 7 is padding and comes back unchanged.
    expect(toHex(output.bytes)).toBe('abd799');
  });

  it('emits zero padding for a header made valid by the program', () => {
    const sw = load(program);
    const [output] = sw.processPacket(0, hex('0ffa'));
    // odd = 0x0ff + 1 = 0x100 (padding a kept), fresh = f with 4 zero padding bits.
    expect(toHex(output.bytes)).toBe('100af0');
  });

  it('does not carry padding bits over to the next packet', () => {
    const sw = load(program);
    sw.processPacket(0, hex('abc7'));
    const [output] = sw.processPacket(0, hex('0ff0'));
    expect(toHex(output.bytes)).toBe('1000f0');
  });
});

describe("don't-care arguments (P4_16 §8.3 `_`)", () => {
  it('extract<T>(_) skips a header into a temporary; `_` for out parameters of functions and actions', () => {
    const sw = load(`
header word_t { bit<16> value; }
struct headers_t { word_t kept; }
struct meta_t { }
parser P(packet_in packet, out headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  state start { packet.extract<word_t>(_); packet.extract(h.kept); transition accept; }
}
control V(inout headers_t h, inout meta_t m) { apply { } }
void split(in bit<16> x, out bit<8> high, out bit<8> low) { high = x[15:8]; low = x[7:0]; }
control I(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  action bump(out bit<8> ignored, inout bit<16> v) { ignored = 1; v = v + 1; }
  apply {
    bit<8> low;
    split(h.kept.value, _, low);
    h.kept.value = 8w0 ++ low;
    bump(_, h.kept.value);
    sm.egress_spec = 1;
  }
}
control E(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) { apply { } }
control C(inout headers_t h, inout meta_t m) { apply { } }
control D(packet_out packet, in headers_t h) { apply { packet.emit(h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`);
    const [output] = sw.processPacket(0, hex('1111 2233 ee'));
    // The first word is consumed and dropped; kept = 0x0033 + 1; the payload follows.
    expect(toHex(output.bytes)).toBe('0034ee');
  });
});

describe('list<T> values (P4_16 v1.2.4)', () => {
  it('iterates a for-in loop over a cast list expression, constant or not', () => {
    const sw = load(`
header out_t { bit<8> sum; bit<8> count; }
struct headers_t { out_t o; }
struct meta_t { }
typedef list<bit<8>> Bytes;
parser P(packet_in packet, out headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  state start { packet.extract(h.o); transition accept; }
}
control V(inout headers_t h, inout meta_t m) { apply { } }
control I(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) {
  apply {
    for (bit<8> item in (list<bit<8>>){ 1, 2, 3 }) { h.o.sum = h.o.sum + item; }
    for (bit<8> item in (Bytes){ 7, h.o.sum }) { h.o.count = h.o.count + item; }
    sm.egress_spec = 1;
  }
}
control E(inout headers_t h, inout meta_t m, inout standard_metadata_t sm) { apply { } }
control C(inout headers_t h, inout meta_t m) { apply { } }
control D(packet_out packet, in headers_t h) { apply { packet.emit(h); } }
V1Switch(P(), V(), I(), E(), C(), D()) main;
`);
    const [output] = sw.processPacket(0, hex('0a 00'));
    // sum = 10 + 1 + 2 + 3 = 0x10; count = 7 + 0x10 = 0x17.
    expect(toHex(output.bytes)).toBe('1017');
  });
});
