import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { preprocessText, type PreprocessOptions } from '../../src/p4c/preprocess.js';

// Conditional inclusion (C11 §6.10.1) and the #if expression evaluator.

function run(source: string, options: PreprocessOptions = {}) {
  const diagnostics = new Diagnostics();
  const result = preprocessText(source, '/v/main.p4', diagnostics, { includePaths: [], readFile: () => undefined, ...options });
  return {
    kept: result.text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    lines: result.text.split('\n'),
    messages: diagnostics.items.map(formatDiagnostic),
  };
}

/** Value of a #if expression as the preprocessor sees it: 'true', 'false' or the diagnostics. */
function truth(expression: string, prelude = ''): string {
  const result = run(`${prelude}\n#if ${expression}\nyes\n#else\nno\n#endif\n`);
  if (result.messages.length > 0) return result.messages.join('; ');
  return result.kept.join() === 'yes' ? 'true' : 'false';
}

describe('#if / #elif / #else / #endif', () => {
  it('keeps exactly one group and blanks the others, keeping line numbers', () => {
    const result = run('#if 0\na\n#elif 1\nb\n#elif 1\nc\n#else\nd\n#endif\ne');
    expect(result.kept).toEqual(['b', 'e']);
    expect(result.lines).toHaveLength(10);
    expect(result.lines[3]).toBe('b');
  });

  it('takes #else when no group matched', () => {
    expect(run('#if 0\na\n#elif 0\nb\n#else\nc\n#endif').kept).toEqual(['c']);
  });

  it('nests', () => {
    const source = '#if 1\n#if 0\na\n#else\nb\n#endif\n#else\n#if 1\nc\n#endif\n#endif';
    expect(run(source).kept).toEqual(['b']);
  });

  it('does not evaluate expressions or process directives in skipped groups', () => {
    const source = '#if 0\n#if 1/0\n#endif\n#error no\n#define X 1\n#bogus\n#elif 0\n#endif\n#if 1\n#elif 1/0\n#endif\nX';
    const result = run(source);
    expect(result.messages).toEqual([]);
    expect(result.kept).toEqual(['X']);
  });

  it('supports #ifdef and #ifndef', () => {
    expect(run('#define A\n#ifdef A\na\n#endif\n#ifndef A\nb\n#endif\n#ifndef B\nc\n#endif').kept).toEqual(['a', 'c']);
  });

  it('reports misplaced directives', () => {
    expect(run('#endif').messages).toEqual(['/v/main.p4:1:2: error: #endif without #if']);
    expect(run('#else').messages).toEqual(['/v/main.p4:1:2: error: #else without #if']);
    expect(run('#elif 1').messages).toEqual(['/v/main.p4:1:2: error: #elif without #if']);
    expect(run('#if 1\n#else\n#else\n#endif').messages).toEqual(['/v/main.p4:3:2: error: #else after #else']);
    expect(run('#if 1\n#else\n#elif 1\n#endif').messages).toEqual(['/v/main.p4:3:2: error: #elif after #else']);
  });

  it('reports an unterminated conditional at its opening directive', () => {
    expect(run('x\n  #ifdef A\ny\n').messages).toEqual(['/v/main.p4:2:4: error: unterminated #ifdef']);
    expect(run('#if 1\n#if 0\n').messages).toEqual(['/v/main.p4:1:2: error: unterminated #if', '/v/main.p4:2:2: error: unterminated #if']);
  });

  it('requires conditionals to balance within each included file', () => {
    const files: Record<string, string> = { '/v/open.p4': '#if 1\n' };
    const result = run('#include "open.p4"\n#endif\n', { readFile: (path) => files[path] });
    expect(result.messages).toEqual(['/v/open.p4:1:2: error: unterminated #if', '/v/main.p4:2:2: error: #endif without #if']);
  });

  it('reports bad #ifdef operands and warns on extra tokens', () => {
    expect(run('#ifdef\n#endif').messages).toEqual(['/v/main.p4:1:2: error: no macro name given in #ifdef directive']);
    expect(run('#ifdef 3\n#endif').messages).toEqual(['/v/main.p4:1:8: error: macro names must be identifiers']);
    expect(run('#ifdef A B\n#endif').messages).toEqual(['/v/main.p4:1:10: warning: extra tokens at end of #ifdef directive']);
    expect(run('#if 1\n#endif X').messages).toEqual(['/v/main.p4:2:8: warning: extra tokens at end of #endif directive']);
  });
});

