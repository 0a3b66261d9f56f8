// Macro definitions (C11 §6.10.3) and their expansion with hide sets: each
// token remembers which macros produced it, so `#define foo foo` stops after one
// step (§6.10.3.4p2) — the algorithm of Prosser's note on the ANSI C standard.
// Hostile input is bounded by a token budget shared by the whole run.

import type { Loc } from '../ast.js';
import type { Reporter } from './report.js';
import { isSingleToken, makeToken, spell, stringize, tokenizeLine, type HideSet, type PpToken } from './tokens.js';

export interface Macro {
  name: string;
  /** Parameter names of a function-like macro; undefined for an object-like one. */
  params?: string[];
  /** The last parameter collects the remaining arguments (`...` or gcc's `name...`). */
  variadic: boolean;
  body: PpToken[];
  /** Computed at each use: `__FILE__`, `__LINE__` (C11 §6.10.8.1) and the gcc extensions
   *  `__COUNTER__`, `__INCLUDE_LEVEL__`, `__BASE_FILE__`. */
  builtin?: Builtin;
}

export type Builtin = 'file' | 'line' | 'counter' | 'includeLevel' | 'baseFile';

/** The value of a builtin macro at a use: a number or the contents of a string. */
export type BuiltinValue = { kind: 'number'; value: number } | { kind: 'string'; value: string };

export type DefinitionResult = { ok: true; macro: Macro } | { ok: false; message: string; token?: PpToken };

/** Parses the tokens after `#define`. */
export function parseDefinition(tokens: readonly PpToken[]): DefinitionResult {
  const name = tokens[0];
  if (name === undefined) return { ok: false, message: 'no macro name given in #define directive' };
  if (name.kind !== 'identifier') return { ok: false, message: 'macro names must be identifiers', token: name };
  if (name.text === 'defined') return { ok: false, message: '"defined" cannot be used as a macro name', token: name };
  let position = 1;
  let params: string[] | undefined;
  let variadic = false;
  // C11 §6.10.3p10: function-like only when `(` follows the name with no whitespace.
  if (tokens[1]?.text === '(' && !tokens[1].spaceBefore) {
    params = [];
    position = 2;
    for (;;) {
      const token = tokens[position++];
      if (token === undefined) return { ok: false, message: "missing ')' in macro parameter list", token: name };
      if (token.text === ')' && params.length === 0) break;
      if (token.text === '...') {
        params.push('__VA_ARGS__');
        variadic = true;
      } else if (token.kind === 'identifier' && token.text !== '__VA_ARGS__') {
        if (params.includes(token.text)) return { ok: false, message: `duplicate macro parameter "${token.text}"`, token };
        params.push(token.text);
        if (tokens[position]?.text === '...') {
          variadic = true;
          position++;
        }
      } else return { ok: false, message: `expected parameter name, found "${token.text}"`, token };
      const separator = tokens[position++];
      if (separator === undefined) return { ok: false, message: "missing ')' in macro parameter list", token: name };
      if (separator.text === ')') break;
      if (separator.text !== ',' || variadic) {
        return { ok: false, message: "expected ',' or ')' in macro parameter list", token: separator };
      }
    }
  }
  const body = tokens
    .slice(position)
    .map((token, index) => (index === 0 ? makeToken(token.kind, token.text, false, token.row, token.col, token.source, token.hidden) : token))
    // gcc reads `a ## ## b` as `a ## b`: a paste operator cannot be an operand.
    .filter((token, index, all) => !(token.text === '##' && all[index - 1]?.text === '##'));
  if (body[0]?.text === '##') return { ok: false, message: "'##' cannot appear at either end of a macro expansion", token: body[0] };
  if (body.length > 0 && body[body.length - 1].text === '##') {
    return { ok: false, message: "'##' cannot appear at either end of a macro expansion", token: body[body.length - 1] };
  }
  if (params !== undefined) {
    for (let index = 0; index < body.length; index++) {
      if (body[index].text === '#' && !params.includes(body[index + 1]?.text ?? '')) {
        return { ok: false, message: "'#' is not followed by a macro parameter", token: body[index] };
      }
    }
  }
  return { ok: true, macro: { name: name.text, params, variadic, body } };
}

/** C11 §6.10.3p2: a redefinition must be identical (same parameters, same tokens, same spacing). */
export function sameDefinition(a: Macro, b: Macro): boolean {
  if (a.variadic !== b.variadic || a.builtin !== b.builtin) return false;
  if ((a.params === undefined) !== (b.params === undefined)) return false;
  if (a.params && b.params && a.params.join(',') !== b.params.join(',')) return false;
  if (a.body.length !== b.body.length) return false;
  return a.body.every((token, index) => token.text === b.body[index].text && (index === 0 || token.spaceBefore === b.body[index].spaceBefore));
}

