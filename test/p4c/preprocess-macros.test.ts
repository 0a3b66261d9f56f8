import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { preprocessText, type PreprocessOptions } from '../../src/p4c/preprocess.js';

// #define / #undef and macro expansion (C11 §6.10.3), through the public API.

function run(source: string, options: PreprocessOptions = {}) {
  const diagnostics = new Diagnostics();
  const result = preprocessText(source, '/v/main.p4', diagnostics, { includePaths: [], readFile: () => undefined, ...options });
  return {
    lines: result.text.split('\n'),
    origins: result.lineOrigins,
    messages: diagnostics.items.map(formatDiagnostic),
  };
}

/** The non-blank output lines, trimmed: what the expansion produced. */
function expand(source: string, options: PreprocessOptions = {}): string[] {
  return run(source, options)
    .lines.map((line) => line.trim())
    .filter((line) => line !== '');
}

describe('object-like macros', () => {
  it('replaces the name by the body, keeping the rest of the line byte for byte', () => {
    const { lines, messages } = run('#define WIDTH 16\nconst bit<WIDTH>  x = WIDTH;   // w\n');
    expect(lines[1]).toBe('const bit<16>  x = 16;   ');
    expect(messages).toEqual([]);
  });

  it('rescans the replacement and expands chains', () => {
    expect(expand('#define A B\n#define B C\n#define C 7\nA')).toEqual(['7']);
  });

  it('does not expand a macro inside its own expansion (C11 §6.10.3.4p2)', () => {
    expect(expand('#define foo foo + 1\nfoo')).toEqual(['foo + 1']);
    expect(expand('#define a b\n#define b a\na b')).toEqual(['a b']);
  });

  it('expands to nothing for an empty body', () => {
    expect(expand('#define EMPTY\nx EMPTY y')).toEqual(['x  y']);
  });

  it('does not expand inside string literals', () => {
    expect(expand('#define X 1\n"X" X')).toEqual(['"X" 1']);
  });

  it('keeps tokens apart that would merge when printed together', () => {
    expect(expand('#define N -1\n-N')).toEqual(['- -1']);
    expect(expand('#define E\n-E-')).toEqual(['- -']);
    expect(expand('#define P +\na+P')).toEqual(['a+ +']);
  });

  it('keeps P4 operators written inside a body intact', () => {
    expect(expand('#define M 0x0800 &&& 0xffff\nM')).toEqual(['0x0800 &&& 0xffff']);
    expect(expand('#define R 1..5\nR')).toEqual(['1..5']);
  });

  it('#undef removes a definition; undefining an unknown name is fine', () => {
    expect(expand('#define X 1\nX\n#undef X\nX\n#undef NEVER')).toEqual(['1', 'X']);
  });

  it('warns on an incompatible redefinition only', () => {
    expect(run('#define X 1\n#define X 1\n').messages).toEqual([]);
    expect(run('#define X 1 + 2\n#define X 1 +  2\n').messages).toEqual([]);
    expect(run('#define X 1\n#define X 2\nX').messages).toEqual(['/v/main.p4:2:9: warning: "X" redefined']);
  });

  it('reports malformed definitions', () => {
    expect(run('#define\n').messages).toEqual(['/v/main.p4:1:2: error: no macro name given in #define directive']);
    expect(run('#define 3 x\n').messages).toEqual(['/v/main.p4:1:9: error: macro names must be identifiers']);
    expect(run('#define defined 1\n').messages).toEqual(['/v/main.p4:1:9: error: "defined" cannot be used as a macro name']);
    expect(run('#define X ## y\n').messages).toEqual(["/v/main.p4:1:11: error: '##' cannot appear at either end of a macro expansion"]);
    expect(run('#define X y ##\n').messages).toEqual(["/v/main.p4:1:13: error: '##' cannot appear at either end of a macro expansion"]);
  });
});

