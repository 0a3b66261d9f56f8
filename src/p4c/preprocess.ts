// The C preprocessor subset P4 programs use (the P4_16 spec's "Preprocessing"
// section adopts the C preprocessor's #include/#define/#if; p4c runs cpp).
// Output keeps one output line per input line (comments blanked, directives
// emptied, included files inlined), and `lineOrigins` maps each output line back
// to its file and line, honouring `#line`. Bad input only ever produces
// diagnostics; hostile input is bounded by include and expansion limits.
//
// On valid input the output has the tokens `cpp -undef -nostdinc` gives, and
// each token the file and line cpp's line markers give (test/fuzz/preprocess-cpp).
// Not supported: #include_next, #assert, #ident, _Pragma, __DATE__/__TIME__/
// __STDC__, directives inside macro arguments; `'` is not a character literal
// (P4 has none).

import { normalize } from 'node:path';
import type { Loc } from './ast.js';
import type { Diagnostics } from './diagnostics.js';
import { elifConditional, elseConditional, endConditional, isActive, openConditional, type Conditional } from './preprocess/conditionals.js';
import { evaluate } from './preprocess/expression.js';
import { expandTokens, parseDefinition, sameDefinition, type Builtin, type ExpansionContext, type Macro } from './preprocess/macros.js';
import { GuardDetector } from './preprocess/guard.js';
import { candidatePaths, defaultIncludePaths, includeTarget, readDiskFile } from './preprocess/include.js';
import { BoundedReporter } from './preprocess/report.js';
import { physicalPosition, scanSource, type LogicalLine } from './preprocess/source.js';
import { applyReplacements, RowSource } from './preprocess/text.js';
import { HideSet, makeToken, tokenizeLine, type PpToken } from './preprocess/tokens.js';

export interface PreprocessedSource {
  /** Output text, comments replaced by spaces, newlines kept. */
  text: string;
  /** lineOrigins[i] = original file/line of output line i (0-based i). */
  lineOrigins: { file: string; line: number }[];
}

export interface PreprocessOptions {
  /** For #include <...>; default [<repo>/p4/arch, <repo>/p4/include]. */
  includePaths?: string[];
  defines?: Record<string, string>;
  /** Injectable for tests (virtual FS); default reads the disk. Undefined means "no such file". */
  readFile?: (path: string) => string | undefined;
}

/** cpp's own default is 200 levels of #include nesting. */
export const MAX_INCLUDE_DEPTH = 200;
/** Total #include directives processed in one run: stops include bombs (a file including itself twice per level). */
export const MAX_INCLUDES = 4_000;
/** Characters of all files read in one run, includes counted each time (a large file
 *  including itself must not fill memory before the include limits stop it). */
export const MAX_INPUT_CHARACTERS = 64 * 1024 * 1024;
/** Tokens all macro expansions of one run may produce. */
export const MAX_EXPANDED_TOKENS = 300_000;

interface Run {
  diagnostics: BoundedReporter;
  readFile: (path: string) => string | undefined;
  includePaths: string[];
  macros: Map<string, Macro>;
  budget: { remaining: number; reported: boolean };
  sources: { next: number };
  hideSets: HideSet;
  lines: string[];
  origins: { file: string; line: number }[];
  /** Files that said `#pragma once`, by normalized path. */
  onceFiles: Set<string>;
  /** Include-guard macro of files wholly inside `#ifndef NAME ... #endif`, by normalized path. */
  guards: Map<string, string>;
  includes: number;
  characters: number;
  /** The file preprocessing started from (`__BASE_FILE__`). */
  baseFile: string;
  /** Uses of `__COUNTER__` so far. */
  counter: number;
}

interface FileState {
  /** Where the file was read from: `#include "..."` resolves against its directory. */
  path: string;
  /** Name and line offset set by `#line` (C11 §6.10.4): presumed line = physical + lineDelta. */
  presumedFile: string;
  lineDelta: number;
  conditionals: Conditional[];
  depth: number;
}

export function preprocess(file: string, diagnostics: Diagnostics, options: PreprocessOptions = {}): PreprocessedSource {
  const text = (options.readFile ?? readDiskFile)(file);
  if (text === undefined) {
    diagnostics.error({ file, line: 1, col: 1 }, `cannot open source file "${file}"`);
    return { text: '', lineOrigins: [{ file, line: 1 }] };
  }
  return preprocessText(text, file, diagnostics, options);
}

