import { describe, expect, it } from 'vitest';
import type { ConstantDeclaration, Expr, Loc, Program } from '../../src/p4c/ast.js';
import { Diagnostics, formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { parseText } from '../../src/p4c/parser.js';
import { printExpr, printProgram } from '../../src/p4c/printer.js';

// The printer's own rules: minimal parentheses from the precedence table,
// token-safe spacing, and a stable layout. Round-trip over the whole corpus is
// in parser-corpus.test.ts.

function parseClean(text: string): Program {
  const diagnostics = new Diagnostics();
  const program = parseText(text, 'printer.p4', diagnostics);
  expect(diagnostics.items.map(formatDiagnostic)).toEqual([]);
  return program;
}

function reprint(expression: string, prelude = ''): string {
  const program = parseClean(`${prelude}\nconst int x = ${expression};`);
  return printExpr((program.declarations[program.declarations.length - 1] as ConstantDeclaration).value);
}

const loc: Loc = { file: 'built.p4', line: 1, col: 1 };
const path = (name: string): Expr => ({ kind: 'Path', name, global: false, loc });
const binary = (op: '-' | '*' | '<' | '>' | '==', left: Expr, right: Expr): Expr => ({ kind: 'Binary', op, left, right, loc });

describe('expression printing', () => {
  const cases: [string, string][] = [
    ['a + b * c', 'a + b * c'],
    ['(a + b) * c', '(a + b) * c'],
    ['((a)) + (((b)))', 'a + b'],
    ['a - (b - c)', 'a - (b - c)'],
    ['(a - b) - c', 'a - b - c'],
    ['a & (b == c)', 'a & (b == c)'],
    ['(a & b) == c', 'a & b == c'],
    ['-(-a)', '- -a'],
    ['+(+a)', '+ +a'],
    ['-(+a)', '- +a'],
    ['!(!p)', '!!p'],
    ['~(a + b)', '~(a + b)'],
    ['(p ? a : b) ? c : d', '(p ? a : b) ? c : d'],
    ['p ? (q ? a : b) : (r ? c : d)', 'p ? q ? a : b : r ? c : d'],
    ['(p ? a : b) + 1', '(p ? a : b) + 1'],
    ['(bit<8>)(a + b)', '(bit<8>)(a + b)'],
    ['((bit<8>)a) + b', '(bit<8>)a + b'],
    ['((bit<8>)a).b', '((bit<8>)a).b'],
    ['(a + b)[7:0]', '(a + b)[7:0]'],
    ['(a ++ b)[3:0]', '(a ++ b)[3:0]'],
    ['(-a).b', '(-a).b'],
    ['f<bit<8>>(x, y = 1, _)', 'f<bit<8>>(x, y = 1, _)'],
    ['a >> 2', 'a >> 2'],
    ['{1, {a = 2, ...}, {#}, {}}', '{1, {a = 2, ...}, {#}, {}}'],
    ['.a + 0x0F + 8w0b1 + 4s1_0', '.a + 0x0F + 8w0b1 + 4s1_0'],
    ['"q\\"s"', '"q\\"s"'],
  ];
  for (const [source, printed] of cases) {
    it(source, () => expect(reprint(source)).toBe(printed));
  }

  it('a comparison under a comparison keeps its parentheses (the `<` ambiguity)', () => {
    expect(reprint('(a < b) > (c)')).toBe('(a < b) > c');
    expect(printExpr(binary('>', binary('<', path('a'), path('T')), path('c')))).toBe('(a < T) > c');
    expect(printExpr(binary('<', path('a'), binary('>', path('T'), path('c'))))).toBe('a < (T > c)');
  });

  it('parenthesizes hand-built trees by precedence, not by how they were written', () => {
    expect(printExpr(binary('*', binary('-', path('a'), path('b')), binary('-', path('c'), path('d'))))).toBe('(a - b) * (c - d)');
    expect(printExpr(binary('-', path('a'), binary('-', path('b'), path('c'))))).toBe('a - (b - c)');
    expect(printExpr(binary('==', binary('==', path('a'), path('b')), path('c')))).toBe('a == b == c');
  });
});

describe('program layout', () => {
  it('prints a stable, indented layout', () => {
    const program = parseClean(`header h_t { bit<8> x; }
control C(inout h_t h)(bit<8> k) { action a(bit<8> v) { h.x = v; }
table t { key = { h.x: exact @n; } actions = { a; } const entries = { priority = 1: 1 &&& 3: a(2); } }
apply { if (h.isValid()) { t.apply(); } else { exit; } switch (t.apply().action_run) { a: default: { } } } }`);
    expect(printProgram(program)).toBe(`header h_t {
    bit<8> x;
}

control C(inout h_t h)(bit<8> k) {
    action a(bit<8> v) {
        h.x = v;
    }
    table t {
        key = {
            h.x: exact @n;
        }
        actions = {
            a;
        }
        const entries = {
            priority = 1: 1 &&& 3: a(2);
        }
    }
    apply {
        if (h.isValid()) {
            t.apply();
        } else {
            exit;
        }
        switch (t.apply().action_run) {
            a:
            default: { }
        }
    }
}
`);
  });

  it('unstructured annotation tokens keep `>>` adjacent and strings quoted', () => {
    const program = parseClean('@a(x >> 1, "s", > >) const int y = 1;');
    // Tokens are space-separated; two `>` are always printed adjacent (a spaced `> >` becomes `>>`).
    expect(printProgram(program)).toBe('@a(x >> 1 , "s" , >>) const int y = 1;\n');
  });

  it('@pragma prints as an ordinary annotation', () => {
    const program = parseClean('@pragma stage 3\nconst int y = 1;');
    expect(printProgram(program)).toBe('@stage(3) const int y = 1;\n');
  });

  it('typedefs of inline types and serializable enums', () => {
    const program = parseClean('typedef struct s { bit<8> a; } t;\nenum bit<2> e { A = 1 }');
    expect(printProgram(program)).toBe('typedef struct s {\n    bit<8> a;\n} t;\n\nenum bit<2> e {\n    A = 1,\n}\n');
  });
});

describe('pragmas that cannot become `@name(...)`', () => {
  it('an unbalanced pragma body is printed back as @pragma on its own line', () => {
    const program = parseClean('@pragma odd ( a\nconst int y = 1;');
    const printed = printProgram(program);
    expect(printed).toBe('@pragma odd ( a\n const int y = 1;\n');
    expect(printProgram(parseClean(printed))).toBe(printed);
  });
});