describe('function-like macros', () => {
  it('substitutes arguments', () => {
    expect(expand('#define ADD(a, b) ((a) + (b))\nADD(1, 2 * 3)')).toEqual(['((1) + (2 * 3))']);
  });

  it('is object-like when whitespace separates the name from "("', () => {
    expect(expand('#define F (x)\nF')).toEqual(['(x)']);
  });

  it('leaves the name alone when no "(" follows', () => {
    expect(expand('#define F(x) [x]\nF + F(1)')).toEqual(['F + [1]']);
  });

  it('keeps nested parentheses and commas inside them in one argument', () => {
    expect(expand('#define FIRST(a, b) a\nFIRST((1, 2), 3)')).toEqual(['(1, 2)']);
  });

  it('accepts empty arguments and zero-parameter macros', () => {
    expect(expand('#define F(a, b) <a|b>\nF(,)')).toEqual(['<|>']);
    expect(expand('#define Z() zero\nZ()')).toEqual(['zero']);
  });

  it('pre-expands arguments before substitution', () => {
    expect(expand('#define ONE 1\n#define ID(x) x\nID(ONE)')).toEqual(['1']);
  });

  it('handles a call spread over several lines, keeping every line in place', () => {
    const { lines, origins } = run('#define F(a, b) a + b\nF(1,\n  2) ; after\nnext');
    expect(lines).toEqual(['', '1 + 2', '     ; after', 'next']);
    expect(origins.map((origin) => origin.line)).toEqual([1, 2, 3, 4]);
  });

  it('keeps tokens on either side of a line break inside arguments apart', () => {
    expect(expand('#define F(a) [a]\nF(1\n1)')).toEqual(['[1 1]']);
  });

  it('finds "(" after an expansion that ends with a function-like name', () => {
    expect(expand('#define f(x) [x]\n#define g f\ng(1)')).toEqual(['[1]']);
  });

  it('follows the C11 §6.10.3.4 EXAMPLE rescanning rules (f(2)(9))', () => {
    expect(expand('#define f(a) a*g\n#define g(a) f(a)\nf(2)(9)')).toEqual(['2*9*g']);
  });

  it('reports a wrong argument count and drops the call', () => {
    const result = run('#define F(a, b) a\nF(1)\nF(1, 2, 3)\n#define Z() z\nZ(1)');
    expect(result.messages).toEqual([
      '/v/main.p4:2:1: error: macro "F" requires 2 arguments, but only 1 given',
      '/v/main.p4:3:1: error: macro "F" passed 3 arguments, but takes just 2',
      '/v/main.p4:5:1: error: macro "Z" passed 1 arguments, but takes just 0',
    ]);
  });

  it('reports an unterminated argument list', () => {
    expect(run('#define F(a) a\nF(1, \n#define G\n').messages).toEqual([
      '/v/main.p4:2:1: error: unterminated argument list invoking macro "F"',
    ]);
  });

  it('reports bad parameter lists', () => {
    expect(run('#define F(a, a) a\n').messages).toEqual(['/v/main.p4:1:14: error: duplicate macro parameter "a"']);
    expect(run('#define F(a\n').messages).toEqual(["/v/main.p4:1:9: error: missing ')' in macro parameter list"]);
    expect(run('#define F(a b) a\n').messages).toEqual(["/v/main.p4:1:13: error: expected ',' or ')' in macro parameter list"]);
    expect(run('#define F(1) x\n').messages).toEqual(['/v/main.p4:1:11: error: expected parameter name, found "1"']);
    expect(run('#define F(a) #b\n').messages).toEqual(["/v/main.p4:1:14: error: '#' is not followed by a macro parameter"]);
  });
});

describe('# and ## operators', () => {
  it('stringizes the unexpanded argument, escaping quotes and backslashes in strings', () => {
    expect(expand('#define S(x) #x\n#define ONE 1\nS(ONE)  S( a  +  b )  S("q\\\\")')).toEqual(['"ONE"  "a + b"  "\\"q\\\\\\\\\\""']);
  });

  it('pastes tokens into one token', () => {
    expect(expand('#define CAT(a, b) a ## b\nCAT(x, y) CAT(hdr_, 1) CAT(8w, 5)')).toEqual(['xy hdr_1 8w5']);
  });

  it('does not expand an argument next to ## but rescans the result', () => {
    expect(expand('#define AB done\n#define A nope\n#define CAT(a, b) a ## b\nCAT(A, B)')).toEqual(['done']);
  });

  it('pastes with empty arguments (placemarkers, C11 §6.10.3.3p2)', () => {
    expect(expand('#define CAT(a, b) a ## b\n[CAT(, x)] [CAT(x, )] [CAT(, )]')).toEqual(['[x] [x] []']);
  });

  it('chains ## left to right', () => {
    expect(expand('#define CAT3(a, b, c) a ## b ## c\nCAT3(a, b, c)')).toEqual(['abc']);
  });

  it('reads consecutive ## operators as one, as gcc does', () => {
    expect(expand('#define CAT(a, b) a #### b\n#define C3(a, b) a ## ## ## b\nCAT(x, y) C3(x, y)')).toEqual(['xy xy']);
  });

  it('reports a paste that does not form a token', () => {
    const result = run('#define CAT(a, b) a ## b\nCAT(x, +)');
    expect(result.messages).toEqual(['/v/main.p4:2:1: error: pasting "x" and "+" does not give a valid preprocessing token']);
    expect(result.lines[1]).toBe('x +');
  });

  it('can paste P4 operators', () => {
    expect(expand('#define CAT(a, b) a ## b\nv CAT(&&, &) m')).toEqual(['v &&& m']);
  });
});

