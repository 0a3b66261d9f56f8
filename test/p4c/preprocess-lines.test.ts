import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { MAX_INCLUDE_DEPTH, preprocess, preprocessText, type PreprocessOptions } from '../../src/p4c/preprocess.js';

// Comments, line splicing, #include, #line, #error/#warning, #pragma and the
// line map from output lines back to files.

function run(files: Record<string, string>, options: PreprocessOptions = {}, main = '/v/main.p4') {
  const diagnostics = new Diagnostics();
  const result = preprocess(main, diagnostics, { includePaths: ['/sys'], readFile: (path) => files[path], ...options });
  return {
    text: result.text,
    lines: result.text.split('\n'),
    origins: result.lineOrigins.map((origin) => `${origin.file}:${origin.line}`),
    messages: diagnostics.items.map(formatDiagnostic),
  };
}

function one(source: string) {
  return run({ '/v/main.p4': source });
}

describe('line map', () => {
  it('maps each output line to its input line, one to one for plain text', () => {
    const result = one('a\nb\n\nc');
    expect(result.text).toBe('a\nb\n\nc');
    expect(result.origins).toEqual(['/v/main.p4:1', '/v/main.p4:2', '/v/main.p4:3', '/v/main.p4:4']);
  });

  it('has no extra line for a final newline, and one empty line for an empty file', () => {
    expect(one('a\n').lines).toEqual(['a']);
    expect(one('').lines).toEqual(['']);
    expect(one('').origins).toEqual(['/v/main.p4:1']);
  });

  it('accepts CRLF and CR line ends and drops a byte order mark', () => {
    expect(one('a\r\nb\rc').lines).toEqual(['a', 'b', 'c']);
    expect(one('\uFEFFa').lines).toEqual(['a']);
  });

  it('gives directives an empty line so later lines keep their number', () => {
    const result = one('#define X 1\nX\n#undef X\nlast');
    expect(result.lines).toEqual(['', '1', '', 'last']);
  });
});

describe('comments and splices', () => {
  it('removes line comments and blanks block comments in place', () => {
    expect(one('a // note\nb /* x */ c').lines).toEqual(['a ', 'b         c']);
  });

  it('keeps the lines of a multi-line block comment', () => {
    const result = one('a /* one\ntwo\nthree */ b\nc');
    expect(result.lines).toEqual(['a       ', '   ', '         b', 'c']);
    expect(result.origins).toEqual(['/v/main.p4:1', '/v/main.p4:2', '/v/main.p4:3', '/v/main.p4:4']);
  });

  it('does not see comments inside strings, nor directives inside comments', () => {
    expect(one('"a // b /* c" d').lines).toEqual(['"a // b /* c" d']);
    expect(one('/*\n#error hidden\n*/x').lines).toEqual(['  ', '             ', '  x']);
    expect(one('/*\n#error hidden\n*/x').messages).toEqual([]);
  });

  it('continues a line comment onto the next line after a backslash', () => {
    expect(one('a // note \\\nstill comment\nb').lines).toEqual(['a ', '', 'b']);
  });

  it('joins spliced lines and keeps the line count', () => {
    const result = one('#define LONG 1 + \\\n  2\nLONG\nab\\\ncd');
    expect(result.lines).toEqual(['', '', '1 + 2', 'abcd', '']);
    expect(result.origins).toEqual(['/v/main.p4:1', '/v/main.p4:2', '/v/main.p4:3', '/v/main.p4:4', '/v/main.p4:5']);
  });

  it('reports positions after a splice on their physical line, as cpp does', () => {
    expect(one('a \\\n  __LINE__').lines).toEqual(['a   2', '']);
    expect(one('#error one \\\n two').messages).toEqual(['/v/main.p4:1:2: error: #error one  two']);
    expect(one('#if 1 + \\\n   2 3\n#endif').messages).toEqual(['/v/main.p4:2:6: error: missing binary operator before token "3"']);
  });

  it('does not take a line starting with ## for a directive', () => {
    expect(one('## x').lines).toEqual(['## x']);
    expect(one('## x').messages).toEqual([]);
  });

  it('lets a block comment continue a directive onto the next lines', () => {
    const result = one('#define X 1 /* a\n b */ + 2\nX');
    expect(result.lines[2]).toBe('1 + 2');
  });

  it('splices before recognizing comments and inside strings (C11 §5.1.1.2 phase 2 before 3)', () => {
    expect(one('a /\\\n* c */ b\nz').lines).toEqual(['a         b', '', 'z']);
    expect(one('"ab\\\ncd" x\ny').lines).toEqual(['"abcd" x', '', 'y']);
    expect(one('#define S "a\\\nb"\nS').lines).toEqual(['', '', '"ab"']);
    expect(one('x \\   \ny').lines).toEqual(['x y', '']); // gcc accepts blanks after the backslash
  });

  it('leaves a stray */ and an unterminated string to the lexer', () => {
    expect(one('a */ b').lines).toEqual(['a */ b']);
    expect(one('"open\nnext').lines).toEqual(['"open', 'next']);
    expect(one('"open\nnext').messages).toEqual([]);
  });

  it('reports an unterminated block comment where it starts', () => {
    expect(one('a\n  /* open\nb').messages).toEqual(['/v/main.p4:2:3: error: unterminated comment']);
  });
});

