// Loops (P4_16 v1.2.5 §12.15): `for (init; cond; update) body` and
// `for (T x in lo .. hi)` / `for (T x in collection)`, with `break` and
// `continue` as completion statuses consumed here. BMv2 runs loops without a
// bound; a closure that never ends would hang the whole switch, so a loop
// that runs more than MAX_ITERATIONS times drops the packet with an error
// (like a failed assert).

import type { IrStatement, Value } from '../../p4c/ir.js';
import { BREAK, CONTINUE, EXIT, NORMAL, type Compiler, type Frame, type Get, type Run } from './context.js';
import { compileExpr, mayExit } from './expressions.js';
import { cloneValue, fromBig, scalarShape, toBig } from './values.js';

export const MAX_ITERATIONS = 1 << 20;

type LoopStatement = Extract<IrStatement, { kind: 'for' | 'forIn' }>;

/** What a loop does with its body's status: undefined = keep looping, a number = leave the loop with it. */
function afterBody(status: number): number | undefined {
  if (status === NORMAL || status === CONTINUE) return undefined;
  return status === BREAK ? NORMAL : status;
}

/** A condition that may apply a table whose action exits: EXIT wins over the condition's value. */
function compileCondition(compiler: Compiler, statement: Extract<IrStatement, { kind: 'for' }>, frame: Frame): () => boolean | typeof EXIT {
  const cond = compileExpr(compiler, statement.cond, frame);
  if (!mayExit(statement.cond)) return () => cond() as boolean;
  const state = compiler.state;
  return () => {
    state.exitPending = false;
    const value = cond() as boolean;
    if (state.exitPending) {
      state.exitPending = false;
      return EXIT;
    }
    return value;
  };
}

function tooLong(compiler: Compiler, statement: LoopStatement): number {
  const where = `${statement.loc.file}:${statement.loc.line}`;
  compiler.state.assertionFailed = `loop at ${where} ran more than ${MAX_ITERATIONS} iterations; packet dropped`;
  return EXIT;
}

export function compileLoop(compiler: Compiler, statement: LoopStatement, frame: Frame): Run {
  const body = compiler.compileStatements(statement.body, frame);
  if (statement.kind === 'for') {
    const init = compiler.compileStatements(statement.init, frame);
    const update = compiler.compileStatements(statement.update, frame);
    const condition = compileCondition(compiler, statement, frame);
    return () => {
      const initStatus = init();
      if (initStatus !== NORMAL) return initStatus;
      for (let count = 0; ; count++) {
        if (count >= MAX_ITERATIONS) return tooLong(compiler, statement);
        const taken = condition();
        if (taken === EXIT) return EXIT;
        if (!taken) return NORMAL;
        const leave = afterBody(body());
        if (leave !== undefined) return leave;
        const updateStatus = update();
        if (updateStatus !== NORMAL) return updateStatus;
      }
    };
  }
  const slot = statement.slot;
  if (statement.range) {
    const low = compileExpr(compiler, statement.range.low, frame);
    const high = compileExpr(compiler, statement.range.high, frame);
    const shape = scalarShape(statement.type) ?? { width: 32, signed: false };
    const { width, signed } = shape;
    return () => {
      // Both bounds once, before the first iteration; counting in bigint so hi = max does not wrap.
      const first = toBig(low());
      const last = toBig(high());
      let count = 0;
      for (let value = first; value <= last; value++) {
        if (++count > MAX_ITERATIONS) return tooLong(compiler, statement);
        frame[slot] = fromBig(value, width, signed);
        const leave = afterBody(body());
        if (leave !== undefined) return leave;
      }
      return NORMAL;
    };
  }
  const elements: Get[] = (statement.elements ?? []).map((element) => compileExpr(compiler, element, frame));
  return () => {
    for (let i = 0; i < elements.length; i++) {
      // Each element is read at the start of its own iteration (the body may change later ones).
      frame[slot] = cloneValue(elements[i]() as Value);
      const leave = afterBody(body());
      if (leave !== undefined) return leave;
    }
    return NORMAL;
  };
}