export interface ExpansionContext {
  macros: Map<string, Macro>;
  diagnostics: Reporter;
  /** Source location of a token (or of the invocation that produced it). */
  locate(token: PpToken): Loc;
  /** Value of a builtin macro used at `token`. */
  builtin(kind: Builtin, token: PpToken): BuiltinValue;
  /** Tokens every expansion may still produce; below zero no macro expands any more. */
  budget: { remaining: number; reported: boolean };
  /** Counter for the `source` number of substituted bodies. */
  sources: { next: number };
  /** The empty hide set of this run, root of all others. */
  hideSets: HideSet;
  /** Expanding an #if expression: the operand of a `defined` that macro expansion
   *  produced is left alone, as gcc does (C11 §6.10.1p4 leaves this undefined). */
  condition?: boolean;
}

/** A span of the input replaced by the spelling of its expansion (end is exclusive). */
export interface Replacement {
  startRow: number;
  startCol: number;
  endRow: number;
  endCol: number;
  text: string;
}

export const MAX_ARGUMENT_DEPTH = 200;
/** Names all hide sets of a run may hold together (bounds memory for deeply nested macros). */
export const MAX_HIDE_SET_ENTRIES = 2_000_000;

/** Where expandTokens reads its input from: a token array, or the rows of a text block. */
export interface TokenSource {
  peek(): PpToken | undefined;
  next(): PpToken | undefined;
  /** Called when no expansion is in progress: the source may skip input that holds no
   *  macro name (its tokens would only be copied). Sources of full output never skip. */
  idle?(): void;
}

function arraySource(tokens: readonly PpToken[]): TokenSource {
  let index = 0;
  return {
    peek: () => tokens[index],
    next: () => (index < tokens.length ? tokens[index++] : undefined),
  };
}

/** Fully macro-expands the input. With `trackReplacements`, reports instead which spans of
 *  the input changed (the returned tokens then only hold replaced spans), so the caller
 *  can keep untouched text byte for byte. */
export function expandTokens(
  input: readonly PpToken[] | TokenSource,
  context: ExpansionContext,
  trackReplacements = false,
  depth = 0,
): { tokens: PpToken[]; replacements: Replacement[] } {
  const source = Array.isArray(input) ? arraySource(input) : (input as TokenSource);
  const pending: PpToken[] = []; // expansion output still to rescan; the top is the next token
  let lastInput: PpToken | undefined;
  const output: PpToken[] = [];
  const replacements: Replacement[] = [];
  let region: { start: PpToken; outputStart: number } | undefined;
  /** Where we are in `defined X` / `defined ( X )` inside an #if expression. */
  let definedOperand: 'none' | 'afterDefined' | 'inParentheses' = 'none';

  const next = (): PpToken | undefined => {
    if (pending.length > 0) return pending.pop();
    const token = source.next();
    if (token !== undefined) lastInput = token;
    return token;
  };
  const peek = (): PpToken | undefined => (pending.length > 0 ? pending[pending.length - 1] : source.peek());

  const closeRegion = (): void => {
    if (region === undefined || lastInput === undefined) return;
    replacements.push({
      startRow: region.start.row,
      startCol: region.start.col,
      endRow: lastInput.row,
      endCol: lastInput.col + lastInput.text.length,
      text: spell(output.slice(region.outputStart)),
    });
    region = undefined;
  };

  for (;;) {
    if (pending.length === 0) {
      closeRegion();
      if (trackReplacements) source.idle?.();
    }
    const fromInput = pending.length === 0;
    const token = next();
    if (token === undefined) break;
    if (context.condition === true) {
      const state: 'none' | 'afterDefined' | 'inParentheses' = definedOperand;
      definedOperand = token.text === 'defined' ? 'afterDefined' : state === 'afterDefined' && token.text === '(' ? 'inParentheses' : 'none';
      if (state !== 'none' && token.kind === 'identifier') {
        output.push(token);
        continue;
      }
    }
    const macro = token.kind === 'identifier' ? context.macros.get(token.text) : undefined;
    const expandable =
      macro !== undefined &&
      !token.hidden?.has(token.text) &&
      context.budget.remaining >= 0 &&
      (macro.params === undefined || peek()?.text === '(');
    if (!expandable) {
      // Outside replaced spans, tracked text keeps its own spelling: no need to collect it.
      if (!trackReplacements || region !== undefined) output.push(token);
      continue;
    }
    if (fromInput && trackReplacements) region = { start: token, outputStart: output.length };
    const expansion = invoke(macro, token, next, context, depth);
    if (expansion === undefined) {
      output.push(token);
      continue;
    }
    for (let position = expansion.length - 1; position >= 0; position--) pending.push(expansion[position]);
  }
  closeRegion();
  return { tokens: output, replacements };
}

