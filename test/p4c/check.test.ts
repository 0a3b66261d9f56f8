// Unit tests of the checker's IR contract: layouts, value representation,
// explicit casts, folding, extern binding, control-plane names, frames.

import { describe, expect, it } from 'vitest';
import { compileSources } from '../../src/p4c/index.js';
import { formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { checkProgram } from '../../src/p4c/check/index.js';
import { Diagnostics } from '../../src/p4c/diagnostics.js';
import { parseText } from '../../src/p4c/parser.js';
import type { IrExpr, IrProgram, IrStatement } from '../../src/p4c/ir.js';
import { ACCEPT_STATE, REJECT_STATE } from '../../src/p4c/ir.js';
import { formatExpr } from '../../src/p4c/check/dump.js';
import { validateProgram } from '../../src/p4c/check/validate.js';

function compile(body: string, includes = '#include <core.p4>\n#include <v1model.p4>\n'): { ir?: IrProgram; messages: string[] } {
  const result = compileSources({ 'main.p4': includes + body }, 'main.p4');
  return { ir: result.ir, messages: result.diagnostics.map(formatDiagnostic) };
}

function accepted(body: string): IrProgram {
  const { ir, messages } = compile(body);
  expect(messages.filter((m) => m.includes('error'))).toEqual([]);
  expect(ir).toBeDefined();
  return ir as IrProgram;
}

function errors(body: string): string[] {
  const { ir, messages } = compile(body);
  expect(ir).toBeUndefined();
  return messages.filter((m) => m.includes(': error: ')).map((m) => m.replace(/^.*?: error: /, ''));
}

/** The statements of control `name`'s apply body. */
function body(ir: IrProgram, name: string): IrStatement[] {
  const control = ir.controls.find((c) => c.controlPlaneName === name);
  expect(control).toBeDefined();
  return control?.body ?? [];
}

function assignedValue(statement: IrStatement | undefined): IrExpr {
  expect(statement?.kind).toBe('assign');
  return (statement as Extract<IrStatement, { kind: 'assign' }>).value;
}

const IPV4 = `header ipv4_t {
    bit<4> version; bit<4> ihl; bit<8> diffserv; bit<16> totalLen;
    bit<16> identification; bit<3> flags; bit<13> fragOffset;
    bit<8> ttl; bit<8> protocol; bit<16> hdrChecksum; bit<32> src; bit<32> dst;
}
`;

describe('types and layouts', () => {
  it('computes header bit offsets and sizes', () => {
    const ir = accepted(IPV4 + 'header opt_t { bit<8> kind; varbit<32> data; bit<8> tail; }\ncontrol C(inout ipv4_t h) { apply { } }');
    const ipv4 = ir.types.get('ipv4_t');
    expect(ipv4?.kind).toBe('header');
    if (ipv4?.kind !== 'header') return;
    expect(ipv4.fixedWidthBits).toBe(160);
    expect(ipv4.fields.map((f) => f.offsetBits)).toEqual([0, 4, 8, 16, 32, 48, 51, 64, 72, 80, 96, 128]);
    const opt = ir.types.get('opt_t');
    if (opt?.kind !== 'header') throw new Error('opt_t');
    expect([opt.fixedWidthBits, opt.maxWidthBits]).toEqual([16, 48]);
    expect(opt.fields[2]).toMatchObject({ offsetBits: 8, afterVarbit: true });
  });

  it('keeps error codes in declaration order, core.p4 first', () => {
    const ir = accepted('error { Custom }\ncontrol C() { apply { } }');
    expect(ir.errors.slice(0, 3)).toEqual(['NoError', 'PacketTooShort', 'NoMatch']);
    expect(ir.errors[ir.errors.length - 1]).toBe('Custom');
  });

  it('records serializable enum values and new types', () => {
    const ir = accepted('enum bit<8> P { A = 6, B = 0x11 }\ntype bit<32> Addr_t;\ncontrol C() { apply { } }');
    expect(ir.types.get('P')).toMatchObject({ kind: 'enum', members: ['A', 'B'], values: [6, 17], underlying: { width: 8 } });
    expect(ir.types.get('Addr_t')).toMatchObject({ kind: 'bit', width: 32, newTypeName: 'Addr_t' });
  });
});

describe('values, casts and folding', () => {
  const program = (statements: string): IrStatement[] =>
    body(accepted(`header h_t { bit<8> a; bit<48> mac; int<8> s; bit<16> w; }\ncontrol C(inout h_t h) { apply { ${statements} } }`), 'C');

  it('represents widths up to 32 as number and above as bigint', () => {
    const statements = program('h.a = 200; h.mac = 0x0000000000ff; h.s = -1;');
    expect(assignedValue(statements[0])).toMatchObject({ kind: 'const', value: 200, type: { kind: 'bit', width: 8 } });
    expect(assignedValue(statements[1])).toMatchObject({ kind: 'const', value: 255n, type: { kind: 'bit', width: 48 } });
    expect(assignedValue(statements[2])).toMatchObject({ kind: 'const', value: -1, type: { kind: 'bit', width: 8, signed: true } });
  });

  it('sizes int literals to the other operand and keeps casts explicit', () => {
    const statements = program('h.a = h.a + 1; h.w = (bit<16>) h.a;');
    const sum = assignedValue(statements[0]);
    expect(sum).toMatchObject({ kind: 'binary', op: 'add', right: { kind: 'const', value: 1, type: { width: 8 } } });
    expect(assignedValue(statements[1])).toMatchObject({ kind: 'cast', type: { width: 16 }, operand: { kind: 'field', name: 'a' } });
  });

  it('folds constant expressions with wrap-around, saturation and concatenation', () => {
    const statements = program('h.a = 8w250 + 8w10; h.a = 8w250 |+| 8w10; h.w = 8w1 ++ 8w2; h.a = (bit<8>) (1 << 9 | 3); h.s = 8s127 + 8s1;');
    expect(statements.map((s) => (assignedValue(s) as { value: unknown }).value)).toEqual([4, 255, 0x0102, 3, -128]);
  });

  it('follows the implicit-cast examples of the spec (bit<8> x, int<8> z, enum bit<8> E)', () => {
    const { ir, messages } = compile(`enum bit<8> E { a = 5 }
control C(inout bit<8> x, inout int<8> z, inout bit<8> r, inout bool b) {
    apply { r = x + 1; b = z < 0; r = x << 13; r = x | 0xFFF; r = x + E.a; }
}`);
    expect(messages.map((m) => m.replace(/^.*?: (warning|error): /, '$1: '))).toEqual([
      'warning: x << 13: shifting a 8-bit value by 13 bits gives a constant',
      'warning: 4095: value does not fit in 8 bits',
    ]);
    const text = body(ir as IrProgram, 'C').map((statement) => formatExpr(ir as IrProgram, assignedValue(statement)));
    expect(text).toEqual([
      'add(x$0, 1:bit<8>):bit<8>',
      'lt(z$1, 0:int<8>):bool',
      'shl(x$0, 13:bit<32>):bit<8>',
      'or(x$0, 255:bit<8>):bit<8>',
      'add(x$0, 5:bit<8>):bit<8>', // E.a folded through its underlying type
    ]);
  });

  it('warns when an implicit cast truncates a literal (as p4c does)', () => {
    const { messages } = compile('header h_t { bit<8> a; }\ncontrol C(inout h_t h) { apply { h.a = 300; } }');
    expect(messages).toEqual([expect.stringMatching(/main\.p4:4:\d+: warning: 300: value does not fit in 8 bits/)]);
  });
});

describe('calls and externs', () => {
  it('binds extern methods to (type, method, overload) with inferred type arguments', () => {
    const ir = accepted(`${IPV4}struct hs_t { ipv4_t ipv4; }
parser P(packet_in b, out hs_t hs) { state start { b.extract(hs.ipv4); transition accept; } }
control C(inout hs_t hs, inout standard_metadata_t sm) {
    counter<bit<8>>(256, CounterType.packets) c;
    apply { c.count(hs.ipv4.ttl); mark_to_drop(sm); }
}`);
    const extract = ir.parsers[0]?.states[0]?.statements[0];
    expect(extract).toMatchObject({ kind: 'call', call: { callee: { kind: 'externMethod', externType: 'packet_in', method: 'extract', overload: 0, target: { kind: 'param', slot: 0 } } } });
    const statements = body(ir, 'C');
    expect(statements[0]).toMatchObject({ kind: 'call', call: { callee: { kind: 'externMethod', externType: 'counter', method: 'count', target: { kind: 'instance', instance: 0 } } } });
    expect(statements[1]).toMatchObject({ kind: 'call', call: { callee: { kind: 'externFunction', name: 'mark_to_drop', overload: 1 } } });
    expect(ir.instances[0]).toMatchObject({ controlPlaneName: 'C.c', externType: 'counter', typeArgs: [{ kind: 'bit', width: 8 }], args: [{ name: 'size', value: 256 }, { name: 'type', value: 0 }] });
  });

  it('fills default parameter values and reorders named arguments', () => {
    const ir = accepted(`extern void f(in bit<8> a, in bit<8> b = 7);
control C(inout bit<8> x) { apply { f(b = x, a = 1); f(2); } }`);
    const [named, defaulted] = body(ir, 'C');
    expect(named).toMatchObject({ call: { args: [{ param: 'a', value: { value: 1 } }, { param: 'b', value: { kind: 'var' } }] } });
    expect(defaulted).toMatchObject({ call: { args: [{ param: 'a', value: { value: 2 } }, { param: 'b', value: { value: 7 } }] } });
  });

  it('rejects out arguments that are not left-values and in parameters that are written', () => {
    expect(errors('extern void g(out bit<8> r);\ncontrol C(in bit<8> x) { apply { g(x); x = 1; } }')).toEqual([
      'g: argument for out parameter r must be a left-value: x is read-only (an in or directionless parameter)',
      'x: cannot be assigned: x is read-only (an in or directionless parameter)',
    ]);
  });
});

describe('control-plane names and tables', () => {
  const program = `${IPV4}struct hs_t { ipv4_t ipv4; }
control Ing(inout hs_t hs, inout standard_metadata_t sm) {
    action fwd(bit<9> port) { sm.egress_spec = port; }
    @name(".global_drop") action drop() { mark_to_drop(sm); }
    @name("routes") table ipv4_lpm {
        key = { hs.ipv4.dst: lpm; hs.ipv4.protocol: exact @name("proto"); hs.ipv4.isValid(): exact; hs.ipv4.src[31:24]: ternary; }
        actions = { fwd; drop; }
        size = 1024;
    }
    apply { ipv4_lpm.apply(); }
}
`;
  it('qualifies names by instance and honours @name', () => {
    const ir = accepted(program);
    const table = ir.tables[0];
    expect(table.controlPlaneName).toBe('Ing.routes');
    expect(table.keys.map((k) => [k.name, k.matchKind, k.width])).toEqual([
      ['hs.ipv4.dst', 'lpm', 32],
      ['proto', 'exact', 8],
      ['hs.ipv4.$valid$', 'exact', 1],
      ['hs.ipv4.src[31:24]', 'ternary', 8],
    ]);
    expect(table.actions.map((a) => [ir.actions[a.action].controlPlaneName, a.scope])).toEqual([
      ['Ing.fwd', 'tableAndDefault'],
      ['global_drop', 'tableAndDefault'],
      ['NoAction', 'defaultOnly'],
    ]);
    expect(ir.actions[table.defaultAction.action].name).toBe('NoAction');
    expect(table.size).toBe(1024);
  });

  it('runs control-local actions in the control frame and top-level actions in their own', () => {
    const ir = accepted(program);
    const fwd = ir.actions.find((a) => a.name === 'fwd');
    expect(fwd?.frame).toBeUndefined();
    expect(fwd?.params[0]).toMatchObject({ name: 'port', direction: 'none', slot: 2 });
    expect(ir.controls[0].frame.slots[2]).toMatchObject({ name: 'port' });
    expect(ir.actions.find((a) => a.name === 'NoAction')?.frame).toEqual({ slots: [] });
  });
});

describe('parsers', () => {
  it('puts start first, numbers accept/reject and folds keysets to the selected types', () => {
    const ir = accepted(`${IPV4}struct hs_t { ipv4_t ipv4; }
parser P(packet_in b, out hs_t hs) {
    value_set<bit<8>>(4) protocols;
    bit<8> seen = 1;
    state parse_ipv4 {
        b.extract(hs.ipv4);
        transition select(hs.ipv4.protocol, hs.ipv4.ttl) {
            (6, 0 .. 10): accept;
            (0x10 &&& 0xf0, _): reject;
            (protocols, 64): parse_ipv4;
            default: reject;
        }
    }
    state start { transition parse_ipv4; }
}`);
    const parser = ir.parsers[0];
    expect(parser.states.map((s) => s.name)).toEqual(['start', 'parse_ipv4']);
    expect(parser.states[0].transition).toMatchObject({ kind: 'direct', next: 1 });
    expect(parser.localInits).toMatchObject([{ kind: 'declare', name: 'seen', init: { value: 1 } }]);
    const select = parser.states[1].transition;
    if (select.kind !== 'select') throw new Error('expected select');
    expect(select.cases.map((c) => [c.keysets, c.next])).toEqual([
      [[{ kind: 'value', value: 6 }, { kind: 'range', low: 0, high: 10 }], ACCEPT_STATE],
      [[{ kind: 'mask', value: 16, mask: 240 }, { kind: 'default' }], REJECT_STATE],
      [[{ kind: 'valueSet', valueSet: 0 }, { kind: 'value', value: 64 }], 1],
      [[{ kind: 'default' }, { kind: 'default' }], REJECT_STATE],
    ]);
    expect(ir.valueSets[0]).toMatchObject({ controlPlaneName: 'P.protocols', width: 8, size: 4 });
  });
});

describe('packages', () => {
  it('maps V1Switch slots to parser and control instances and infers H and M', () => {
    const ir = accepted(`${IPV4}struct hs_t { ipv4_t ipv4; } struct m_t { }
parser P(packet_in b, out hs_t h, inout m_t m, inout standard_metadata_t sm) { state start { transition accept; } }
control V(inout hs_t h, inout m_t m) { apply { } }
control I(inout hs_t h, inout m_t m, inout standard_metadata_t sm) { apply { } }
control D(packet_out b, in hs_t h) { apply { } }
V1Switch(P(), V(), I(), I(), V(), D()) main;`);
    const main = ir.packages[ir.main ?? -1];
    expect(main.args.map((a) => `${a.param}=${a.kind}`)).toEqual(['p=parser', 'vr=control', 'ig=control', 'eg=control', 'ck=control', 'dep=control']);
    expect(main.typeArgs.map((t) => (t as { name: string }).name)).toEqual(['hs_t', 'm_t']);
    // I is instantiated twice under the same name: each use gets its own instance.
    expect(ir.controls.map((c) => c.controlPlaneName)).toEqual(['V', 'I', 'I', 'V', 'D']);
  });
});

describe('robustness', () => {
  it('reports several errors in one run with file:line:col', () => {
    const { messages } = compile('control C(inout bit<8> x) { apply { x = y; x = z; } }');
    expect(messages).toEqual([expect.stringMatching(/^.*main\.p4:3:\d+: error: y: undeclared identifier$/), expect.stringMatching(/error: z: undeclared identifier$/)]);
  });

  it('reports the same diagnostics when one AST is checked twice', () => {
    const diagnostics = new Diagnostics();
    const ast = parseText('extern void f(in missing_t x);\ncontrol C() { apply { f(1); } }', 'twice.p4', diagnostics);
    const first = new Diagnostics();
    const second = new Diagnostics();
    checkProgram(ast, first);
    checkProgram(ast, second);
    expect(first.items.map((d) => d.message)).toEqual(['missing_t: unknown type']);
    expect(second.items).toEqual(first.items);
  });

  it('accepts an empty program and never throws on an empty AST', () => {
    const diagnostics = new Diagnostics();
    const ir = checkProgram({ kind: 'Program', declarations: [] }, diagnostics);
    expect(ir?.parsers).toEqual([]);
    expect(diagnostics.items).toEqual([]);
  });

  it('turns an internal failure into an "internal error" diagnostic', () => {
    const diagnostics = new Diagnostics();
    // A malformed AST (a declaration kind the parser never produces) must not escape as an exception.
    const bogus = { kind: 'ControlDecl', name: 'X', loc: { file: 'x.p4', line: 1, col: 1 } } as never;
    expect(checkProgram({ kind: 'Program', declarations: [bogus] }, diagnostics)).toBeUndefined();
    // Each pass that trips over it reports once; nothing else is said.
    const messages = diagnostics.items.map((d) => d.message);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.filter((message) => !message.startsWith('internal error: '))).toEqual([]);
  });

  it('reports a too deeply nested expression instead of overflowing the stack', () => {
    const loc = { file: 'deep.p4', line: 1, col: 1 };
    let expr: import('../../src/p4c/ast.js').Expr = { kind: 'IntLiteral', value: 1n, signed: false, text: '1', loc };
    for (let depth = 0; depth < 200_000; depth++) expr = { kind: 'Unary', op: '-', expr, loc };
    const decl: import('../../src/p4c/ast.js').Declaration = { kind: 'ConstantDeclaration', annotations: [], type: { kind: 'BaseType', name: 'int', signed: true, loc }, name: 'DEEP', value: expr, loc };
    const diagnostics = new Diagnostics();
    expect(checkProgram({ kind: 'Program', declarations: [decl] }, diagnostics)).toBeUndefined();
    expect(diagnostics.items.map((d) => d.message)).toEqual(['program is nested too deeply to check']);
  });

  it('validates accepted IR and catches a corrupted one', () => {
    const ir = accepted('control C(inout bit<8> x) { apply { x = x + 1; } }');
    expect(validateProgram(ir)).toEqual([]);
    const assign = body(ir, 'C')[0] as Extract<IrStatement, { kind: 'assign' }>;
    (assign.target as { slot: number }).slot = 7;
    assign.value = { ...assign.value, type: { kind: 'bit', width: 16, signed: false } };
    expect(validateProgram(ir)).toEqual([
      'control C: slot 7 of x outside a frame of 1',
      "control C: assignment of 'bit<16>' to 'bit<8>'",
    ]);
  });

  it('formats expressions for traces', () => {
    const ir = accepted('control C(inout bit<8> x) { apply { x = x |+| 3; } }');
    expect(formatExpr(ir, assignedValue(body(ir, 'C')[0]))).toBe('addSat(x$0, 3:bit<8>):bit<8>');
  });
});
