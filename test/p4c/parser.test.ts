import { describe, expect, it } from 'vitest';
import type {
  ConstantDeclaration, ControlDecl, Declaration, Expr, Keyset, ParserDecl, Program, Statement, TableDecl, TypeRef,
} from '../../src/p4c/ast.js';
import { Diagnostics, formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { lex } from '../../src/p4c/lexer.js';
import { identitySource, parseText } from '../../src/p4c/parser.js';
import { printType } from '../../src/p4c/printer.js';

// Golden AST tests for the grammar's tricky spots. Expressions are compared in
// a compact prefix form so precedence and grouping are visible at a glance.

function parseClean(text: string): Program {
  const diagnostics = new Diagnostics();
  const program = parseText(text, 'test.p4', diagnostics);
  expect(diagnostics.items.map(formatDiagnostic)).toEqual([]);
  return program;
}

function show(expr: Expr): string {
  switch (expr.kind) {
    case 'IntLiteral':
      return expr.text;
    case 'BoolLiteral':
      return String(expr.value);
    case 'StringLiteral':
      return JSON.stringify(expr.value);
    case 'Path':
      return (expr.global ? '.' : '') + expr.name;
    case 'Member':
      return `${show(expr.expr)}.${expr.member}`;
    case 'Index':
      return `(index ${show(expr.expr)} ${show(expr.index)})`;
    case 'PlusSlice':
      return `(plusslice ${show(expr.expr)} ${show(expr.lo)} ${show(expr.width)})`;
    case 'Slice':
      return `(slice ${show(expr.expr)} ${show(expr.hi)} ${show(expr.lo)})`;
    case 'Call': {
      const typeArgs = expr.typeArgs.length > 0 ? `<${expr.typeArgs.map(printType).join(',')}>` : '';
      const args = expr.args.map((arg) => (arg.name ? `${arg.name}=` : '') + show(arg.value));
      return `(call ${show(expr.callee)}${typeArgs}${args.map((arg) => ' ' + arg).join('')})`;
    }
    case 'Unary':
      return `(${expr.op} ${show(expr.expr)})`;
    case 'Binary':
      return `(${expr.op} ${show(expr.left)} ${show(expr.right)})`;
    case 'Ternary':
      return `(? ${show(expr.cond)} ${show(expr.then)} ${show(expr.else)})`;
    case 'Cast':
      return `(cast ${printType(expr.type)} ${show(expr.expr)})`;
    case 'List':
      return `{${expr.elements.map(show).join(' ')}${expr.dots ? ' ...' : ''}}`;
    case 'StructExpr':
      return `{${expr.fields.map((field) => `${field.name}=${show(field.value)}`).join(' ')}${expr.dots ? ' ...' : ''}}`;
    case 'Invalid':
      return '{#}';
    case 'DontCare':
      return '_';
    case 'TypeName':
      return `(type ${printType(expr.type)})`;
  }
}

function showKeyset(keyset: Keyset): string {
  switch (keyset.kind) {
    case 'KeysetExpr':
      return show(keyset.expr);
    case 'Mask':
      return `(mask ${show(keyset.value)} ${show(keyset.mask)})`;
    case 'Range':
      return `(range ${show(keyset.lo)} ${show(keyset.hi)})`;
    case 'Default':
      return 'default';
    case 'DontCareKey':
      return '_';
    case 'Tuple':
      return `(${keyset.elements.map(showKeyset).join(' ')})`;
  }
}

/** The initializer of `const <type> x = <text>;`, with declared type names available. */
function expression(text: string, prelude = ''): string {
  const program = parseClean(`${prelude}\nconst int x = ${text};`);
  const last = program.declarations[program.declarations.length - 1] as ConstantDeclaration;
  return show(last.value);
}

function applyStatements(body: string, prelude = ''): Statement[] {
  const program = parseClean(`${prelude}\ncontrol C() { apply { ${body} } }`);
  return (program.declarations[program.declarations.length - 1] as ControlDecl).body.statements;
}

describe('operator precedence (spec §8)', () => {
  const cases: [string, string][] = [
    ['a + b * c', '(+ a (* b c))'],
    ['a - b - c', '(- (- a b) c)'],
    ['a / b % c', '(% (/ a b) c)'],
    ['a << 1 + b', '(<< a (+ 1 b))'],
    ['a >> 1 << 2', '(<< (>> a 1) 2)'],
    ['a & b | c ^ d', '(| (& a b) (^ c d))'],
    ['a | b ^ c & d', '(| a (^ b (& c d)))'],
    // Unlike C, bitwise operators bind tighter than comparisons.
    ['a & b == c', '(== (& a b) c)'],
    ['a | b < c', '(< (| a b) c)'],
    ['a < b == c > d', '(== (< a b) (> c d))'],
    ['a == b != c', '(!= (== a b) c)'],
    ['p || q && r', '(|| p (&& q r))'],
    ['p && q || r && s', '(|| (&& p q) (&& r s))'],
    ['a ++ b + c', '(+ (++ a b) c)'],
    ['a + b ++ c', '(++ (+ a b) c)'],
    ['a |+| b |-| c * d', '(|-| (|+| a b) (* c d))'],
    ['-a + ~b', '(+ (- a) (~ b))'],
    ['!p && q', '(&& (! p) q)'],
    ['- -a', '(- (- a))'],
    ['-a.b[1]', '(- (index a.b 1))'],
    ['p ? a : b', '(? p a b)'],
    ['p ? q ? a : b : c', '(? p (? q a b) c)'],
    ['p ? a : q ? b : c', '(? p a (? q b c))'],
    ['p || q ? a + 1 : b', '(? (|| p q) (+ a 1) b)'],
    ['(a + b) * c', '(* (+ a b) c)'],
    ['a <= b && b >= c', '(&& (<= a b) (>= b c))'],
  ];
  for (const [text, expected] of cases) {
    it(text, () => expect(expression(text)).toBe(expected));
  }
});

describe('postfix, slices, casts', () => {
  it('slices and indexes', () => {
    expect(expression('h.f[7:0]')).toBe('(slice h.f 7 0)');
    expect(expression('s[i + 1].f[3:2 * 1]')).toBe('(slice (index s (+ i 1)).f 3 (* 2 1))');
    expect(expression('(a ++ b)[11:4]')).toBe('(slice (++ a b) 11 4)');
  });

  it('indexed part selects `e[lo +: width]`: `+:` is not an addition', () => {
    expect(expression('h.f[i+:8]')).toBe('(plusslice h.f i 8)');
    expect(expression('h.f[i + 1 +: 2 * 4] + 1')).toBe('(+ (plusslice h.f (+ i 1) (* 2 4)) 1)');
  });

  it('casts bind like prefix operators', () => {
    expect(expression('(bit<8>)a + 1')).toBe('(+ (cast bit<8> a) 1)');
    expect(expression('(bit<8>)(a + 1)')).toBe('(cast bit<8> (+ a 1))');
    expect(expression('(bit<8>)-a')).toBe('(cast bit<8> (- a))');
    expect(expression('(bit<8>)(int<8>)a')).toBe('(cast bit<8> (cast int<8> a))');
    expect(expression('(bit<8>)a.b[0:0]')).toBe('(cast bit<8> (slice a.b 0 0))');
  });

  it('a parenthesized name is a cast only when it is a declared type name', () => {
    const prelude = 'typedef bit<8> T;';
    expect(expression('(T)a', prelude)).toBe('(cast T a)');
    expect(expression('(T) - a', prelude)).toBe('(cast T (- a))');
    expect(expression('(a) - b', prelude)).toBe('(- a b)');
    expect(expression('(.T)a', prelude)).toBe('(cast .T a)');
  });

  it('an enum member in parentheses is not a cast', () => {
    expect(expression('(E.A) + 1', 'enum E { A }')).toBe('(+ E.A 1)');
  });

  it('typed struct initializer', () => {
    expect(expression('(S){a = 1, ...}', 'struct S { bit<8> a; bit<8> b; }')).toBe('(cast S {a=1 ...})');
  });

  it('method calls, named and don\'t-care arguments', () => {
    expect(expression('f(1, x = 2, _)')).toBe('(call f 1 x=2 _)');
    expect(expression('a.b().c(d)')).toBe('(call (call a.b).c d)');
    expect(expression('error.NoError')).toBe('error.NoError');
    expect(expression('.x + .y')).toBe('(+ .x .y)');
  });

  it('list, struct and invalid expressions', () => {
    expect(expression('{1, {2, 3}, ...}')).toBe('{1 {2 3} ...}');
    expect(expression('{}')).toBe('{}');
    expect(expression('{...}')).toBe('{ ...}');
    expect(expression('{a = 1, b = {c = 2}}')).toBe('{a=1 b={c=2}}');
    expect(expression('{#}')).toBe('{#}');
    expect(expression('{1, 2,}')).toBe('{1 2}');
  });
});

describe('the `<` ambiguity: type arguments versus less-than', () => {
  const prelude = 'typedef bit<8> T; header H { bit<8> x; }';
  it('explicit type arguments when a type follows and `>(` closes', () => {
    expect(expression('f<bit<8>>(x)', prelude)).toBe('(call f<bit<8>> x)');
    expect(expression('p.lookahead<H>()', prelude)).toBe('(call p.lookahead<H>)');
    expect(expression('f<T, tuple<T, bool>>(x)', prelude)).toBe('(call f<T,tuple<T, bool>> x)');
    expect(expression('f<_>(x)', prelude)).toBe('(call f<_> x)');
  });

  it('less-than when the right side is not a type name', () => {
    expect(expression('a < b', prelude)).toBe('(< a b)');
    expect(expression('a < b && c > (d)', prelude)).toBe('(&& (< a b) (> c d))');
    expect(expression('a < T', prelude)).toBe('(< a T)');
  });

  it('less-than when the type list is not followed by a call', () => {
    expect(expression('a < T > b', prelude)).toBe('(> (< a T) b)');
  });

  it('statement start: declared type names begin declarations', () => {
    const statements = applyStatements('T x; H[2] s; f<T>(x); a[1] = 2; x = 1; T = 2;', prelude);
    expect(statements.map((statement) => statement.kind)).toEqual([
      'VariableDeclaration', 'VariableDeclaration', 'MethodCallStatement', 'Assignment', 'Assignment', 'Assignment',
    ]);
  });
});

describe('`>>` as two `>` tokens', () => {
  it('closes nested type argument lists', () => {
    const program = parseClean('struct P<T> { T a; }\ntypedef P<P<bit<8>>> D;\nextern E<T> { E(); }\ncontrol C() { E<tuple<bit<8>, P<bit<4>>>>() e; apply { } }');
    const typedef = program.declarations[1];
    expect(typedef.kind === 'TypedefDecl' && printType(typedef.type as TypeRef)).toBe('P<P<bit<8>>>');
    const control = program.declarations[3] as ControlDecl;
    expect(control.locals[0].kind === 'Instantiation' && printType(control.locals[0].type)).toBe('E<tuple<bit<8>, P<bit<4>>>>');
  });

  it('is a shift only when the two `>` are adjacent', () => {
    expect(expression('a >> 2')).toBe('(>> a 2)');
    expect(expression('a >> b >> c')).toBe('(>> (>> a b) c)');
    const diagnostics = new Diagnostics();
    parseText('const int x = a > > 2;', 't.p4', diagnostics);
    expect(diagnostics.items.map(formatDiagnostic)).toEqual(["t.p4:1:19: error: expected an expression, found '>'"]);
  });

  it('`>=` after a type is a comparison token', () => {
    expect(expression('a >= b')).toBe('(>= a b)');
  });
});

describe('literals (spec §6.4.3)', () => {
  function literal(text: string) {
    const program = parseClean(`const int x = ${text};`);
    const value = (program.declarations[0] as ConstantDeclaration).value;
    if (value.kind !== 'IntLiteral') throw new Error(`not an integer literal: ${value.kind}`);
    return { value: value.value, width: value.width, signed: value.signed, text: value.text };
  }
  const cases: [string, bigint, number | undefined, boolean][] = [
    ['42', 42n, undefined, false],
    ['1_000', 1000n, undefined, false],
    ['0x0800', 0x800n, undefined, false],
    ['0XfF', 255n, undefined, false],
    ['0b1010_1010', 0xaan, undefined, false],
    ['0o17', 15n, undefined, false],
    ['0d99', 99n, undefined, false],
    ['8w255', 255n, 8, false],
    ['8s127', 127n, 8, true],
    ['32w0xdead_beef', 0xdeadbeefn, 32, false],
    ['4w0b1010', 10n, 4, false],
    ['16s0x7fff', 0x7fffn, 16, true],
    ['128w0xffffffffffffffffffffffffffffffff', (1n << 128n) - 1n, 128, false],
  ];
  for (const [text, value, width, signed] of cases) {
    it(text, () => expect(literal(text)).toEqual({ value, width, signed, text }));
  }

  it('negative literals are a unary minus', () => {
    expect(expression('-8s1')).toBe('(- 8s1)');
  });

  it('booleans and strings with escapes left as written', () => {
    expect(expression('true')).toBe('true');
    const program = parseClean('const string s = "a\\"b\\\\c\\n";');
    const value = (program.declarations[0] as ConstantDeclaration).value;
    expect(value).toMatchObject({ kind: 'StringLiteral', value: 'a\\"b\\\\c\\n' });
  });

  it('bad literals are diagnostics', () => {
    const diagnostics = new Diagnostics();
    lex(identitySource('0x 8w 0b2 12abc 4w0x_1 "open\n', 'l.p4'), diagnostics);
    expect(diagnostics.items.map(formatDiagnostic)).toEqual([
      "l.p4:1:1: error: invalid integer literal '0x'",
      "l.p4:1:4: error: invalid integer literal '8w'",
      "l.p4:1:7: error: invalid integer literal '0b2'",
      "l.p4:1:11: error: invalid integer literal '12abc'",
      "l.p4:1:17: error: invalid integer literal '4w0x_1'",
      'l.p4:1:24: error: unterminated string literal',
    ]);
  });
});

describe('annotations (spec §18)', () => {
  function annotationsOf(text: string) {
    const program = parseClean(`${text}\nconst int x = 1;`);
    return (program.declarations[0] as ConstantDeclaration).annotations.map((annotation) => {
      const body = annotation.body;
      switch (body.kind) {
        case 'empty':
          return `@${annotation.name}`;
        case 'unstructured':
          return `@${annotation.name}(${body.tokens.map((token) => `${token.kind}:${token.text}`).join(' ')})${body.exprs ? ` exprs=[${body.exprs.map(show).join(', ')}]` : ''}`;
        case 'expressionList':
          return `@${annotation.name}[${body.exprs.map(show).join(', ')}]`;
        case 'kvList':
          return `@${annotation.name}[${body.pairs.map((pair) => `${pair.key}=${show(pair.value)}`).join(', ')}]`;
      }
    });
  }

  it('unstructured bodies keep tokens and, when possible, expressions', () => {
    expect(annotationsOf('@name("x.y") @id(3) @hidden')).toEqual([
      '@name(string:x.y) exprs=["x.y"]',
      '@id(int:3) exprs=[3]',
      '@hidden',
    ]);
    expect(annotationsOf('@a(1, b + 2) @b(not an expression) @c()')).toEqual([
      '@a(int:1 punct:, ident:b punct:+ int:2) exprs=[1, (+ b 2)]',
      '@b(ident:not ident:an ident:expression)',
      '@c() exprs=[]',
    ]);
    expect(annotationsOf('@k(table (x) bit<8>>)')).toEqual([
      '@k(keyword:table punct:( ident:x punct:) keyword:bit punct:< int:8 punct:> punct:>)',
    ]);
    expect(annotationsOf('@s(a >> 1)')).toEqual(['@s(ident:a punct:> punct:> int:1) exprs=[(>> a 1)]']);
  });

  it('structured bodies: expression lists and key-value lists', () => {
    expect(annotationsOf('@e[1, "two", true] @kv[size = 16, name = "t"] @z[]')).toEqual([
      '@e[1, "two", true]',
      '@kv[size=16, name="t"]',
      '@z[]',
    ]);
  });

  it('@pragma takes the rest of the line', () => {
    expect(annotationsOf('@pragma stage 1, 2\n@pragma soup 1 2\n@pragma bare')).toEqual([
      '@stage(int:1 punct:, int:2) exprs=[1, 2]',
      '@soup(int:1 int:2)',
      '@bare() exprs=[]',
    ]);
  });

  it('keywords are valid annotation names', () => {
    expect(annotationsOf('@priority(2) @type')).toEqual(['@priority(int:2) exprs=[2]', '@type']);
  });
});

describe('keysets (spec §13.6)', () => {
  function selectKeysets(cases: string): string[] {
    const program = parseClean(`parser P() { state start { transition select(a, b) { ${cases} } } }`);
    const state = (program.declarations[0] as ParserDecl).states[0];
    if (state.transition?.kind !== 'Select') throw new Error('no select');
    return state.transition.cases.map((selectCase) => `${showKeyset(selectCase.keyset)}->${selectCase.state}`);
  }

  it('tuples, masks, ranges, default and _', () => {
    expect(selectKeysets('(1, _): s1; (2 &&& 3, 4 .. 5): s2; (default, 6): s3; default: accept; _: reject;')).toEqual([
      '(1 _)->s1', '((mask 2 3) (range 4 5))->s2', '(default 6)->s3', 'default->accept', '_->reject',
    ]);
  });

  it('a parenthesized single keyset is the keyset itself', () => {
    expect(selectKeysets('(1): a; (1 &&& 2): b; (default): c; (_): d; (1) + 2: e; vs: f;')).toEqual([
      '1->a', '(mask 1 2)->b', 'default->c', '_->d', '(+ 1 2)->e', 'vs->f',
    ]);
  });

  it('mask and range bind looser than every operator', () => {
    expect(selectKeysets('a + 1 &&& b | c: s; 1 << 2 .. 3 * 4: t;')).toEqual([
      '(mask (+ a 1) (| b c))->s', '(range (<< 1 2) (* 3 4))->t',
    ]);
  });
});

describe('declarations', () => {
  it('tables: every property kind', () => {
    const program = parseClean(`control C() {
      table t {
        key = { h.a: exact @n("k"); h.b & 3: ternary; }
        actions = { a; @defaultonly b(1); .c; }
        const default_action = a();
        size = 1024;
        @x my_property = 7;
        const entries = { const priority = 2: (1, _): a(); 5: b(2) @e; }
      }
      apply { } }`);
    const table = (program.declarations[0] as ControlDecl).locals[0] as TableDecl;
    const summary = table.properties.map((property) => {
      switch (property.kind) {
        case 'Key':
          return `key ${property.elements.map((element) => `${show(element.expr)}:${element.matchKind}/${element.annotations.length}`).join(' ')}`;
        case 'Actions':
          return `actions ${property.actions.map((action) => `${show(action.expr)}/${action.annotations.length}`).join(' ')}`;
        case 'Entries':
          return `entries const=${property.isConst} ${property.entries
            .map((entry) => `${entry.isConst ? 'const ' : ''}${entry.priority ? `p${show(entry.priority)} ` : ''}${showKeyset(entry.keyset)}:${show(entry.action.expr)}/${entry.annotations.length}`)
            .join(' | ')}`;
        case 'Value':
          return `${property.isConst ? 'const ' : ''}${property.name}=${show(property.value)}/${property.annotations.length}`;
      }
    });
    expect(summary).toEqual([
      'key h.a:exact/1 (& h.b 3):ternary/0',
      'actions a/0 (call b 1)/1 .c/0',
      'const default_action=(call a)/0',
      'size=1024/0',
      'my_property=7/1',
      'entries const=true const p2 (1 _):(call a)/0 | 5:(call b 2)/1',
    ]);
  });

  it('extern objects: constructors, abstract and generic methods', () => {
    const program = parseClean('extern E<T> { E(T x); abstract T f<U>(in U u); void g(); }');
    const extern = program.declarations[0];
    expect(extern.kind).toBe('ExternObjectDecl');
    if (extern.kind !== 'ExternObjectDecl') return;
    expect(extern.typeParams).toEqual(['T']);
    expect(extern.methods.map((method) => [method.name, method.returnType && printType(method.returnType), method.typeParams, method.isAbstract])).toEqual([
      ['E', undefined, [], false],
      ['f', 'T', ['U'], true],
      ['g', 'void', [], false],
    ]);
  });

  it('extern functions versus objects with generic return types', () => {
    const program = parseClean('struct S<T> { T a; }\nextern S<bit<8>> f<X>(in X x);\nextern O<T> { }');
    expect(program.declarations.map((declaration) => declaration.kind)).toEqual(['StructDecl', 'ExternFunctionDecl', 'ExternObjectDecl']);
  });

  it('parser and control types versus declarations; constructor parameters', () => {
    const program = parseClean('parser P<H>(out H h);\nparser Q(out bit<8> h)(bit<8> k) { state start { transition accept; } }\ncontrol C<H>(inout H h);\ncontrol D()(bool b) { apply { } }\npackage S<H>(P<H> p);');
    expect(program.declarations.map((declaration) => declaration.kind)).toEqual(['ParserTypeDecl', 'ParserDecl', 'ControlTypeDecl', 'ControlDecl', 'PackageTypeDecl']);
    const q = program.declarations[1] as ParserDecl;
    expect(q.ctorParams.map((param) => param.name)).toEqual(['k']);
  });

  it('instantiations with abstract method implementations', () => {
    const program = parseClean('extern V { V(); abstract bit<8> f(); }\ncontrol C() { V() v = { bit<8> f() { return this.g(); } }; apply { } }');
    const instance = (program.declarations[1] as ControlDecl).locals[0];
    expect(instance.kind).toBe('Instantiation');
    if (instance.kind !== 'Instantiation') return;
    expect(instance.initializer?.map((declaration: Declaration) => declaration.kind)).toEqual(['FunctionDecl']);
  });

  it('serializable enums and typedefs of inline types', () => {
    const program = parseClean('enum bit<8> E { A = 1, B }\ntypedef struct S { bit<8> a; } T;\ntype bit<8> N;');
    const [enumeration, typedef, newType] = program.declarations;
    expect(enumeration.kind === 'EnumDecl' && enumeration.underlyingType && printType(enumeration.underlyingType)).toBe('bit<8>');
    expect(typedef.kind === 'TypedefDecl' && typedef.type.kind).toBe('StructDecl');
    expect(newType.kind === 'TypedefDecl' && newType.isNewType).toBe(true);
  });

  it('switch labels: action names, expressions, fall-through, default', () => {
    const [statement] = applyStatements('switch (t.apply().action_run) { a: b: { } 1 + 1: { } default: }');
    expect(statement.kind).toBe('Switch');
    if (statement.kind !== 'Switch') return;
    expect(statement.cases.map((c) => `${'kind' in c.label && c.label.kind === 'Default' ? 'default' : show(c.label as Expr)}${c.body ? '{}' : ''}`)).toEqual([
      'a', 'b{}', '(+ 1 1){}', 'default',
    ]);
  });

  it('soft keywords as names', () => {
    const statements = applyStatements('key = apply + state; type(priority); entries.actions = 1;');
    expect(statements.map((statement) => statement.kind)).toEqual(['Assignment', 'MethodCallStatement', 'Assignment']);
  });
});

describe('locations', () => {
  it('come from lineOrigins, columns are 1-based', () => {
    const diagnostics = new Diagnostics();
    const source = { text: 'const int a = 1;\n  const int b = x;', lineOrigins: [{ file: 'a.p4', line: 10 }, { file: 'b.p4', line: 3 }] };
    const program = parseText('', 'unused.p4', diagnostics);
    expect(program.declarations).toEqual([]);
    const tokens = lex(source, diagnostics);
    expect(tokens[0].loc).toEqual({ file: 'a.p4', line: 10, col: 1 });
    expect(tokens.find((token) => token.text === 'x')?.loc).toEqual({ file: 'b.p4', line: 3, col: 17 });
  });

  it('node locations point at the first token after annotations', () => {
    const program = parseClean('\n  @a const int x = 1 + 2;');
    const constant = program.declarations[0] as ConstantDeclaration;
    expect(constant.loc).toEqual({ file: 'test.p4', line: 2, col: 6 });
    expect(constant.annotations[0].loc).toEqual({ file: 'test.p4', line: 2, col: 3 });
    expect(constant.value.loc).toEqual({ file: 'test.p4', line: 2, col: 20 });
  });
});

describe('lexical details', () => {
  it('skips a byte order mark and keeps columns 1-based', () => {
    const tokens = lex(identitySource('\uFEFFconst', 'bom.p4'), new Diagnostics());
    expect(tokens[0]).toMatchObject({ kind: 'keyword', text: 'const', loc: { file: 'bom.p4', line: 1, col: 1 } });
  });

  it('comments are skipped, including across lines, and lines keep counting', () => {
    const tokens = lex(identitySource('a /* x\ny */ b // c\nd', 'c.p4'), new Diagnostics());
    expect(tokens.map((token) => `${token.text}@${token.loc.line}:${token.loc.col}`)).toEqual(['a@1:1', 'b@2:6', 'd@3:1', '@3:2']);
  });

  it('`>>` is lexed as two `>` tokens, adjacent or not', () => {
    const tokens = lex(identitySource('>> > >', 's.p4'), new Diagnostics());
    expect(tokens.map((token) => [token.text, token.start, token.end])).toEqual([['>', 0, 1], ['>', 1, 2], ['>', 3, 4], ['>', 5, 6], ['', 6, 6]]);
  });

  it('a preprocessor directive left in the input is reported and skipped', () => {
    const diagnostics = new Diagnostics();
    const program = parseText('#include <core.p4>\nconst int x = 1;', 'raw.p4', diagnostics);
    expect(diagnostics.items.map(formatDiagnostic)).toEqual(['raw.p4:1:1: error: unexpected preprocessor directive']);
    expect(program.declarations).toHaveLength(1);
  });
});

describe('for statements (spec v1.2.5 §12.15)', () => {
  it('three-part form: comma-separated declarations, assignments and calls', () => {
    const [loop] = applyStatements('for (bit<8> i = 0, bit<8> j = 1, f(); i < j; i = i + 1, g()) { break; }');
    expect(loop.kind).toBe('For');
    if (loop.kind !== 'For') return;
    expect(loop.init.map((item) => item.kind)).toEqual(['VariableDeclaration', 'VariableDeclaration', 'MethodCallStatement']);
    expect(show(loop.cond)).toBe('(< i j)');
    expect(loop.update.map((item) => item.kind)).toEqual(['Assignment', 'MethodCallStatement']);
    expect(loop.body.kind === 'Block' && loop.body.statements[0].kind).toBe('Break');
  });

  it('empty init and update lists', () => {
    const [loop] = applyStatements('for (; x < 3; ) continue;');
    expect(loop.kind === 'For' && [loop.init.length, loop.update.length, loop.body.kind]).toEqual([0, 0, 'Continue']);
  });

  it('for-in over a range and over an expression, with annotations', () => {
    const [range, stack] = applyStatements('for (@a bit<8> v in 1 .. n + 1) ; @b for (h_t e in hdr.s) { }', 'header h_t { }');
    expect(range.kind).toBe('ForIn');
    if (range.kind !== 'ForIn' || stack.kind !== 'ForIn') return;
    expect(range.variableAnnotations.map((annotation) => annotation.name)).toEqual(['a']);
    expect(range.collection.kind === 'Range' && [show(range.collection.lo), show(range.collection.hi)]).toEqual(['1', '(+ n 1)']);
    expect(stack.annotations.map((annotation) => annotation.name)).toEqual(['b']);
    expect(stack.collection.kind === 'Expr' && show(stack.collection.expr)).toBe('hdr.s');
  });

  it('instantiations are statements of a block', () => {
    const [instance] = applyStatements('E(1) e; e.f();', 'extern E { E(bit<8> x); void f(); }');
    expect(instance.kind === 'Instantiation' && instance.name).toBe('e');
  });
});
