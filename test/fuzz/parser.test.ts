import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BinaryOp, ConstantDeclaration, Expr, Loc, Program, TypeRef } from '../../src/p4c/ast.js';
import { Diagnostics, formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { lex } from '../../src/p4c/lexer.js';
import { identitySource, parseText } from '../../src/p4c/parser.js';
import { printExpr, printProgram } from '../../src/p4c/printer.js';

// Bounded fuzzing of the lexer, parser and printer: random token soups and
// token-level mutations of the corpus. Properties: never throws, finishes
// quickly, an input ending in an unclosable `{` always gets a diagnostic, and
// any input accepted without diagnostics survives print → parse unchanged.
// FUZZ_CASES raises the count (default 20,000); FUZZ_SEED picks the seed.
// A failing input is saved under parser-crashers/ and replayed on every run.

const cases = Number(process.env.FUZZ_CASES ?? 20_000);
const seed = Number(process.env.FUZZ_SEED ?? 0x5eed);
const timeBudgetMs = Number(process.env.FUZZ_TIME_MS ?? (process.env.FUZZ_CASES ? Infinity : 8_000));
const crashersDirectory = fileURLToPath(new URL('./parser-crashers/', import.meta.url));
const corpusDirectory = fileURLToPath(new URL('../p4c/corpus/', import.meta.url));

function random(state: { value: number }): number {
  // mulberry32: small, fast, reproducible.
  state.value = (state.value + 0x6d2b79f5) | 0;
  let t = state.value;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const VOCABULARY = [
  'header', 'struct', 'header_union', 'enum', 'typedef', 'type', 'extern', 'parser', 'control', 'package', 'action',
  'table', 'key', 'actions', 'entries', 'const', 'default_action', 'size', 'state', 'transition', 'select', 'apply',
  'if', 'else', 'switch', 'default', 'exit', 'return', 'for', 'break', 'continue', 'error', 'match_kind', 'value_set', 'abstract', 'priority',
  'in', 'out', 'inout', 'bit', 'int', 'varbit', 'bool', 'tuple', 'void', 'true', 'false', 'this', '_',
  'T', 'h_t', 'x', 'y', 'main', 'accept', 'reject', '0', '8w5', '0x0F', '1_0', '"s"', '@name("n")', '@pragma p 1\n', '@a[1]',
  '{', '}', '(', ')', '[', ']', '<', '>', '>>', ';', ':', ',', '.', '=', '==', '!=', '<=', '>=', '!', '~', '-', '+', '*',
  '/', '%', '&', '|', '^', '&&', '||', '&&&', '..', '...', '++', '|+|', '|-|', '?', '{#}', '\n',
  '+=', '>>=', '<<=', '|+|=', '^=', '+:',
];

function tokenSoup(state: { value: number }): string {
  const length = 1 + Math.floor(random(state) * 60);
  const parts: string[] = [];
  for (let i = 0; i < length; i++) parts.push(VOCABULARY[Math.floor(random(state) * VOCABULARY.length)]);
  return parts.join(random(state) < 0.5 ? ' ' : '');
}

const corpus = readdirSync(corpusDirectory)
  .filter((name) => name.endsWith('.p4'))
  .sort()
  .map((name) => readFileSync(join(corpusDirectory, name), 'utf8'));

/** Deletes, duplicates, swaps or inserts tokens of a corpus program. */
function mutate(state: { value: number }): string {
  const text = corpus[Math.floor(random(state) * corpus.length)];
  const tokens = lex(identitySource(text, 'm.p4'), new Diagnostics()).filter((token) => token.kind !== 'eof');
  let pieces = tokens.map((token) => text.slice(token.start, token.end));
  const edits = 1 + Math.floor(random(state) * 3);
  for (let edit = 0; edit < edits && pieces.length > 0; edit++) {
    const at = Math.floor(random(state) * pieces.length);
    const span = 1 + Math.floor(random(state) * 4);
    const choice = random(state);
    if (choice < 0.35) pieces.splice(at, span);
    else if (choice < 0.55) pieces.splice(at, 0, ...pieces.slice(at, at + span));
    else if (choice < 0.75) {
      const other = Math.floor(random(state) * pieces.length);
      [pieces[at], pieces[other]] = [pieces[other], pieces[at]];
    } else pieces.splice(at, random(state) < 0.5 ? 0 : 1, VOCABULARY[Math.floor(random(state) * VOCABULARY.length)]);
  }
  pieces = pieces.filter((piece) => piece !== undefined);
  // Mostly spaces; newlines end @pragma bodies; no separator glues tokens (`>>`, `a1`).
  return pieces.map((piece) => {
    const gap = random(state);
    return piece + (gap < 0.75 ? ' ' : gap < 0.95 ? '\n' : '');
  }).join('');
}

function withoutLocations(program: Program): string {
  return JSON.stringify(program, (key, value) => (key === 'loc' ? undefined : typeof value === 'bigint' ? `${value}n` : value));
}

/** Checks the properties for one input; returns a failure description or undefined. */
function check(text: string): string | undefined {
  try {
    const started = performance.now();
    const diagnostics = new Diagnostics();
    const program = parseText(text, 'fuzz.p4', diagnostics);
    if (performance.now() - started > 2_000) return 'took longer than 2 s';
    if (diagnostics.items.length === 0) {
      const printed = printProgram(program);
      const again = new Diagnostics();
      const reparsed = parseText(printed, 'printed.p4', again);
      if (again.items.length > 0) return `printed text has diagnostics: ${again.items.map(formatDiagnostic).join('; ')}`;
      if (withoutLocations(reparsed) !== withoutLocations(program)) return 'print → parse changed the tree';
    }
    const unclosed = new Diagnostics();
    parseText(`${text}\n{`, 'fuzz.p4', unclosed);
    if (!unclosed.hasErrors()) return 'an unclosed `{` at the end gave no diagnostic';
    return undefined;
  } catch (error) {
    return `threw ${error instanceof Error ? error.stack ?? error.message : String(error)}`;
  }
}

function saveCrasher(text: string): string {
  if (!existsSync(crashersDirectory)) mkdirSync(crashersDirectory, { recursive: true });
  const name = `${createHash('sha1').update(text).digest('hex')}.p4`;
  writeFileSync(join(crashersDirectory, name), text);
  return name;
}

describe('parser fuzz', () => {
  it('replays saved crashers', () => {
    const saved = existsSync(crashersDirectory) ? readdirSync(crashersDirectory).filter((name) => name.endsWith('.p4')) : [];
    const failures = saved
      .map((name) => ({ name, failure: check(readFileSync(join(crashersDirectory, name), 'utf8')) }))
      .filter((result) => result.failure !== undefined);
    expect(failures).toEqual([]);
  });

  it(`survives ${cases} random inputs (seed ${seed})`, () => {
    const state = { value: seed };
    const started = performance.now();
    const failures: string[] = [];
    let ran = 0;
    for (; ran < cases && performance.now() - started < timeBudgetMs; ran++) {
      const text = ran % 2 === 0 ? tokenSoup(state) : mutate(state);
      const failure = check(text);
      if (failure !== undefined) {
        failures.push(`${saveCrasher(text)}: ${failure.split('\n')[0]}`);
        if (failures.length >= 5) break;
      }
    }
    expect(failures).toEqual([]);
    // The time budget exists for slow machines; it must not silently skip most cases.
    expect(ran).toBeGreaterThan(Math.min(cases, 1_000));
  });
});

// Random expression trees: print, parse back, compare. This checks the
// printer's parentheses against the parser's precedence and associativity.

const here: Loc = { file: 'generated', line: 1, col: 1 };
const BINARY_OPERATORS: BinaryOp[] = [
  '*', '/', '%', '+', '-', '|+|', '|-|', '<<', '>>', '<=', '>=', '<', '>', '==', '!=', '&', '^', '|', '++', '&&', '||',
];
const CAST_TYPES: TypeRef[] = [
  { kind: 'BaseType', name: 'bit', width: { kind: 'IntLiteral', value: 8n, signed: false, text: '8', loc: here }, signed: false, loc: here },
  { kind: 'BaseType', name: 'bool', signed: false, loc: here },
  { kind: 'NamedType', name: 'T', global: false, loc: here },
];

function pick<T>(state: { value: number }, items: readonly T[]): T {
  return items[Math.floor(random(state) * items.length)];
}

function randomExpr(state: { value: number }, depth: number): Expr {
  const leaf = depth <= 0 || random(state) < 0.25;
  if (leaf) {
    const choice = random(state);
    if (choice < 0.4) return { kind: 'Path', name: pick(state, ['a', 'b', 'c', 'hdr', 'apply', 'key']), global: random(state) < 0.1, loc: here };
    if (choice < 0.7) {
      const text = pick(state, ['0', '1', '8w5', '0x0F', '4s3', '1_000']);
      return { kind: 'IntLiteral', value: 0n, signed: false, text, loc: here };
    }
    if (choice < 0.8) return { kind: 'BoolLiteral', value: random(state) < 0.5, loc: here };
    if (choice < 0.9) return { kind: 'StringLiteral', value: 'x', loc: here };
    return { kind: 'Invalid', loc: here };
  }
  const next = () => randomExpr(state, depth - 1);
  const choice = random(state);
  if (choice < 0.35) return { kind: 'Binary', op: pick(state, BINARY_OPERATORS), left: next(), right: next(), loc: here };
  if (choice < 0.45) return { kind: 'Unary', op: pick(state, ['!', '~', '-', '+'] as const), expr: next(), loc: here };
  if (choice < 0.52) return { kind: 'Ternary', cond: next(), then: next(), else: next(), loc: here };
  if (choice < 0.6) return { kind: 'Cast', type: pick(state, CAST_TYPES), expr: next(), loc: here };
  if (choice < 0.67) return { kind: 'Member', expr: next(), member: pick(state, ['f', 'next', 'type']), loc: here };
  if (choice < 0.72) return { kind: 'Index', expr: next(), index: next(), loc: here };
  if (choice < 0.77) return { kind: 'Slice', expr: next(), hi: next(), lo: next(), loc: here };
  if (choice < 0.87) {
    const callee: Expr = random(state) < 0.7 ? { kind: 'Path', name: 'f', global: false, loc: here } : next();
    const typeArgs = callee.kind === 'Path' && random(state) < 0.3 ? [pick(state, CAST_TYPES)] : [];
    const args = [next(), next()].slice(0, Math.floor(random(state) * 3)).map((value) => ({ kind: 'Argument' as const, value, loc: here }));
    return { kind: 'Call', callee, typeArgs, args, loc: here };
  }
  if (choice < 0.94) return { kind: 'List', elements: [next(), next()].slice(0, Math.floor(random(state) * 3)), dots: random(state) < 0.2, loc: here };
  return { kind: 'StructExpr', fields: [{ name: 'x', value: next(), loc: here }], dots: random(state) < 0.2, loc: here };
}

/** The same tree without locations and literal values (the parser derives values from text). */
function shape(expr: Expr): string {
  return JSON.stringify(expr, (key, value) => (key === 'loc' || key === 'value' && typeof value === 'bigint' ? undefined : key === 'width' || key === 'signed' ? undefined : value));
}

describe('printer fuzz', () => {
  it('random expression trees survive print → parse', () => {
    const state = { value: seed ^ 0x9e3779b9 };
    const failures: string[] = [];
    const count = Math.min(cases, 5_000);
    for (let i = 0; i < count && failures.length < 5; i++) {
      const expr = randomExpr(state, 1 + Math.floor(random(state) * 5));
      const printed = printExpr(expr);
      const diagnostics = new Diagnostics();
      const program = parseText(`typedef bit<8> T;\nconst int x = ${printed};`, 'expr.p4', diagnostics);
      const parsed = (program.declarations[1] as ConstantDeclaration | undefined)?.value;
      if (diagnostics.items.length > 0) failures.push(`${printed}: ${diagnostics.items.map(formatDiagnostic).join('; ')}`);
      else if (!parsed || shape(parsed) !== shape(expr)) failures.push(`${printed}: parsed as ${parsed ? printExpr(parsed) : 'nothing'}`);
    }
    expect(failures).toEqual([]);
  });
});
