// Front-end checks added in conformance round 2 (each against a p4c behaviour).

import { describe, expect, it } from 'vitest';
import { compileSources } from '../../src/p4c/index.js';
import { formatDiagnostic } from '../../src/p4c/diagnostics.js';

function errors(source: string): string[] {
  const result = compileSources({ 'main.p4': '#include <core.p4>\n' + source }, 'main.p4');
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d).replace(/^.*?: error: /, ''));
}

describe('extern function declarations', () => {
  it('rejects two parameters with one name (spec §6.8), as for extern methods', () => {
    expect(errors('extern void f(in bit<1> x, in bit<1> x);')).toEqual(['f: duplicate parameter x']);
    expect(errors('extern void f(in bit<1> x, in bit<1> y);\nextern void f(in bit<1> x);')).toEqual([]);
  });
});

describe('generic calls with every type argument given', () => {
  it('reports a mismatching argument once, as a conversion error', () => {
    expect(
      errors(`
extern Box<T> { Box(T value); void run(); }
control c() {
  Box<bit<8>>(16w1) b;
  apply { b.run(); }
}
control C();
package top(C c);
top(c()) main;`),
    ).toEqual(["argument value of Box: cannot implicitly convert 'bit<16>' to 'bit<8>'"]);
  });
});

describe('inline table implementation instances', () => {
  it('take the annotations written on the implementation property', () => {
    const result = compileSources(
      {
        'main.p4': `#include <core.p4>
#include <v1model.p4>
header h_t { bit<8> a; }
struct H { h_t h; }
struct M { bit<8> hash; }
parser P(packet_in pk, out H hdr, inout M m, inout standard_metadata_t sm) { state start { pk.extract(hdr.h); transition accept; } }
control VC(inout H h, inout M m) { apply { } }
control I(inout H h, inout M m, inout standard_metadata_t sm) {
  action a() { }
  table t {
    key = { h.h.a : exact; m.hash : selector; }
    actions = { a; }
    @name("selector") @max_group_size(200) implementation = action_selector(HashAlgorithm.identity, 32w1024, 32w10);
  }
  apply { t.apply(); }
}
control E(inout H h, inout M m, inout standard_metadata_t sm) { apply { } }
control CC(inout H h, inout M m) { apply { } }
control D(packet_out pk, in H h) { apply { pk.emit(h); } }
V1Switch(P(), VC(), I(), E(), CC(), D()) main;
`,
      },
      'main.p4',
    );
    expect(result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
    const instance = result.ir!.instances.find((candidate) => candidate.externType === 'action_selector')!;
    expect(instance.controlPlaneName).toBe('selector');
    expect(instance.annotations.map((annotation) => [annotation.name, annotation.args])).toEqual([
      ['name', ['selector']],
      ['max_group_size', [200n]],
    ]);
  });
});