export function preprocessText(text: string, file: string, diagnostics: Diagnostics, options: PreprocessOptions = {}): PreprocessedSource {
  const run: Run = {
    diagnostics: new BoundedReporter(diagnostics),
    readFile: options.readFile ?? readDiskFile,
    includePaths: options.includePaths ?? defaultIncludePaths(),
    macros: new Map([
      builtinMacro('__FILE__', 'file'),
      builtinMacro('__LINE__', 'line'),
      builtinMacro('__COUNTER__', 'counter'),
      builtinMacro('__INCLUDE_LEVEL__', 'includeLevel'),
      builtinMacro('__BASE_FILE__', 'baseFile'),
    ]),
    budget: { remaining: MAX_EXPANDED_TOKENS, reported: false },
    sources: { next: 1 },
    hideSets: HideSet.empty(),
    lines: [],
    origins: [],
    onceFiles: new Set(),
    guards: new Map(),
    includes: 0,
    characters: text.length,
    baseFile: file,
    counter: 0,
  };
  for (const [name, value] of Object.entries(options.defines ?? {})) {
    // Like `-D name=value`; a name may carry parameters: `F(x)`.
    const loc = { file: '<command-line>', line: 1, col: 1 };
    const definition = parseDefinition(tokenizeLine(`${name} ${value}`, 0));
    if (definition.ok) run.macros.set(definition.macro.name, definition.macro);
    else run.diagnostics.error(loc, `in definition of "${name}": ${definition.message}`);
  }
  processFile(run, file, text, 0);
  if (run.lines.length === 0) {
    run.lines.push('');
    run.origins.push({ file, line: 1 });
  }
  return { text: run.lines.join('\n'), lineOrigins: run.origins };
}

function processFile(run: Run, path: string, text: string, depth: number): void {
  const state: FileState = { path, presumedFile: path, lineDelta: 0, conditionals: [], depth };
  const scanned = scanSource(text);
  let block: LogicalLine[] = [];
  const guard = new GuardDetector();
  for (const line of scanned.lines) {
    // Once the sink takes no more errors nothing useful can follow; stop (the driver
    // does not parse a program with errors anyway).
    if (run.diagnostics.saturated()) break;
    if (!line.directive) {
      if (isActive(state.conditionals)) block.push(line);
      else emit(run, state, line, '');
      guard.observe(line, state.conditionals.length);
      continue;
    }
    flushBlock(run, state, block);
    block = [];
    emit(run, state, line, '');
    directive(run, state, line);
    guard.observe(line, state.conditionals.length);
  }
  flushBlock(run, state, block);
  const guardName = guard.guard();
  if (guardName !== undefined) run.guards.set(normalize(path), guardName);
  if (scanned.unterminatedComment !== undefined) {
    const { line, col } = scanned.unterminatedComment;
    run.diagnostics.error({ file: state.presumedFile, line: line + state.lineDelta, col: col + 1 }, 'unterminated comment');
  }
  for (const open of state.conditionals) run.diagnostics.error(open.loc, `unterminated ${open.directive}`);
}

/** Outputs a logical line: its text on its first physical line, blank lines for the rest. */
function emit(run: Run, state: FileState, line: LogicalLine, text: string): void {
  for (let offset = 0; offset < line.span; offset++) {
    run.lines.push(offset === 0 ? text : '');
    run.origins.push({ file: state.presumedFile, line: line.line + offset + state.lineDelta });
  }
}

function builtinMacro(name: string, builtin: Builtin): [string, Macro] {
  return [name, { name, variadic: false, body: [], builtin }];
}

function expansionContext(run: Run, state: FileState, rows: readonly LogicalLine[]): ExpansionContext {
  const locate = (token: PpToken): Loc => {
    const row = rows[token.row];
    const position = row === undefined ? { line: 0, col: token.col } : physicalPosition(row, token.col);
    return { file: state.presumedFile, line: position.line + state.lineDelta, col: position.col + 1 };
  };
  return {
    macros: run.macros,
    diagnostics: run.diagnostics,
    locate,
    builtin: (kind, token) => {
      switch (kind) {
        case 'file':
          return { kind: 'string', value: state.presumedFile };
        case 'line':
          return { kind: 'number', value: locate(token).line };
        case 'counter':
          return { kind: 'number', value: run.counter++ };
        case 'includeLevel':
          return { kind: 'number', value: state.depth };
        case 'baseFile':
          return { kind: 'string', value: run.baseFile };
      }
    },
    budget: run.budget,
    sources: run.sources,
    hideSets: run.hideSets,
  };
}

/** Macro-expands a run of ordinary lines; a macro call may span several of them. */
function flushBlock(run: Run, state: FileState, block: readonly LogicalLine[]): void {
  if (block.length === 0) return;
  let texts = block.map((line) => line.text);
  const source = new RowSource(texts, (name) => run.macros.has(name));
  if (source.any()) {
    const { replacements } = expandTokens(source, expansionContext(run, state, block), true);
    texts = applyReplacements(texts, replacements);
  }
  block.forEach((line, row) => emit(run, state, line, texts[row]));
}