describe('#if expressions', () => {
  const cases: [string, boolean][] = [
    ['1', true],
    ['0', false],
    ['2 + 3 * 4 == 14', true],
    ['(2 + 3) * 4 == 20', true],
    ['10 / 3 == 3 && 10 % 3 == 1', true],
    ['-7 / 2 == -3 && -7 % 2 == -1', true], // C11 §6.5.5p6: truncation toward zero
    ['1 << 4 == 16 && 256 >> 4 == 16', true],
    ['-16 >> 2 == -4', true],
    ['(5 & 3) == 1 && (5 | 3) == 7 && (5 ^ 3) == 6', true],
    ['~0 == -1', true],
    ['!0 && !!5 == 1', true],
    ['-(-3) == +3', true],
    ['1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3 && 1 != 2', true],
    ['1 ? 2 : 0', true],
    ['0 ? 1 : 0', false],
    ['1 ? 0 : 1 ? 1 : 1', false],
    ['0 || 0 || 3', true],
    ['0x10 == 16 && 010 == 8 && 0b101 == 5', true],
    ['10u == 10 && 7L == 7 && 0x10ULL == 16', true],
    ['-1 > 0u', true], // C11 §6.3.1.8: -1 converts to unsigned
    ['-1 < 0', true],
    ['18446744073709551615 == -1', true], // too large for intmax_t: unsigned
    ['0x7fffffffffffffff + 1 < 0', true], // wraps like gcc's 64-bit arithmetic
    ['UNDEFINED_NAME == 0', true], // C11 §6.10.1p4
    ['(1, 0)', false], // gcc accepts the comma operator
    ['0 && 1 / 0', false], // not evaluated: no division by zero
    ['1 || 1 % 0', true],
    ['0 ? 1 / 0 : 2', true],
  ];
  for (const [expression, expected] of cases) {
    it(`${expression} is ${expected}`, () => {
      expect(truth(expression)).toBe(String(expected));
    });
  }

  it('evaluates defined X and defined(X) before macro expansion', () => {
    expect(truth('defined A && defined(A) && !defined B', '#define A 0')).toBe('true');
    expect(truth('defined(A)', '#define A B')).toBe('true');
  });

  it('leaves alone the operand of a `defined` that a macro produced, as gcc does', () => {
    const prelude = '#define X 5\n#define HX defined X\n#define HP defined ( X )\n#define HY defined(Y)';
    expect(truth('HX && HP && !HY', prelude)).toBe('true');
  });

  it('expands macros, including function-like ones, before evaluating', () => {
    expect(truth('VERSION >= 20200408', '#define VERSION 20200408')).toBe('true');
    expect(truth('MAX(3, 7) == 7', '#define MAX(a, b) ((a) > (b) ? (a) : (b))')).toBe('true');
    expect(truth('__LINE__ == 2')).toBe('true');
  });

  it('supports gcc\'s __has_include, resolved like #include', () => {
    const files: Record<string, string> = { '/v/lib/here.p4': '', '/sys/sys.p4': '' };
    const options = { includePaths: ['/sys'], readFile: (path: string) => files[path] };
    const source = '#if __has_include("lib/here.p4") && __has_include(<sys.p4>) && !__has_include(<lib/here.p4>)\nyes\n#endif\n#ifdef __has_include\ndefined\n#endif';
    expect(run(source, options).kept).toEqual(['yes', 'defined']);
    expect(run('#if __has_include(nothing)\n#endif', options).messages).toEqual([
      '/v/main.p4:1:5: error: operator "__has_include" requires a header name',
    ]);
  });

  it('honours defines given in the options', () => {
    expect(run('#if V1MODEL_VERSION >= 20200408\nnew\n#endif', { defines: { V1MODEL_VERSION: '20200408' } }).kept).toEqual(['new']);
  });

  it('reports errors with their column and takes the group as false', () => {
    expect(truth('1 / 0')).toBe('/v/main.p4:2:7: error: division by zero in #if');
    expect(truth('5 % (2 - 2)')).toBe('/v/main.p4:2:7: error: division by zero in #if');
    expect(truth('')).toBe('/v/main.p4:2:2: error: #if with no expression');
    expect(truth('1 +')).toBe('/v/main.p4:2:2: error: #if with no expression or missing operand');
    expect(truth('(1')).toBe("/v/main.p4:2:2: error: missing ')' in #if expression");
    expect(truth('1 2')).toBe('/v/main.p4:2:7: error: missing binary operator before token "2"');
    expect(truth('1 ? 2')).toBe("/v/main.p4:2:2: error: expected ':' in #if expression");
    expect(truth('"s"')).toBe('/v/main.p4:2:5: error: token ""s"" is not valid in preprocessor expressions');
    expect(truth('1 = 1')).toBe('/v/main.p4:2:7: error: missing binary operator before token "="');
    expect(truth('8w5')).toBe('/v/main.p4:2:5: error: invalid integer constant "8w5" in #if');
    expect(truth('1.5')).toBe('/v/main.p4:2:5: error: floating constant in preprocessor expression');
    expect(truth('09')).toBe('/v/main.p4:2:5: error: invalid digit in octal constant "09"');
    expect(truth('99999999999999999999')).toBe('/v/main.p4:2:5: error: integer constant "99999999999999999999" is too large for its type');
    expect(truth('defined')).toBe('/v/main.p4:2:5: error: operator "defined" requires an identifier');
    expect(truth('defined(A')).toBe('/v/main.p4:2:13: error: operator "defined" requires an identifier');
  });

  it('stops an absurdly nested expression with a diagnostic', () => {
    expect(truth('('.repeat(5000) + '1' + ')'.repeat(5000))).toMatch(/error: #if expression nested too deeply$/);
    expect(truth('!'.repeat(5000) + '1')).toMatch(/error: #if expression nested too deeply$/);
  });
});