/** Expands one use of `macro`; undefined when the invocation is malformed (already reported). */
function invoke(
  macro: Macro,
  name: PpToken,
  next: () => PpToken | undefined,
  context: ExpansionContext,
  depth: number,
): PpToken[] | undefined {
  if (context.budget.remaining < 0) return undefined; // budget spent while collecting arguments
  if (macro.builtin !== undefined) {
    const value = context.builtin(macro.builtin, name);
    const text = value.kind === 'number' ? String(value.value) : '"' + value.value.replace(/[\\"]/g, (special) => '\\' + special) + '"';
    return [makeToken(value.kind, text, name.spaceBefore, name.row, name.col, context.sources.next++, name.hidden)];
  }
  if (macro.params === undefined) {
    return substitute(macro, [], (name.hidden ?? context.hideSets).with(macro.name), name, context, depth);
  }
  next(); // the `(` that expandTokens saw
  const args: PpToken[][] = [[]];
  let nesting = 0;
  let closing: PpToken | undefined;
  for (let token = next(); token !== undefined; token = next()) {
    if (token.text === '(') nesting++;
    else if (token.text === ')') {
      if (nesting === 0) {
        closing = token;
        break;
      }
      nesting--;
    } else if (token.text === ',' && nesting === 0 && !(macro.variadic && args.length === macro.params.length)) {
      args.push([]);
      continue;
    }
    args[args.length - 1].push(token);
  }
  if (closing === undefined) {
    context.diagnostics.error(context.locate(name), `unterminated argument list invoking macro "${macro.name}"`);
    return undefined;
  }
  const expected = macro.params.length;
  if (expected === 0 && args.length === 1 && args[0].length === 0) args.length = 0;
  // gcc extension: a variadic macro may be called without any variable argument.
  if (macro.variadic && args.length === expected - 1) args.push([]);
  if (args.length !== expected) {
    const message =
      args.length > expected
        ? `macro "${macro.name}" passed ${args.length} arguments, but takes just ${expected}`
        : `macro "${macro.name}" requires ${expected} arguments, but only ${args.length} given`;
    context.diagnostics.error(context.locate(name), message);
    return undefined;
  }
  // Prosser: the result may be hidden from names hidden at both the name and the `)`.
  const hidden = (name.hidden ?? context.hideSets).intersection(closing.hidden).with(macro.name);
  return substitute(macro, args, hidden, name, context, depth);
}

/** C11 §6.10.3.1–§6.10.3.3: parameters replaced by their (pre-expanded) arguments,
 *  `#` stringizes, `##` pastes; the result is rescanned by the caller. */
function substitute(
  macro: Macro,
  args: PpToken[][],
  hidden: HideSet,
  anchor: PpToken,
  context: ExpansionContext,
  depth: number,
): PpToken[] {
  const bodySource = context.sources.next++;
  if (macro.params === undefined && !macro.body.some((token) => token.text === '##')) {
    // The common case, without parameters or pasting: a copy of the body.
    const copy = macro.body.map(
      (token, index): PpToken => ({
        kind: token.kind,
        text: token.text,
        spaceBefore: index === 0 ? anchor.spaceBefore : token.spaceBefore,
        row: anchor.row,
        col: anchor.col,
        source: bodySource,
        hidden,
      }),
    );
    return charge(copy, context, anchor);
  }
  const params = macro.params ?? [];
  const expandedArgs = new Map<number, PpToken[]>();
  const unions = new Map<HideSet | undefined, HideSet>();
  const place = (token: PpToken, source: number, spaceBefore = token.spaceBefore): PpToken => {
    let tokenHidden = unions.get(token.hidden);
    if (tokenHidden === undefined) {
      tokenHidden = token.hidden === undefined ? hidden : token.hidden.union(hidden);
      unions.set(token.hidden, tokenHidden);
    }
    return makeToken(token.kind, token.text, spaceBefore, anchor.row, anchor.col, source, tokenHidden);
  };
  const paramIndex = (token: PpToken | undefined): number =>
    token !== undefined && token.kind === 'identifier' ? params.indexOf(token.text) : -1;
  const expanded = (index: number): PpToken[] => {
    let tokens = expandedArgs.get(index);
    if (tokens === undefined) {
      if (depth >= MAX_ARGUMENT_DEPTH) {
        context.diagnostics.error(context.locate(anchor), 'macro arguments nested too deeply');
        tokens = args[index];
      } else tokens = expandTokens(args[index], context, false, depth + 1).tokens;
      expandedArgs.set(index, tokens);
    }
    return tokens;
  };
  const placemarker = (spaceBefore: boolean): PpToken =>
    makeToken('placemarker', '', spaceBefore, anchor.row, anchor.col, bodySource, undefined);
  const stringized = (index: number, spaceBefore: boolean): PpToken =>
    makeToken('string', stringize(args[index]), spaceBefore, anchor.row, anchor.col, bodySource, hidden);
  /** Tokens one body token stands for, unexpanded (operands of `##`). */
  const operand = (position: number): { tokens: PpToken[]; used: number } => {
    const token = macro.body[position];
    const index = paramIndex(token);
    if (token.text === '#' && macro.params !== undefined && paramIndex(macro.body[position + 1]) >= 0) {
      return { tokens: [stringized(paramIndex(macro.body[position + 1]), token.spaceBefore)], used: 2 };
    }
    if (index < 0) return { tokens: [place(token, bodySource)], used: 1 };
    const raw = args[index];
    if (raw.length === 0) return { tokens: [placemarker(token.spaceBefore)], used: 1 };
    return { tokens: raw.map((argument, at) => place(argument, argument.source, at === 0 ? token.spaceBefore : argument.spaceBefore)), used: 1 };
  };

  const result: PpToken[] = [];
  let position = 0;
  while (position < macro.body.length) {
    // Arguments can double at each nesting level: once over budget (here or while
    // expanding an argument), the expansion is dropped; the error is already reported.
    if (result.length > context.budget.remaining) {
      result.length = 0;
      exhaust(context, anchor);
      break;
    }
    const token = macro.body[position];
    if (token.text === '##' && result.length > 0 && position + 1 < macro.body.length) {
      const right = operand(position + 1);
      position += 1 + right.used;
      const left = result.pop() as PpToken;
      const rightIndex = paramIndex(macro.body[position - 1]);
      // gcc: `, ## __VA_ARGS__` drops the comma when the variable arguments are empty.
      if (left.text === ',' && macro.variadic && right.used === 1 && rightIndex === params.length - 1) {
        if (right.tokens[0].kind === 'placemarker') continue;
        result.push(left);
        for (const argument of right.tokens) result.push(argument);
        continue;
      }
      for (const pasted of paste(left, right.tokens[0], context, anchor)) result.push(pasted);
      for (let at = 1; at < right.tokens.length; at++) result.push(right.tokens[at]);
      continue;
    }
    if (macro.body[position + 1]?.text === '##') {
      // A parameter before `##` is not expanded (C11 §6.10.3.3p2).
      const left = operand(position);
      for (const token of left.tokens) result.push(token);
      position += left.used;
      continue;
    }
    if (token.text === '#' && macro.params !== undefined) {
      result.push(stringized(paramIndex(macro.body[position + 1]), token.spaceBefore));
      position += 2;
      continue;
    }
    const index = paramIndex(token);
    if (index >= 0) {
      const tokens = expanded(index);
      if (context.budget.remaining < 0) continue;
      tokens.forEach((argument, at) => result.push(place(argument, argument.source, at === 0 ? token.spaceBefore : argument.spaceBefore)));
    } else result.push(place(token, bodySource));
    position++;
  }
  const final = result.filter((token) => token.kind !== 'placemarker');
  if (final.length > 0) {
    const first = final[0];
    final[0] = makeToken(first.kind, first.text, anchor.spaceBefore, first.row, first.col, first.source, first.hidden);
  }
  return charge(final, context, anchor);
}

/** Counts produced tokens against the run's budget (one extra per expansion, so empty
 *  bodies count too); past the budget, no further macro is expanded. */
function charge(tokens: PpToken[], context: ExpansionContext, anchor: PpToken): PpToken[] {
  context.budget.remaining -= tokens.length + 1;
  if (context.budget.remaining < 0 || context.hideSets.entries() > MAX_HIDE_SET_ENTRIES) exhaust(context, anchor);
  return tokens;
}

function exhaust(context: ExpansionContext, anchor: PpToken): void {
  context.budget.remaining = -1;
  if (context.budget.reported) return;
  context.budget.reported = true;
  context.diagnostics.error(context.locate(anchor), 'macro expansion too large; further macros are left unexpanded');
}

/** C11 §6.10.3.3p3: the spellings are joined and must form one preprocessing token. */
function paste(left: PpToken, right: PpToken, context: ExpansionContext, anchor: PpToken): PpToken[] {
  if (left.kind === 'placemarker') return [right];
  if (right.kind === 'placemarker') return [left];
  const text = left.text + right.text;
  if (!isSingleToken(text)) {
    context.diagnostics.error(
      context.locate(anchor),
      `pasting "${left.text}" and "${right.text}" does not give a valid preprocessing token`,
    );
    return [left, right];
  }
  const [token] = tokenizeLine(text, left.row, left.source);
  return [makeToken(token.kind, token.text, left.spaceBefore, left.row, left.col, left.source, left.hidden)];
}