function directive(run: Run, state: FileState, line: LogicalLine): void {
  const tokens = tokenizeLine(line.text, 0);
  const name = tokens[1];
  const args = tokens.slice(2);
  const context = expansionContext(run, state, [line]);
  const locate = (token: PpToken | undefined): Loc => context.locate(token ?? tokens[0]);
  const error = (message: string, token?: PpToken): void => run.diagnostics.error(locate(token ?? name), message);
  const extraTokens = (from: number): void => {
    if (args.length > from) run.diagnostics.warning(locate(args[from]), `extra tokens at end of #${name.text} directive`);
  };
  if (name === undefined) return; // the null directive (C11 §6.10.7)
  const stack = state.conditionals;
  const macroName = (): PpToken | undefined => {
    const target = args[0];
    if (target === undefined) error(`no macro name given in #${name.text} directive`);
    else if (target.kind !== 'identifier') error('macro names must be identifiers', target);
    else return target;
    return undefined;
  };

  switch (name.text) {
    case 'if':
      openConditional(stack, '#if', locate(name), () => condition(run, state, context, args, name));
      return;
    case 'ifdef':
    case 'ifndef':
      openConditional(stack, `#${name.text}`, locate(name), () => {
        const target = macroName();
        extraTokens(1);
        return target !== undefined && isDefined(run, target.text) === (name.text === 'ifdef');
      });
      return;
    case 'elif':
      report(elifConditional(stack, () => condition(run, state, context, args, name)));
      return;
    case 'else':
      report(elseConditional(stack));
      if (isActive(stack)) extraTokens(0);
      return;
    case 'endif':
      report(endConditional(stack));
      if (isActive(stack)) extraTokens(0);
      return;
  }
  if (!isActive(stack)) return; // other directives in skipped groups are not processed (C11 §6.10.1p6)

  switch (name.text) {
    case 'define': {
      const definition = parseDefinition(args);
      if (!definition.ok) return error(definition.message, definition.token);
      const previous = run.macros.get(definition.macro.name);
      if (previous !== undefined && !sameDefinition(previous, definition.macro)) {
        run.diagnostics.warning(locate(args[0]), `"${definition.macro.name}" redefined`);
      }
      run.macros.set(definition.macro.name, definition.macro);
      return;
    }
    case 'undef': {
      const target = macroName();
      if (target === undefined) return;
      if (target.text === 'defined') return error('"defined" cannot be used as a macro name', target);
      extraTokens(1);
      run.macros.delete(target.text);
      return;
    }
    case 'include':
      return include(run, state, line, name, context);
    case 'line':
      return lineDirective(run, state, line, expandTokens(args, context).tokens, name, locate, false);
    case 'error':
      run.diagnostics.error(locate(name), `#error ${restOfLine(line, name)}`.trimEnd());
      return;
    case 'warning':
      run.diagnostics.warning(locate(name), `#warning ${restOfLine(line, name)}`.trimEnd());
      return;
    case 'pragma':
      // `#pragma once` is the only pragma with meaning here; the others are dropped,
      // P4 annotations (`@pragma`) being the language's own mechanism (spec §18).
      if (args[0]?.text === 'once') run.onceFiles.add(normalize(state.path));
      return;
    default:
      // gcc line markers, `# 12 "file"`, are `#line` in disguise.
      if (name.kind === 'number') return lineDirective(run, state, line, tokens.slice(1), name, locate, true);
      return error(`invalid preprocessing directive #${name.text}`);
  }

  function report(message: string | undefined): void {
    if (message !== undefined) error(message);
  }
}

function restOfLine(line: LogicalLine, name: PpToken): string {
  return line.text.slice(name.col + name.text.length).trim();
}

/** C11 §6.10.1p4: `defined X` / `defined(X)` first, then macro expansion, then evaluation. */
function condition(run: Run, state: FileState, context: ExpansionContext, args: readonly PpToken[], name: PpToken): boolean {
  const replaced: PpToken[] = [];
  for (let index = 0; index < args.length; index++) {
    const token = args[index];
    if (token.kind === 'identifier' && token.text === HAS_INCLUDE) {
      const found = hasInclude(run, state, context, args, index);
      if (found === undefined) return false;
      replaced.push(makeToken('number', found.value ? '1' : '0', token.spaceBefore, token.row, token.col, 0, undefined));
      index = found.end;
      continue;
    }
    if (token.kind !== 'identifier' || token.text !== 'defined') {
      replaced.push(token);
      continue;
    }
    const parenthesized = args[index + 1]?.text === '(';
    const target = args[index + (parenthesized ? 2 : 1)];
    if (target === undefined || target.kind !== 'identifier' || (parenthesized && args[index + 3]?.text !== ')')) {
      run.diagnostics.error(context.locate(target ?? token), 'operator "defined" requires an identifier');
      return false;
    }
    replaced.push(makeToken('number', isDefined(run, target.text) ? '1' : '0', token.spaceBefore, token.row, token.col, 0, undefined));
    index += parenthesized ? 3 : 1;
  }
  const expanded = expandTokens(replaced, { ...context, condition: true }).tokens;
  const result = evaluate(expanded, (macro) => isDefined(run, macro));
  if (result.ok) return result.value !== 0n;
  run.diagnostics.error(context.locate(result.token ?? name), result.message);
  return false;
}

