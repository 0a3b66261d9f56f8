// Bounded mutation fuzzing of the checker: corpus programs with tokens deleted,
// duplicated or swapped, and parsed ASTs with subtrees exchanged, must never make
// checkProgram throw or report an "internal error". A failing input is saved
// under check-corpus/crashers/ (.p4 text or .ast.json) and replayed below on every run.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkProgram } from '../../src/p4c/check/index.js';
import { validateProgram } from '../../src/p4c/check/validate.js';
import { Diagnostics } from '../../src/p4c/diagnostics.js';
import { preprocess } from '../../src/p4c/preprocess.js';
import { parseProgram } from '../../src/p4c/parser.js';

const root = join(dirname(fileURLToPath(import.meta.url)), 'check-corpus');
const crashers = join(root, 'crashers');
/** Bounded for the normal run; CHECK_FUZZ_CASES / CHECK_FUZZ_MS widen a manual campaign. */
const MAX_CASES = Number(process.env.CHECK_FUZZ_CASES ?? 150);
const TIME_BUDGET_MS = Number(process.env.CHECK_FUZZ_MS ?? 2500);
const SEED = Number(process.env.CHECK_FUZZ_SEED ?? 0x5eed);

/** Deterministic xorshift PRNG so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

function mutate(text: string, next: () => number): string {
  const tokens = text.split(/(\s+)/);
  const pick = (): number => Math.floor(next() * tokens.length);
  const edits = 1 + Math.floor(next() * 3);
  for (let i = 0; i < edits; i++) {
    const at = pick();
    switch (Math.floor(next() * 5)) {
      case 0:
        tokens.splice(at, 1);
        break;
      case 1:
        tokens.splice(at, 0, tokens[pick()] ?? '');
        break;
      case 2: {
        const other = pick();
        [tokens[at], tokens[other]] = [tokens[other], tokens[at]];
        break;
      }
      case 3:
        tokens[at] = String(Math.floor(next() * 70000));
        break;
      default:
        tokens[at] = ['bit<8>', 'int', '_', '{#}', 'error', '.', 'apply', 'default', '0', 'true', 'exit;'][Math.floor(next() * 11)];
    }
  }
  return tokens.join('');
}

/** Runs the front-end on `text`; returns a problem description or undefined. */
function problemWith(text: string): string | undefined {
  const diagnostics = new Diagnostics();
  let program;
  try {
    const source = preprocess('/fuzz/main.p4', diagnostics, { readFile: (path) => (path === '/fuzz/main.p4' ? text : undefined) });
    program = parseProgram(source, diagnostics);
  } catch {
    return undefined; // preprocessor/parser crashes belong to their own fuzzers
  }
  let ir;
  try {
    ir = checkProgram(program, diagnostics);
  } catch (caught) {
    return `threw: ${caught instanceof Error ? caught.stack : String(caught)}`;
  }
  const internal = diagnostics.items.find((d) => d.message.startsWith('internal error'));
  if (internal) return `${internal.loc.line}:${internal.loc.col}: ${internal.message}`;
  // An accepted program must also be a well-formed IR.
  return ir ? validateProgram(ir)[0] : undefined;
}

/** Runs only the checker on an AST; returns a problem description or undefined. */
function astProblem(program: unknown): string | undefined {
  const diagnostics = new Diagnostics();
  let ir;
  try {
    ir = checkProgram(program as never, diagnostics);
  } catch (caught) {
    return `threw: ${caught instanceof Error ? caught.stack : String(caught)}`;
  }
  return diagnostics.items.find((d) => d.message.startsWith('internal error'))?.message ?? (ir ? validateProgram(ir)[0] : undefined);
}

function parsed(text: string): unknown {
  const diagnostics = new Diagnostics();
  const source = preprocess('/fuzz/main.p4', diagnostics, { readFile: (path) => (path === '/fuzz/main.p4' ? text : undefined) });
  return parseProgram(source, diagnostics);
}

const EXPR_KINDS = new Set(['IntLiteral', 'BoolLiteral', 'StringLiteral', 'Path', 'Member', 'Index', 'Slice', 'PlusSlice', 'Call', 'Unary', 'Binary', 'Ternary', 'Cast', 'List', 'StructExpr', 'Invalid', 'DontCare', 'TypeName']);
const TYPE_KINDS = new Set(['BaseType', 'NamedType', 'SpecializedType', 'HeaderStackType', 'TupleType', 'DontCareType', 'VoidType']);
const STATEMENT_KINDS = new Set(['Assignment', 'MethodCallStatement', 'Empty', 'Block', 'If', 'Switch', 'Exit', 'Return', 'For', 'ForIn', 'Break', 'Continue']);
/** Kinds the AST contract pins to their position (a body is a Block, a call statement holds a Call, ...). */
const PINNED_KINDS = new Set(['Call', 'Block', 'NamedType']);

