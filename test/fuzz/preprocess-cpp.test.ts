import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { preprocess, preprocessText } from '../../src/p4c/preprocess.js';
import { tokenizeLine } from '../../src/p4c/preprocess/tokens.js';
import { random, validProgram } from './preprocess-generators.js';

// Differential test: p4c runs the system C preprocessor, so on valid input our
// output must be the same token sequence as `cpp -undef -nostdinc -P`, the two
// must agree on which inputs are errors, and our line map must place every token
// where cpp's line markers do. Needs gcc's cpp; skipped (not
// passed) where it is missing. Bounded: CPP_CASES generated cases (default 40,
// one cpp process each) or 3 seconds, whichever comes first.

const ARCH = fileURLToPath(new URL('../../p4/arch/', import.meta.url));
const CASES = Number(process.env.CPP_CASES ?? 40);
const TIME_LIMIT_MS = process.env.CPP_CASES === undefined ? 3_000 : Infinity;
const hasCpp = spawnSync('cpp', ['--version'], { stdio: 'ignore' }).status === 0;
const directory = hasCpp ? mkdtempSync(join(tmpdir(), 'softmesh-cpp-')) : '';

afterAll(() => {
  if (directory !== '') rmSync(directory, { recursive: true, force: true });
});

/** Runs cpp on text; undefined when cpp reports an error. */
function systemCpp(text: string, defines: string[] = []): string | undefined {
  const file = join(directory, 'main.p4');
  writeFileSync(file, text);
  const result = spawnSync('cpp', ['-x', 'c', '-undef', '-nostdinc', '-P', '-w', ...defines, file], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout : undefined;
}

/** Each token of cpp output with the file and line its `# N "file"` markers give it. */
function placeByLineMarkers(output: string): string[] {
  const placed: string[] = [];
  let file = '';
  let line = 0;
  for (const text of output.split('\n')) {
    const marker = /^# (\d+) "([^"]*)"/.exec(text);
    if (marker !== null) {
      line = Number(marker[1]);
      file = marker[2];
      continue;
    }
    for (const token of tokenizeLine(text, 0)) placed.push(`${token.text}@${file}:${line}`);
    line++;
  }
  return placed;
}

function tokens(text: string): string {
  return text
    .split('\n')
    .flatMap((line) => tokenizeLine(line, 0).map((token) => token.text))
    .join(' ');
}

describe.skipIf(!hasCpp)('agreement with the system C preprocessor', () => {
  it(`expands up to ${CASES} generated programs to the same tokens`, () => {
    const next = random(Number(process.env.FUZZ_SEED ?? 11));
    const disagreements: string[] = [];
    const started = Date.now();
    let compared = 0;
    for (; compared < CASES && disagreements.length < 3 && Date.now() - started < TIME_LIMIT_MS; compared++) {
      const text = validProgram(next);
      const diagnostics = new Diagnostics();
      const ours = preprocessText(text, join(directory, 'main.p4'), diagnostics, { includePaths: [], readFile: () => undefined });
      const errors = diagnostics.items.filter((item) => item.severity === 'error').map(formatDiagnostic);
      const theirs = systemCpp(text);
      if ((theirs === undefined) !== (errors.length > 0)) {
        disagreements.push(`${JSON.stringify(text)}: cpp ${theirs === undefined ? 'failed' : 'succeeded'}, ours: ${errors.join('; ') || 'no error'}`);
      } else if (theirs !== undefined && tokens(ours.text) !== tokens(theirs)) {
        disagreements.push(`${JSON.stringify(text)}:\n  ours: ${tokens(ours.text)}\n  cpp:  ${tokens(theirs)}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(compared).toBeGreaterThan(0);
  });

  it('maps every token to the same file and line as cpp line markers, through #include and #line', () => {
    const next = random(Number(process.env.FUZZ_SEED ?? 12));
    const disagreements: string[] = [];
    const started = Date.now();
    let compared = 0;
    mkdirSync(join(directory, 'inc'), { recursive: true });
    for (let index = 0; index < CASES && disagreements.length < 3 && Date.now() - started < TIME_LIMIT_MS; index++) {
      const lines = validProgram(next).split('\n');
      lines.splice(Math.floor(next() * lines.length), 0, next() < 0.5 ? '#include "inc/x.p4"' : '#line 40 "gen.p4"');
      const main = lines.join('\n') + '\n';
      writeFileSync(join(directory, 'main.p4'), main);
      writeFileSync(join(directory, 'inc', 'x.p4'), validProgram(next) + '\n');
      const diagnostics = new Diagnostics();
      const ours = preprocess(join(directory, 'main.p4'), diagnostics, { includePaths: [] });
      const result = spawnSync('cpp', ['-x', 'c', '-undef', '-nostdinc', '-w', join(directory, 'main.p4')], { encoding: 'utf8' });
      if (diagnostics.hasErrors() || result.status !== 0) continue;
      compared++;
      const placed = ours.text.split('\n').flatMap((line, row) => {
        const origin = ours.lineOrigins[row];
        return tokenizeLine(line, 0).map((token) => `${token.text}@${origin.file}:${origin.line}`);
      });
      const expected = placeByLineMarkers(result.stdout);
      if (placed.join(' ') !== expected.join(' ')) disagreements.push(`${JSON.stringify(main)}:\n  ours: ${placed.join(' ')}\n  cpp:  ${expected.join(' ')}`);
    }
    expect(disagreements).toEqual([]);
    expect(compared).toBeGreaterThan(0);
  });

  it.each([
    ['core.p4', []],
    ['v1model.p4', []],
    ['v1model.p4', ['-DV1MODEL_VERSION=20180101']],
    ['tna.p4', []],
  ])('preprocesses %s %j like cpp', (name, defines) => {
    const diagnostics = new Diagnostics();
    const ours = preprocess(ARCH + name, diagnostics, {
      defines: Object.fromEntries(defines.map((define) => define.slice(2).split('=') as [string, string])),
    });
    const theirs = execFileSync('cpp', ['-x', 'c', '-undef', '-nostdinc', '-P', '-w', ...defines, '-I', ARCH, ARCH + name], { encoding: 'utf8' });
    expect(diagnostics.items).toEqual([]);
    expect(tokens(ours.text)).toBe(tokens(theirs));
  });
});