describe('#include', () => {
  const files = {
    '/v/main.p4': '#include "local.p4"\n#include <sys.p4>\nmain',
    '/v/local.p4': 'local1\nlocal2',
    '/sys/sys.p4': 'sys',
  };

  it('inlines files and maps their lines to the included file', () => {
    const result = run(files);
    expect(result.lines).toEqual(['', 'local1', 'local2', '', 'sys', 'main']);
    expect(result.origins).toEqual([
      '/v/main.p4:1',
      '/v/local.p4:1',
      '/v/local.p4:2',
      '/v/main.p4:2',
      '/sys/sys.p4:1',
      '/v/main.p4:3',
    ]);
  });

  it('resolves "..." against the including file first, then the search path; <...> only on the search path', () => {
    const tree = {
      '/v/main.p4': '#include "lib/a.p4"\n#include <b.p4>',
      '/v/lib/a.p4': '#include "b.p4"',
      '/v/lib/b.p4': 'lib-b',
      '/v/b.p4': 'main-dir-b',
      '/sys/b.p4': 'sys-b',
    };
    expect(run(tree).lines.filter((line) => line !== '')).toEqual(['lib-b', 'sys-b']);
    const noLocal = { ...tree, '/v/lib/b.p4': undefined } as unknown as Record<string, string>;
    expect(run(noLocal).lines.filter((line) => line !== '')).toEqual(['sys-b', 'sys-b']);
  });

  it('reports a missing file at the directive', () => {
    const result = run({ '/v/main.p4': 'a\n  #include "none.p4"\n#include <none.p4>' });
    expect(result.messages).toEqual([
      '/v/main.p4:2:4: error: cannot find include file "none.p4"',
      '/v/main.p4:3:2: error: cannot find include file <none.p4>',
    ]);
  });

  it('reports a malformed #include', () => {
    expect(one('#include\n').messages).toEqual(['/v/main.p4:1:2: error: #include expects "FILENAME" or <FILENAME>']);
    expect(one('#include ""\n').messages).toEqual(['/v/main.p4:1:2: error: empty filename in #include']);
    expect(run({ ...files, '/v/main.p4': '#include "local.p4" x' }).messages).toEqual([
      '/v/main.p4:1:2: warning: extra tokens at end of #include directive',
    ]);
  });

  it('accepts a macro that expands to the file name', () => {
    const result = run({ ...files, '/v/main.p4': '#define HEADER <sys.p4>\n#include HEADER\n#define LOCAL "local.p4"\n#include LOCAL' });
    expect(result.lines.filter((line) => line !== '')).toEqual(['sys', 'local1', 'local2']);
  });

  it('includes a #pragma once file only once', () => {
    const result = run({ '/v/main.p4': '#include "o.p4"\n#include "o.p4"\n#include "./o.p4"', '/v/o.p4': '#pragma once\nonce' });
    expect(result.lines.filter((line) => line !== '')).toEqual(['once']);
  });

  it('honours include guards, skipping a guarded file the second time', () => {
    const guarded = '// header\n#ifndef G\n#define G\nguarded\n#endif\n\n';
    const result = run({ '/v/main.p4': '#include "g.p4"\n#include "g.p4"\nend', '/v/g.p4': guarded });
    expect(result.lines).toEqual(['', '', '', '', 'guarded', '', '', '', 'end']);
    expect(result.messages).toEqual([]);
  });

  it('reads a file again when something lies outside its guard', () => {
    const withElse = '#ifndef G\n#define G\nfirst\n#else\nagain\n#endif';
    expect(run({ '/v/main.p4': '#include "g.p4"\n#include "g.p4"', '/v/g.p4': withElse }).lines.filter((line) => line !== '')).toEqual([
      'first',
      'again',
    ]);
    const trailing = '#ifndef G\n#define G\n#endif\ntail';
    expect(run({ '/v/main.p4': '#include "g.p4"\n#include "g.p4"', '/v/g.p4': trailing }).lines.filter((line) => line !== '')).toEqual([
      'tail',
      'tail',
    ]);
  });

  it('shares macros between files in inclusion order', () => {
    const result = run({ '/v/main.p4': '#include "d.p4"\nW', '/v/d.p4': '#define W 32' });
    expect(result.lines[2]).toBe('32');
  });

  it('stops a self-including file at the depth limit', () => {
    const result = run({ '/v/main.p4': '#include "main.p4"\nx' });
    expect(result.messages).toEqual([`/v/main.p4:1:2: error: #include nested depth ${MAX_INCLUDE_DEPTH + 1} exceeds maximum of ${MAX_INCLUDE_DEPTH}`]);
  });

  it('stops an include bomb (each file including itself twice) in bounded time', () => {
    const started = Date.now();
    const result = run({ '/v/main.p4': '#include "main.p4"\n#include "main.p4"\n' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.messages.length).toBeGreaterThan(0);
    expect(result.messages.every((message) => /error: (#include nested depth|more than 4000 #include)/.test(message))).toBe(true);
  });
});

describe('#line', () => {
  it('renumbers the following lines and renames the file', () => {
    const result = one('a\n#line 100 "gen.p4"\nb\n__LINE__ __FILE__\n#line 7\nc');
    expect(result.origins).toEqual(['/v/main.p4:1', '/v/main.p4:2', 'gen.p4:100', 'gen.p4:101', 'gen.p4:102', 'gen.p4:7']);
    expect(result.lines[3]).toBe('101 "gen.p4"');
  });

  it('uses the new name and number in diagnostics', () => {
    expect(one('#line 50 "x.p4"\n#error here').messages).toEqual(['x.p4:50:2: error: #error here']);
  });

  it('accepts gcc line markers and macros', () => {
    expect(one('# 33 "m.p4" 1\nz').origins).toEqual(['/v/main.p4:1', 'm.p4:33']);
    expect(one('#define N 10\n#line N\nz').origins[2]).toBe('/v/main.p4:10');
  });

  it('reports a malformed #line', () => {
    expect(one('#line\n').messages).toEqual(['/v/main.p4:1:2: error: #line directive requires a line number']);
    expect(one('#line x\n').messages).toEqual(['/v/main.p4:1:7: error: "x" after #line is not a positive integer']);
    expect(one('#line 5 name\n').messages).toEqual(['/v/main.p4:1:9: error: invalid filename "name" in #line']);
    expect(one('#line 5 "f" x\n').messages).toEqual(['/v/main.p4:1:13: warning: extra tokens at end of #line directive']);
    expect(one('# 5 "f" 1 3\n').messages).toEqual([]);
    expect(one('# 5 "f" 7\n').messages).toEqual(['/v/main.p4:1:9: error: invalid flag "7" in line directive']);
    const huge = one('#line 4294967297\nx');
    expect(huge.messages).toEqual(['/v/main.p4:1:7: warning: line number out of range']);
    expect(huge.origins[1]).toBe('/v/main.p4:1'); // kept modulo 2^32, as gcc does
  });
});

describe('other directives', () => {
  it('#error and #warning report their text at the directive', () => {
    expect(one('\n #error bad  thing \n#warning careful').messages).toEqual([
      '/v/main.p4:2:3: error: #error bad  thing',
      '/v/main.p4:3:2: warning: #warning careful',
    ]);
  });

  it('drops #pragma lines and the null directive', () => {
    const result = one('#pragma anything here\n#\nx');
    expect(result.lines).toEqual(['', '', 'x']);
    expect(result.messages).toEqual([]);
  });

  it('rejects unknown directives', () => {
    expect(one('#include_next <x>').messages).toEqual(['/v/main.p4:1:2: error: invalid preprocessing directive #include_next']);
  });
});

describe('entry points', () => {
  it('preprocessText takes the text and a file name for the map', () => {
    const diagnostics = new Diagnostics();
    const result = preprocessText('#include "x.p4"\nmain', '/t/main.p4', diagnostics, { includePaths: [], readFile: (path) => (path === '/t/x.p4' ? 'x' : undefined) });
    expect(result.text).toBe('\nx\nmain');
    expect(result.lineOrigins).toEqual([
      { file: '/t/main.p4', line: 1 },
      { file: '/t/x.p4', line: 1 },
      { file: '/t/main.p4', line: 2 },
    ]);
  });

  it('reports a main file that cannot be read', () => {
    const diagnostics = new Diagnostics();
    const result = preprocess('/nowhere/main.p4', diagnostics, { readFile: () => undefined });
    expect(diagnostics.items.map(formatDiagnostic)).toEqual(['/nowhere/main.p4:1:1: error: cannot open source file "/nowhere/main.p4"']);
    expect(result.lineOrigins).toHaveLength(1);
  });

  it('reads the disk and finds the architecture files by default', () => {
    const directory = mkdtempSync(join(tmpdir(), 'softmesh-preprocess-'));
    try {
      mkdirSync(join(directory, 'inc'));
      writeFileSync(join(directory, 'main.p4'), '#include <core.p4>\n#include "inc/local.p4"\nLOCAL\n');
      writeFileSync(join(directory, 'inc', 'local.p4'), '#define LOCAL ok\n');
      const diagnostics = new Diagnostics();
      const result = preprocess(join(directory, 'main.p4'), diagnostics);
      expect(diagnostics.items).toEqual([]);
      expect(result.lineOrigins.some((origin) => origin.file.endsWith('p4/arch/core.p4'))).toBe(true);
      expect(result.text.split('\n').at(-1)).toBe('ok');
      expect(result.text).toContain('extern packet_in');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