function compatible(target: unknown, donor: unknown): boolean {
  return target === donor || (!PINNED_KINDS.has(String(target)) && !PINNED_KINDS.has(String(donor)));
}

/** Every expression, type and statement node of an AST, by syntactic class. */
function collect(node: unknown, pools: Record<'expr' | 'type' | 'statement', Record<string, unknown>[]>): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, pools);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  const kind = record.kind;
  if (typeof kind === 'string') {
    if (EXPR_KINDS.has(kind)) pools.expr.push(record);
    else if (TYPE_KINDS.has(kind)) pools.type.push(record);
    else if (STATEMENT_KINDS.has(kind)) pools.statement.push(record);
  }
  for (const [key, value] of Object.entries(record)) if (key !== 'loc') collect(value, pools);
}

function inlineIncludes(text: string): string {
  const arch = join(root, '..', '..', '..', 'p4', 'arch');
  return text.replace(/#include <(\w+\.p4)>/g, (_, name: string) => readFileSync(join(arch, name), 'utf8'));
}

describe('checker fuzzing', () => {
  it('never throws or reports an internal error on mutated corpus programs', () => {
    const seeds = ['accept', 'reject'].flatMap((dir) =>
      readdirSync(join(root, dir)).filter((name) => name.endsWith('.p4')).sort().map((name) => join(root, dir, name)),
    );
    const sources = seeds.map((path) => inlineIncludes(readFileSync(path, 'utf8')));
    const next = random(SEED);
    const started = Date.now();
    const found: string[] = [];
    for (let index = 0; index < MAX_CASES && Date.now() - started < TIME_BUDGET_MS; index++) {
      const mutated = mutate(sources[index % sources.length], next);
      const problem = problemWith(mutated);
      if (problem) {
        mkdirSync(crashers, { recursive: true });
        const name = createHash('sha1').update(mutated).digest('hex');
        writeFileSync(join(crashers, `${name}.p4`), mutated);
        found.push(`${name}: ${problem}`);
      }
    }
    expect(found).toEqual([]);
  }, 120_000);

  it('survives well-formed ASTs with subtrees swapped between programs', () => {
    // Text mutations mostly stop in the parser; swapping parsed subtrees of the same
    // syntactic class yields programs that parse but break type rules everywhere.
    const programs = readdirSync(join(root, 'accept'))
      .filter((name) => name.endsWith('.p4'))
      .sort()
      .map((name) => parsed(inlineIncludes(readFileSync(join(root, 'accept', name), 'utf8'))));
    const next = random(SEED ^ 0xa57);
    const started = Date.now();
    const found: string[] = [];
    for (let index = 0; index < MAX_CASES && Date.now() - started < TIME_BUDGET_MS; index++) {
      const program = structuredClone(programs[index % programs.length]);
      const pools = { expr: [] as Record<string, unknown>[], type: [] as Record<string, unknown>[], statement: [] as Record<string, unknown>[] };
      for (const other of programs) collect(other, pools);
      const targets = { expr: [] as Record<string, unknown>[], type: [] as Record<string, unknown>[], statement: [] as Record<string, unknown>[] };
      collect(program, targets);
      for (let edit = 0; edit < 1 + Math.floor(next() * 4); edit++) {
        const pool = (['expr', 'type', 'statement'] as const)[Math.floor(next() * 3)];
        const target = targets[pool][Math.floor(next() * targets[pool].length)];
        const donor = pools[pool][Math.floor(next() * pools[pool].length)];
        if (!target || !donor || !compatible(target.kind, donor.kind)) continue;
        for (const key of Object.keys(target)) delete target[key];
        Object.assign(target, structuredClone(donor));
      }
      const problem = astProblem(program);
      if (problem) {
        const text = JSON.stringify(program, (_key, value: unknown) => (typeof value === 'bigint' ? { $bigint: value.toString() } : value));
        mkdirSync(crashers, { recursive: true });
        const name = createHash('sha1').update(text).digest('hex');
        writeFileSync(join(crashers, `${name}.ast.json`), text);
        found.push(`${name}: ${problem}`);
      }
    }
    expect(found).toEqual([]);
  }, 120_000);

  it('replays saved crashers without failure', () => {
    if (!existsSync(crashers)) return;
    for (const name of readdirSync(crashers).filter((n) => n.endsWith('.p4'))) {
      expect([name, problemWith(readFileSync(join(crashers, name), 'utf8'))]).toEqual([name, undefined]);
    }
    for (const name of readdirSync(crashers).filter((n) => n.endsWith('.ast.json'))) {
      const program: unknown = JSON.parse(readFileSync(join(crashers, name), 'utf8'), (_key, value: unknown) =>
        typeof value === 'object' && value !== null && '$bigint' in value ? BigInt((value as { $bigint: string }).$bigint) : value,
      );
      expect([name, astProblem(program)]).toEqual([name, undefined]);
    }
  });
});
