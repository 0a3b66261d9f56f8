// `list<T>` (P4_16 v1.2.4 "List types"): parsing, typedefs, list expressions
// converted by a cast, extern constructor arguments, and the errors around them.

import { describe, expect, it } from 'vitest';
import { compileSources } from '../../src/p4c/index.js';
import { formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { parseText } from '../../src/p4c/parser.js';
import { Diagnostics } from '../../src/p4c/diagnostics.js';
import { printProgram } from '../../src/p4c/printer.js';
import { typeToString, type IrProgram } from '../../src/p4c/ir.js';

const TAIL = `
control C();
package top(C c);
top(c()) main;
`;

function compile(body: string): { ir?: IrProgram; errors: string[] } {
  const result = compileSources({ 'main.p4': '#include <core.p4>\n' + body + TAIL }, 'main.p4');
  const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d).replace(/^.*?: error: /, ''));
  return { ir: result.ir, errors };
}

describe('list<T>', () => {
  const table = `
extern Table<K, V> {
    Table(list<tuple<K, V>> rows);
    void run();
}
typedef list<tuple<bit<8>, bit<16>>> Rows;
`;

  it('passes a cast list expression to an extern constructor, elements converted to the element type', () => {
    const { ir, errors } = compile(`${table}
control c() {
    Table<bit<8>, bit<16>>((list<tuple<bit<8>, bit<16>>>){ {1, 2}, {3, 4}, {5, 6} }) t;
    apply { t.run(); }
}`);
    expect(errors).toEqual([]);
    const instance = ir!.instances.find((e) => e.name === 't');
    expect(instance).toBeDefined();
    expect(typeToString(instance!.args[0].type)).toBe('list<tuple<bit<8>, bit<16>>>');
    expect(instance!.args[0].value).toEqual([[1, 2], [3, 4], [5, 6]]);
  });

  it('accepts a typedef of a list type, the spaced `> > >` form and an empty list', () => {
    const { errors } = compile(`${table}
control c() {
    Table<bit<8>, bit<16>>((Rows){ {7, 8} }) a;
    Table<bit<8>, bit<16>>((list<tuple<bit<8>, bit<16> > >){ }) b;
    apply { a.run(); b.run(); }
}`);
    expect(errors).toEqual([]);
  });

  it('infers the extern type arguments through list<tuple<K, V>>', () => {
    const { ir, errors } = compile(`${table}
control c() {
    Table<bit<8>, bit<16>>((Rows){ {9, 10} }) t;
    apply { t.run(); }
}`);
    expect(errors).toEqual([]);
    expect(ir!.instances.find((e) => e.name === 't')!.typeArgs.map(typeToString)).toEqual(['bit<8>', 'bit<16>']);
  });

  it('rejects an element that does not convert, a wrong list type and `_` inside list', () => {
    expect(
      compile(`${table}
control c() {
    Table<bit<8>, bit<16>>((list<tuple<bit<8>, bit<16>>>){ {true, 2} }) t;
    apply { t.run(); }
}`).errors,
    ).toEqual(["cannot implicitly convert 'bool' to 'bit<8>'"]);
    expect(
      compile(`${table}
control c() {
    Table<bit<8>, bit<16>>((list<tuple<bit<16>, bit<16>>>){ }) t;
    apply { t.run(); }
}`).errors,
    ).toEqual(["argument rows of Table: cannot implicitly convert 'list<tuple<bit<16>, bit<16>>>' to 'list<tuple<bit<8>, bit<16>>>'"]);
    expect(compile('type list<_> Narrow;\ncontrol c() { apply { } }').errors).toEqual(["'_' can only be used as a type argument"]);
  });

  it('still lets a program name a variable `list` and prints the type back', () => {
    expect(
      compile(`
control c() {
    apply { bit<8> list = 1; list = list + 1; }
}`).errors,
    ).toEqual([]);
    const diagnostics = new Diagnostics();
    const program = parseText('typedef list<tuple<bit<8>, bool>> L;', 'main.p4', diagnostics);
    expect(diagnostics.items.length).toBe(0);
    expect(printProgram(program).trim()).toBe('typedef list<tuple<bit<8>, bool>> L;');
  });
});
