// The C preprocessor subset P4 programs use (the P4_16 spec's "Preprocessing"
// section adopts the C preprocessor's #include/#define/#if; p4c runs cpp).
// Output keeps one output line per input line (comments blanked, directives
// emptied, included files inlined), and `lineOrigins` maps each output line back
// to its file and line, honouring `#line`. Bad input only ever produces
// diagnostics; hostile input is bounded by include and expansion limits.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loc } from './ast.js';
import type { Diagnostics } from './diagnostics.js';
import { elifConditional, elseConditional, endConditional, isActive, openConditional, type Conditional } from './preprocess/conditionals.js';
import { evaluate } from './preprocess/expression.js';
import { expandTokens, parseDefinition, sameDefinition, type ExpansionContext, type Macro } from './preprocess/macros.js';
import { GuardDetector } from './preprocess/guard.js';
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
      ['__FILE__', { name: '__FILE__', variadic: false, body: [], builtin: 'file' }],
      ['__LINE__', { name: '__LINE__', variadic: false, body: [], builtin: 'line' }],
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

function expansionContext(run: Run, state: FileState, rows: readonly LogicalLine[]): ExpansionContext {
  return {
    macros: run.macros,
    diagnostics: run.diagnostics,
    locate: (token) => {
      const row = rows[token.row];
      const position = row === undefined ? { line: 0, col: token.col } : physicalPosition(row, token.col);
      return { file: state.presumedFile, line: position.line + state.lineDelta, col: position.col + 1 };
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
      openConditional(stack, '#if', locate(name), () => condition(run, context, args, name));
      return;
    case 'ifdef':
    case 'ifndef':
      openConditional(stack, `#${name.text}`, locate(name), () => {
        const target = macroName();
        extraTokens(1);
        return target !== undefined && run.macros.has(target.text) === (name.text === 'ifdef');
      });
      return;
    case 'elif':
      report(elifConditional(stack, () => condition(run, context, args, name)));
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
      return lineDirective(state, line, expandTokens(args, context).tokens, name, error);
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
      if (name.kind === 'number') return lineDirective(state, line, tokens.slice(1), name, error);
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
function condition(run: Run, context: ExpansionContext, args: readonly PpToken[], name: PpToken): boolean {
  const replaced: PpToken[] = [];
  for (let index = 0; index < args.length; index++) {
    const token = args[index];
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
    replaced.push(makeToken('number', run.macros.has(target.text) ? '1' : '0', token.spaceBefore, token.row, token.col, 0, undefined));
    index += parenthesized ? 3 : 1;
  }
  const expanded = expandTokens(replaced, context).tokens;
  const result = evaluate(expanded, (macro) => run.macros.has(macro));
  if (result.ok) return result.value !== 0n;
  run.diagnostics.error(context.locate(result.token ?? name), result.message);
  return false;
}

/** `#line digits "file"` (C11 §6.10.4): the next line has the given number. */
function lineDirective(
  state: FileState,
  line: LogicalLine,
  tokens: readonly PpToken[],
  name: PpToken,
  error: (message: string, token?: PpToken) => void,
): void {
  const number = tokens[0];
  if (number === undefined) return error('#line directive requires a line number', name);
  if (!/^[0-9]+$/.test(number.text)) return error(`"${number.text}" after #line is not a positive integer`, number);
  // C11 §6.10.4p3: the digit sequence shall not specify a number greater than 2147483647.
  if (Number(number.text) > 2147483647) return error('line number out of range', number);
  const file = tokens[1];
  if (file !== undefined) {
    if (file.kind !== 'string' || !file.text.endsWith('"') || file.text.length < 2) return error(`invalid filename "${file.text}" in #line`, file);
    state.presumedFile = file.text.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  state.lineDelta = Number(number.text) - (line.line + line.span);
}

function include(run: Run, state: FileState, line: LogicalLine, name: PpToken, context: ExpansionContext): void {
  const error = (message: string): void => run.diagnostics.error(context.locate(name), message);
  const target = includeTarget(restOfLine(line, name), context);
  if (typeof target === 'string') return error(target);
  if (target.trailing !== '') run.diagnostics.warning(context.locate(name), 'extra tokens at end of #include directive');
  if (state.depth + 1 > MAX_INCLUDE_DEPTH) return error(`#include nested depth ${state.depth + 1} exceeds maximum of ${MAX_INCLUDE_DEPTH}`);
  if (++run.includes > MAX_INCLUDES) return error(`more than ${MAX_INCLUDES} #include directives`);
  const candidates: string[] = [];
  if (isAbsolute(target.name)) candidates.push(target.name);
  else {
    if (!target.angled) candidates.push(join(dirname(state.path), target.name));
    for (const directory of run.includePaths) candidates.push(join(directory, target.name));
  }
  for (const candidate of candidates) {
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

/** The header name of `#include "x"` / `<x>`, or of a macro that expands to one (C11 §6.10.2p4). */
function includeTarget(rest: string, context: ExpansionContext): { name: string; angled: boolean; trailing: string } | string {
  const direct = /^(?:"([^"]*)"|<([^>]*)>)\s*(.*)$/.exec(rest);
  let name: string | undefined;
  let angled = false;
  let trailing = '';
  if (direct !== null) {
    name = direct[1] ?? direct[2];
    angled = direct[2] !== undefined;
    trailing = direct[3];
  } else {
    const spelled = expandTokens(tokenizeLine(rest, 0), context)
      .tokens.map((token) => (token.spaceBefore ? ' ' : '') + token.text)
      .join('')
      .trim();
    const computed = /^(?:"([^"]*)"|<([^>]*)>)\s*(.*)$/.exec(spelled);
    if (computed === null) return '#include expects "FILENAME" or <FILENAME>';
    name = computed[1] ?? computed[2];
    angled = computed[2] !== undefined;
    trailing = computed[3];
  }
  if (name === undefined || name === '') return 'empty filename in #include';
  return { name, angled, trailing };
}

function readDiskFile(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** p4/arch and p4/include of this package, found upward from this module (works from src/ and dist/). */
function defaultIncludePaths(): string[] {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(directory, 'p4', 'arch'))) return [join(directory, 'p4', 'arch'), join(directory, 'p4', 'include')];
    const parent = dirname(directory);
    if (parent === directory) return [];
    directory = parent;
  }
}