/** gcc's `__has_include`: an operator of #if, and "defined" so programs can test for it. */
const HAS_INCLUDE = '__has_include';

function isDefined(run: Run, name: string): boolean {
  return name === HAS_INCLUDE || run.macros.has(name);
}

/** `__has_include("file")` / `__has_include(<file>)` at args[at]: whether #include would
 *  find the file, and the index of the closing parenthesis; undefined after an error. */
function hasInclude(
  run: Run,
  state: FileState,
  context: ExpansionContext,
  args: readonly PpToken[],
  at: number,
): { value: boolean; end: number } | undefined {
  const close = args.findIndex((token, index) => index > at && token.text === ')');
  const inside = close < 0 ? [] : args.slice(at + 2, close);
  const spelled = inside.map((token, index) => (index > 0 && token.spaceBefore ? ' ' : '') + token.text).join('');
  const target = args[at + 1]?.text === '(' ? includeTarget(spelled, context) : 'missing';
  if (typeof target === 'string' || target.trailing !== '') {
    run.diagnostics.error(context.locate(args[at]), 'operator "__has_include" requires a header name');
    return undefined;
  }
  const value = candidatePaths(target, state.path, run.includePaths).some((path) => run.readFile(path) !== undefined);
  return { value, end: close };
}

/** `#line digits "file"` (C11 §6.10.4): the next line has the given number. A gcc line
 *  marker, `# digits "file" flags`, means the same; its flags are 1 to 4. */
function lineDirective(
  run: Run,
  state: FileState,
  line: LogicalLine,
  tokens: readonly PpToken[],
  name: PpToken,
  locate: (token: PpToken) => Loc,
  marker: boolean,
): void {
  const error = (message: string, token: PpToken): void => run.diagnostics.error(locate(token), message);
  const number = tokens[0];
  if (number === undefined) return error('#line directive requires a line number', name);
  if (!/^[0-9]+$/.test(number.text)) return error(`"${number.text}" after #line is not a positive integer`, number);
  // C11 §6.10.4p3: the digit sequence shall not specify a number greater than 2147483647.
  // gcc only warns and keeps the number modulo 2^32; so do we (line numbers stay small).
  const lineNumber = Number(BigInt(number.text) % 0x1_0000_0000n);
  if (BigInt(number.text) > 2147483647n) run.diagnostics.warning(locate(number), 'line number out of range');
  const file = tokens[1];
  if (file !== undefined) {
    if (file.kind !== 'string' || !file.text.endsWith('"') || file.text.length < 2) return error(`invalid filename "${file.text}" in #line`, file);
    const extra = tokens[2];
    if (marker) {
      const flag = tokens.slice(2).find((token) => !['1', '2', '3', '4'].includes(token.text));
      if (flag !== undefined) return error(`invalid flag "${flag.text}" in line directive`, flag);
    } else if (extra !== undefined) {
      run.diagnostics.warning(locate(extra), 'extra tokens at end of #line directive');
    }
    state.presumedFile = file.text.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  state.lineDelta = lineNumber - (line.line + line.span);
}

function include(run: Run, state: FileState, line: LogicalLine, name: PpToken, context: ExpansionContext): void {
  const error = (message: string): void => run.diagnostics.error(context.locate(name), message);
  const target = includeTarget(restOfLine(line, name), context);
  if (typeof target === 'string') return error(target);
  if (target.trailing !== '') run.diagnostics.warning(context.locate(name), 'extra tokens at end of #include directive');
  if (state.depth + 1 > MAX_INCLUDE_DEPTH) return error(`#include nested depth ${state.depth + 1} exceeds maximum of ${MAX_INCLUDE_DEPTH}`);
  if (++run.includes > MAX_INCLUDES) return error(`more than ${MAX_INCLUDES} #include directives`);
  for (const candidate of candidatePaths(target, state.path, run.includePaths)) {
    const text = run.readFile(candidate);
    if (text === undefined) continue;
    if (run.onceFiles.has(normalize(candidate))) return;
    const guardName = run.guards.get(normalize(candidate));
    if (guardName !== undefined && run.macros.has(guardName)) return;
    run.characters += text.length;
    if (run.characters > MAX_INPUT_CHARACTERS) return error(`included files exceed ${MAX_INPUT_CHARACTERS} characters in total`);
    processFile(run, candidate, text, state.depth + 1);
    return;
  }
  error(`cannot find include file ${target.angled ? `<${target.name}>` : `"${target.name}"`}`);
}
