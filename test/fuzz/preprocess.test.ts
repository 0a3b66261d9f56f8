import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/p4c/diagnostics.js';
import { preprocessText, type PreprocessedSource } from '../../src/p4c/preprocess.js';
import { tokenizeLine } from '../../src/p4c/preprocess/tokens.js';
import { generate, random, type FuzzCase } from './preprocess-generators.js';

// Fuzzing the preprocessor: random directive soup and mutated real sources must
// never throw, never hang, always return one line origin per output line, and
// give output that preprocessing again leaves as it is.
// FUZZ_CASES sets the number of cases (default 20000), FUZZ_SEED the seed.
// A failing input is kept in preprocess-crashers/ and replayed by the
// regression test below forever after.

const CRASHERS = fileURLToPath(new URL('./preprocess-crashers/', import.meta.url));
const CASES = Number(process.env.FUZZ_CASES ?? 20_000);
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
/** A case slower than this counts as a hang. */
const SLOW_CASE_MS = 2_000;

/** Runs one case; returns why it failed, or undefined. */
function check(fuzzCase: FuzzCase): string | undefined {
  const started = performance.now();
  try {
    const diagnostics = new Diagnostics();
    const result = preprocessText(fuzzCase.files['/f/main.p4'] ?? '', '/f/main.p4', diagnostics, {
      includePaths: ['/sys'],
      readFile: (path) => fuzzCase.files[path],
    });
    return inspect(result, diagnostics, performance.now() - started) ?? reprocess(result, diagnostics);
  } catch (error) {
    return `threw: ${error instanceof Error ? error.stack ?? error.message : String(error)}`;
  }
}

const SPELLING = (text: string): string =>
  text
    .split('\n')
    .flatMap((line) => tokenizeLine(line, 0).map((token) => token.text))
    .join(' ');

/**
 * A semantic property: output without errors is fully preprocessed, so preprocessing it
 * again changes no token. Skipped for output that is not plain P4 text: a line that
 * starts with `#` (made by a macro, C11 §6.10.3.4p3), a backslash at a line end, or a
 * builtin macro name an input #undef'd.
 */
function reprocess(result: PreprocessedSource, diagnostics: Diagnostics): string | undefined {
  if (diagnostics.hasErrors()) return undefined;
  const lines = result.text.split('\n');
  if (lines.some((line) => line.trimStart().startsWith('#') || /\\\s*$/.test(line))) return undefined;
  if (/__(COUNTER|LINE|FILE|INCLUDE_LEVEL|BASE_FILE)__|__has_include/.test(result.text)) return undefined;
  const again = new Diagnostics();
  const second = preprocessText(result.text, '/f/out.p4', again, { includePaths: [], readFile: () => undefined });
  if (again.hasErrors()) return `reprocessing the output failed: ${again.items[0].message}`;
  if (SPELLING(second.text) !== SPELLING(result.text)) return `reprocessing changed the output to ${JSON.stringify(second.text)}`;
  return undefined;
}

/** The invariants every result must keep, whatever the input. */
function inspect(result: PreprocessedSource, diagnostics: Diagnostics, elapsed: number): string | undefined {
  if (elapsed > SLOW_CASE_MS) return `slow: ${elapsed.toFixed(0)} ms`;
  const lineCount = result.text.split('\n').length;
  if (lineCount !== result.lineOrigins.length) return `${lineCount} lines but ${result.lineOrigins.length} origins`;
  for (const origin of result.lineOrigins) {
    if (!Number.isSafeInteger(origin.line) || typeof origin.file !== 'string') return `bad origin ${JSON.stringify(origin)}`;
  }
  for (const item of diagnostics.items) {
    const { line, col } = item.loc;
    if (!Number.isSafeInteger(line) || !Number.isSafeInteger(col) || col < 1) return `bad diagnostic location ${JSON.stringify(item)}`;
  }
  return undefined;
}

function keep(fuzzCase: FuzzCase): string {
  const body = JSON.stringify(fuzzCase, null, 1);
  const name = createHash('sha1').update(body).digest('hex') + '.json';
  mkdirSync(CRASHERS, { recursive: true });
  writeFileSync(CRASHERS + name, body + '\n');
  return name;
}

describe('preprocessor fuzzing', () => {
  it(`survives ${CASES} random and mutated inputs (seed ${SEED})`, () => {
    const next = random(SEED);
    const failures: string[] = [];
    for (let index = 0; index < CASES && failures.length < 5; index++) {
      const fuzzCase = generate(next);
      const failure = check(fuzzCase);
      if (failure !== undefined) failures.push(`case ${index} kept as ${keep(fuzzCase)}: ${failure}`);
    }
    expect(failures).toEqual([]);
  });

  it('replays every kept crasher', () => {
    const names = existsSync(CRASHERS) ? readdirSync(CRASHERS).filter((name) => name.endsWith('.json')) : [];
    const failures = names
      .map((name) => [name, check(JSON.parse(readFileSync(CRASHERS + name, 'utf8')) as FuzzCase)] as const)
      .filter(([, failure]) => failure !== undefined);
    expect(failures).toEqual([]);
  });

  it('the invariant check rejects inconsistent results', () => {
    const fine = new Diagnostics();
    expect(inspect({ text: 'a\nb', lineOrigins: [{ file: 'f', line: 1 }, { file: 'f', line: 2 }] }, fine, 1)).toBeUndefined();
    expect(inspect({ text: 'a\nb', lineOrigins: [{ file: 'f', line: 1 }] }, fine, 1)).toBe('2 lines but 1 origins');
    expect(inspect({ text: 'a', lineOrigins: [{ file: 'f', line: 1 }] }, fine, SLOW_CASE_MS + 1)).toMatch(/^slow/);
    const bad = new Diagnostics();
    bad.error({ file: 'f', line: 1, col: 0 }, 'x');
    expect(inspect({ text: 'a', lineOrigins: [{ file: 'f', line: 1 }] }, bad, 1)).toMatch(/^bad diagnostic location/);
    expect(reprocess({ text: 'a /* b', lineOrigins: [{ file: 'f', line: 1 }] }, fine)).toBe('reprocessing the output failed: unterminated comment');
    expect(reprocess({ text: 'a b', lineOrigins: [{ file: 'f', line: 1 }] }, fine)).toBeUndefined();
  });
});