describe('variadic macros', () => {
  it('collects the remaining arguments in __VA_ARGS__', () => {
    expect(expand('#define CALL(f, ...) f(__VA_ARGS__)\nCALL(g, 1, 2, 3)')).toEqual(['g(1, 2, 3)']);
  });

  it('accepts a call without variable arguments', () => {
    expect(expand('#define CALL(f, ...) f(__VA_ARGS__)\nCALL(g)')).toEqual(['g()']);
  });

  it('supports gcc named variadic parameters and the `, ## __VA_ARGS__` comma removal', () => {
    expect(expand('#define LOG(fmt, args...) log(fmt, ## args)\nLOG("a")\nLOG("b", 1, 2)')).toEqual(['log("a")', 'log("b", 1, 2)']);
    expect(expand('#define E(...) [__VA_ARGS__]\nE() E(1,2)')).toEqual(['[] [1,2]']);
  });

  it('stringizes variable arguments', () => {
    expect(expand('#define S(...) #__VA_ARGS__\nS(a, b,c)')).toEqual(['"a, b,c"']);
  });
});

describe('predefined and command-line macros', () => {
  it('__LINE__ and __FILE__ give the current line and file', () => {
    expect(expand('a\n__LINE__ __FILE__')).toEqual(['a', '2 "/v/main.p4"']);
  });

  it('supports the gcc builtins __COUNTER__, __INCLUDE_LEVEL__ and __BASE_FILE__', () => {
    const files: Record<string, string> = { '/v/inc.p4': '__INCLUDE_LEVEL__ __BASE_FILE__ __FILE__' };
    const options = { readFile: (path: string) => files[path] };
    expect(expand('__COUNTER__ __COUNTER__\n#define UNIQUE(x) x ## __COUNTER__\n__INCLUDE_LEVEL__\n#include "inc.p4"', options)).toEqual([
      '0 1',
      '0',
      '1 "/v/main.p4" "/v/inc.p4"',
    ]);
  });

  it('__LINE__ inside a macro is the line of the call', () => {
    expect(expand('#define HERE __LINE__\n\n\nHERE')).toEqual(['4']);
  });

  it('takes defines from the options, including function-like ones', () => {
    expect(expand('X F(2)', { defines: { X: '42', 'F(a)': 'a * a' } })).toEqual(['42 2 * 2']);
  });

  it('reports a bad define from the options', () => {
    expect(run('', { defines: { '1X': '1' } }).messages).toEqual([
      '<command-line>:1:1: error: in definition of "1X": macro names must be identifiers',
    ]);
  });
});

describe('expansion limits', () => {
  it('stops an exponential expansion with a diagnostic instead of hanging', () => {
    let source = '#define L0 x x\n';
    for (let level = 1; level <= 40; level++) source += `#define L${level} L${level - 1} L${level - 1}\n`;
    source += 'L40\n';
    const started = Date.now();
    const result = run(source);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.messages).toContain('/v/main.p4:42:1: error: macro expansion too large; further macros are left unexpanded');
  });

  it('stops an exponential function-like expansion too', () => {
    const source = '#define F(x) x x\n' + 'F('.repeat(40) + '1' + ')'.repeat(40);
    const started = Date.now();
    const messages = run(source).messages;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^\/v\/main\.p4:2:\d+: error: macro expansion too large/);
  });

  it('stops a chain of thousands of nested macros before their hide sets exhaust memory', () => {
    let source = '';
    for (let index = 0; index < 5000; index++) source += `#define A${index} A${index + 1}\n`;
    const started = Date.now();
    const result = run(source + 'A0\n');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.messages).toEqual(['/v/main.p4:5001:1: error: macro expansion too large; further macros are left unexpanded']);
  });

  it('follows a chain of a thousand nested macros to its end', () => {
    let source = '';
    for (let index = 0; index < 1000; index++) source += `#define A${index} A${index + 1}\n`;
    expect(expand(source + 'A0\n')).toEqual(['A1000']);
  });

  it('expands a line holding a hundred thousand macro uses in linear time', () => {
    const started = Date.now();
    const { lines } = run('#define X 1\n' + 'X '.repeat(100_000));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(lines[1]).toBe('1 '.repeat(100_000));
  });

  it('stops deeply nested argument expansion with a diagnostic', () => {
    const source = '#define F(x) x\n' + 'F('.repeat(300) + '1' + ')'.repeat(300);
    const result = run(source);
    expect(result.messages.some((message) => message.endsWith('error: macro arguments nested too deeply'))).toBe(true);
  });
});
