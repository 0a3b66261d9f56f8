// Parser state machines (P4_16 §12): states run their statements, then the
// transition picks the next state. Select cases are tried in order; no match
// rejects with error.NoMatch (§12.6). A reject leaves parser_error set and
// (v1model, as BMv2) the packet still goes on to ingress.

import { ACCEPT_STATE, REJECT_STATE, type IrKeyset, type IrParser, type IrTransition, type Value } from '../../p4c/ir.js';
import type { FieldMatch } from '../entries.js';
import { NORMAL, REJECT, type Compiler, type Frame, type Get } from './context.js';
import { compileExpr } from './expressions.js';
import { toBig } from './values.js';

/** Upper bound on state visits per parse: loops without progress must not hang the switch. */
export const MAX_PARSER_STEPS = 4096;
const NO_MATCH = -3;

type Matcher = (key: readonly Value[]) => boolean;

function fieldMatches(match: FieldMatch, value: bigint, width: number): boolean {
  switch (match.kind) {
    case 'exact':
    case 'optional':
      return value === match.value;
    case 'ternary':
      return (value & match.mask) === (match.value & match.mask);
    case 'lpm': {
      const mask = ((1n << BigInt(match.prefixLen)) - 1n) << BigInt(width - match.prefixLen);
      return (value & mask) === match.value;
    }
    case 'range':
      return value >= match.low && value <= match.high;
    case 'wildcard':
      return true;
  }
}

function keysetMatcher(compiler: Compiler, keyset: IrKeyset, position: number, widths: number[]): Matcher {
  switch (keyset.kind) {
    case 'default':
      return () => true;
    case 'value': {
      const expected = keyset.value;
      return (key) => key[position] === expected;
    }
    case 'mask': {
      if (typeof keyset.value === 'bigint' || typeof keyset.mask === 'bigint') {
        const mask = toBig(keyset.mask);
        const expected = toBig(keyset.value) & mask;
        return (key) => (toBig(key[position]) & mask) === expected;
      }
      const mask = keyset.mask as number;
      const expected = ((keyset.value as number) & mask) >>> 0;
      return (key) => (((key[position] as number) & mask) >>> 0) === expected;
    }
    case 'range': {
      const low = keyset.low as number | bigint;
      const high = keyset.high as number | bigint;
      return (key) => (key[position] as number | bigint) >= low && (key[position] as number | bigint) <= high;
    }
    case 'valueSet': {
      const members = compiler.runtime.valueSets;
      const index = keyset.valueSet;
      return (key) => {
        for (const member of members[index] ?? []) {
          let all = true;
          for (let i = 0; i < member.length && all; i++) {
            const slot = member.length === 1 ? position : i;
            all = fieldMatches(member[i], toBig(key[slot]), widths[slot] ?? 0);
          }
          if (all) return true;
        }
        return false;
      };
    }
  }
}

function compileTransition(compiler: Compiler, transition: IrTransition, frame: Frame): () => number {
  if (transition.kind === 'direct') {
    const next = transition.next;
    return () => next;
  }
  const getters: Get[] = transition.exprs.map((e) => compileExpr(compiler, e, frame));
  const widths = transition.exprs.map((e) => (e.type.kind === 'bit' ? e.type.width : e.type.kind === 'bool' ? 1 : 0));
  const cases = transition.cases.map((c) => {
    const matchers = c.keysets.map((k, i) => keysetMatcher(compiler, k, i, widths));
    return { matchers, next: c.next };
  });
  const key: Value[] = new Array(getters.length);
  return () => {
    for (let i = 0; i < getters.length; i++) key[i] = getters[i]();
    for (const { matchers, next } of cases) {
      let matched = true;
      for (let i = 0; i < matchers.length && matched; i++) matched = matchers[i](key);
      if (matched) return next;
    }
    return NO_MATCH;
  };
}

/** Runs a parser instance from `start`: NORMAL on accept, REJECT with state.parserError set otherwise. */
export function compileParserBody(compiler: Compiler, parserIndex: number): () => number {
  const parser: IrParser = compiler.program.parsers[parserIndex];
  const frame = compiler.frameOfParser(parserIndex);
  const state = compiler.state;
  const errors = compiler.errors;
  const inits = compiler.compileStatements(parser.localInits, frame);
  const states = parser.states.map((s) => ({
    name: s.name,
    body: compiler.compileStatements(s.statements, frame),
    transition: compileTransition(compiler, s.transition, frame),
  }));
  const name = parser.controlPlaneName;
  const fail = (error: number) => {
    state.parserError = error;
    if (state.trace) state.trace.push({ kind: 'parserError', error: compiler.program.errors[error] ?? String(error) });
    return REJECT;
  };
  return () => {
    inits();
    let current = 0;
    for (let steps = 0; steps < MAX_PARSER_STEPS; steps++) {
      const node = states[current];
      if (state.trace) state.trace.push({ kind: 'parserState', parser: name, state: node.name });
      const status = node.body();
      if (status === REJECT) return fail(state.parserError);
      if (state.pendingError >= 0) {
        const error = state.pendingError;
        state.pendingError = -1;
        return fail(error);
      }
      const next = node.transition();
      if (state.pendingError >= 0) {
        const error = state.pendingError;
        state.pendingError = -1;
        return fail(error);
      }
      if (next === ACCEPT_STATE) return NORMAL;
      if (next === REJECT_STATE) return fail(state.parserError);
      if (next === NO_MATCH) return fail(errors.NoMatch);
      current = next;
    }
    return fail(errors.ParserTimeout);
  };
}
