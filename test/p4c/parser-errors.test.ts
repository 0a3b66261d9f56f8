import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { parseText } from '../../src/p4c/parser.js';
import { MAX_NESTING } from '../../src/p4c/parser/cursor.js';

// Negative corpus: each program in corpus/errors has a golden list of
// diagnostics (`file:line:col: error: message`) in a `.expected` file next to
// it. Regenerate with UPDATE_GOLDEN=1 and review the diff.

const errorsDirectory = fileURLToPath(new URL('./corpus/errors/', import.meta.url));
const errorFiles = readdirSync(errorsDirectory).filter((name) => name.endsWith('.p4')).sort();
const update = process.env.UPDATE_GOLDEN === '1';

function diagnosticsOf(text: string, file: string, maxErrors?: number): string[] {
  const diagnostics = new Diagnostics(maxErrors);
  parseText(text, file, diagnostics);
  return diagnostics.items.map(formatDiagnostic);
}

describe('negative corpus', () => {
  for (const name of errorFiles) {
    it(name, () => {
      const actual = diagnosticsOf(readFileSync(join(errorsDirectory, name), 'utf8'), name);
      expect(actual.length).toBeGreaterThan(0);
      const goldenPath = join(errorsDirectory, name.replace(/\.p4$/, '.expected'));
      if (update) writeFileSync(goldenPath, actual.join('\n') + '\n');
      expect(existsSync(goldenPath), `${goldenPath} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(actual.join('\n') + '\n').toBe(readFileSync(goldenPath, 'utf8'));
    });
  }
});

describe('error reporting', () => {
  it('reports `expected X, found Y` at the offending token', () => {
    expect(diagnosticsOf('const bit<8> a = 1\nconst bit<8> b = 2;', 'x.p4')).toEqual([
      "x.p4:2:1: error: expected ';', found 'const'",
    ]);
    expect(diagnosticsOf('header h {', 'y.p4')).toEqual(["y.p4:1:11: error: expected '}', found end of file"]);
  });

  it('recovers and reports several errors in one run', () => {
    const text = 'const bit<8> a = ;\nconst bit<8> b = 2;\nconst bit<8> c = ;\nstruct s { bit<8> ; }';
    expect(diagnosticsOf(text, 'r.p4')).toEqual([
      "r.p4:1:18: error: expected an expression, found ';'",
      "r.p4:3:18: error: expected an expression, found ';'",
      "r.p4:4:19: error: expected a field name, found ';'",
    ]);
  });

  it('stops at maxErrors', () => {
    const text = 'const bit<8> a = ;\n'.repeat(50);
    expect(diagnosticsOf(text, 'm.p4', 5)).toHaveLength(5);
  });

  it('deep nesting gives a diagnostic, not a stack overflow', () => {
    const depth = 20_000;
    const cases = [
      `const int x = ${'('.repeat(depth)}1${')'.repeat(depth)};`,
      `const int x = ${'-'.repeat(depth)}1;`,
      `const int x = ${'{'.repeat(depth)}1${'}'.repeat(depth)};`,
      `control C() { apply { ${'{'.repeat(depth)}${'}'.repeat(depth)} } }`,
      `control C() { apply { ${'if (a) '.repeat(depth)} x = 1; } }`,
      `typedef ${'tuple<'.repeat(depth)}bit${'>'.repeat(depth)} t;`,
      `const int x = ${'(bit<8>)'.repeat(depth)}1;`,
      `const int x = f${'(g'.repeat(depth)}${')'.repeat(depth)};`,
      `const int x = a${'[b'.repeat(depth)}${']'.repeat(depth)};`,
      `const int x = ${'a ? '.repeat(depth)}b${' : c'.repeat(depth)};`,
      // Left-associative chains build deep trees without recursing in the parser.
      `const int x = a${' + a'.repeat(depth)};`,
      `const int x = a${'.b'.repeat(depth)};`,
      `const int x = a${'[0]'.repeat(depth)};`,
      `typedef bit<8>${'[1]'.repeat(depth)} t;`,
      `control C() { apply { ${'if (a) x = 1; else '.repeat(depth)} x = 2; } }`,
    ];
    for (const text of cases) {
      const diagnostics = diagnosticsOf(text, 'deep.p4');
      expect(diagnostics).toContain(`deep.p4:1:${diagnostics[0]?.split(':')[2]}: error: nesting deeper than ${MAX_NESTING} levels`);
    }
  });

  it('deeply nested annotation tokens are valid: kept as tokens, no expressions', () => {
    const depth = 20_000;
    expect(diagnosticsOf(`@a(${'('.repeat(depth)}${')'.repeat(depth)}) const int x = 1;`, 'deep.p4')).toEqual([]);
  });

  it('nested failed type-argument attempts stay linear (no exponential backtracking)', () => {
    const depth = 60; // about 2^15 times the linear work without memoization
    const text = `typedef bit<8> T;\nconst int x = ${'a < T[('.repeat(depth)}1${')]'.repeat(depth)};`;
    const started = performance.now();
    expect(diagnosticsOf(text, 'backtrack.p4')).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('accepts nesting just under the limit', () => {
    const depth = 100;
    expect(diagnosticsOf(`const int x = ${'('.repeat(depth)}1${')'.repeat(depth)};`, 'ok.p4')).toEqual([]);
  });
});
