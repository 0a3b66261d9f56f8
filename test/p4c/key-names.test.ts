// Control-plane names of table keys without @name, as p4c's KeyNameGenerator
// (frontends/p4/tableKeyNames.cpp) derives them: constants in the base they
// were written in and without a width prefix.

import { describe, expect, it } from 'vitest';
import { compileSources } from '../../src/p4c/index.js';
import { formatDiagnostic } from '../../src/p4c/diagnostics.js';

function keyNames(keys: string): string[] {
  const source = `#include <core.p4>
#include <v1model.p4>
header h_t { bit<8> a; bit<8> b; }
struct H { h_t[2] s; h_t x; }
struct M { }
parser P(packet_in pk, out H hdr, inout M m, inout standard_metadata_t sm) { state start { pk.extract(hdr.x); transition accept; } }
control VC(inout H h, inout M m) { apply { } }
control I(inout H h, inout M m, inout standard_metadata_t sm) {
  action a() { }
  table t { key = { ${keys} } actions = { a; } }
  apply { t.apply(); }
}
control E(inout H h, inout M m, inout standard_metadata_t sm) { apply { } }
control CC(inout H h, inout M m) { apply { } }
control D(packet_out pk, in H h) { apply { pk.emit(h); } }
V1Switch(P(), VC(), I(), E(), CC(), D()) main;
`;
  const result = compileSources({ 'main.p4': source }, 'main.p4');
  expect(result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
  return result.ir!.tables.find((table) => table.name.endsWith('t'))!.keys.map((key) => key.name);
}

describe('table key names', () => {
  it('drops the width of index, slice and operand constants', () => {
    expect(keyNames('h.s[32w1].a : exact; h.x.a[8w7:8w4] : exact; h.x.a & 8w0x0F : ternary; h.x.b & 0b101 : ternary;')).toEqual([
      'h.s[1].a',
      'h.x.a[7:4]',
      'h.x.a & 0xf',
      'h.x.b & 0b101',
    ]);
  });

  it('keeps plain paths, members, validity and @name as written', () => {
    expect(keyNames('h.x.a : exact; h.s[0].isValid() : exact; h.x.b : exact @name("renamed");')).toEqual(['h.x.a', 'h.s[0].$valid$', 'renamed']);
  });
});
