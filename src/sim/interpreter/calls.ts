// Calls: actions, functions, sub-parsers and sub-controls with P4_16 §6.8
// copy-in/copy-out, header validity, stack push/pop, and dispatch of table
// applies and extern calls to their own modules.

import type { HeaderValue, IrArgument, IrCall, IrExpr, IrParam, IrType, StackValue, Value } from '../../p4c/ir.js';
import { EXIT, NORMAL, REJECT, RETURN, type Compiler, type Frame, type Run } from './context.js';
import { compileExpr, compilePinnedLvalue, type PinnedLvalue } from './expressions.js';
import { paddingBits } from './packet-io.js';
import { cloneValue, compileReset, defaultValue } from './values.js';

interface Binding {
  copyIn: () => void;
  copyOut: () => void;
}

/**
 * P4_16 §6.8: arguments are evaluated left to right; `in`/`inout` values are
 * copied into the callee's parameters, `out` parameters start uninitialized
 * (we use the type's default) and `out`/`inout` are copied back in order.
 */
/** The storage an lvalue names, as "slot.field.field", for plain variable/field paths; undefined otherwise. */
function storagePath(expr: IrExpr | undefined): string | undefined {
  if (!expr) return undefined;
  let path = '';
  let node: IrExpr = expr;
  while (node.kind === 'field') {
    path = `.${node.index}${path}`;
    node = node.base;
  }
  return node.kind === 'var' ? `${node.slot}${path}` : undefined;
}

function isComposite(type: IrType): boolean {
  return type.kind === 'struct' || type.kind === 'header' || type.kind === 'union' || type.kind === 'stack' || type.kind === 'tuple';
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * P4_16 §6.8: arguments are evaluated left to right; `in`/`inout` values are
 * copied into the callee's parameters, `out` parameters start uninitialized
 * (we use the type's default) and `out`/`inout` are copied back in order.
 *
 * `byReference` (sub-parser and sub-control applies): a composite `in`/`inout`
 * argument that is a plain variable/field path is passed as the object itself
 * when no other argument overlaps it. Controls and parsers reach caller state
 * only through their parameters, and copy-out also happens on `exit`, so the
 * result is the same as copying — without copying the whole headers struct
 * at every nested apply.
 */
export function bindArguments(
  compiler: Compiler,
  args: readonly IrArgument[],
  params: readonly IrParam[],
  callee: Frame,
  caller: Frame,
  byReference = false,
): Binding {
  const ins: (() => void)[] = [];
  const outs: (() => void)[] = [];
  const paths = args.map((arg) => storagePath(arg.value));
  const aliasFree = (position: number) => {
    const path = paths[position];
    if (path === undefined) return false;
    return paths.every((other, i) => i === position || other === undefined || !overlaps(path, other));
  };
  args.forEach((arg, position) => {
    const param = params[position];
    if (!param || arg.type.kind === 'extern' || param.type.kind === 'extern') return;
    const slot = param.slot;
    const type = param.type;
    if (byReference && arg.value && arg.direction !== 'none' && isComposite(type) && aliasFree(position)) {
      const get = compileExpr(compiler, arg.value, caller);
      if (arg.direction === 'out') {
        // `out` starts uninitialized (we use defaults): reset the caller's storage in place.
        const reset = compileReset(type);
        ins.push(() => {
          const value = get();
          reset(value);
          callee[slot] = value;
        });
        return;
      }
      ins.push(() => {
        callee[slot] = get();
      });
      return;
    }
    if (arg.direction === 'out' || arg.direction === 'inout') {
      // P4_16 §6.8: the argument's location is evaluated once, at copy-in; copy-out writes there.
      const target: PinnedLvalue | undefined = arg.value ? compilePinnedLvalue(compiler, arg.value, caller) : undefined;
      if (arg.direction === 'inout' && target) {
        const { resolve, get } = target;
        ins.push(() => {
          resolve();
          callee[slot] = cloneValue(get());
        });
      } else if (target) {
        const resolve = target.resolve;
        ins.push(() => {
          resolve();
          callee[slot] = defaultValue(type);
        });
      } else {
        ins.push(() => {
          callee[slot] = defaultValue(type);
        });
      }
      if (target) {
        const set = target.set;
        outs.push(() => set(callee[slot]));
      }
    } else if (arg.value) {
      const get = compileExpr(compiler, arg.value, caller);
      ins.push(() => {
        callee[slot] = cloneValue(get());
      });
    }
  });
  // Writing a parameter slot while evaluating later arguments is safe: parameter
  // slots are never the caller's own variables (no recursion, P4_16 §6.8).
  const runIns = ins.length === 0 ? () => undefined : () => {
    for (let i = 0; i < ins.length; i++) ins[i]();
  };
  const runOuts = outs.length === 0 ? () => undefined : () => {
    for (let i = 0; i < outs.length; i++) outs[i]();
  };
  return { copyIn: runIns, copyOut: runOuts };
}

const actionBodies = new WeakMap<Compiler, Map<number, Run>>();

/** The compiled body of an action, shared by direct calls and table hits; RETURN ends only the action. */
export function actionBody(compiler: Compiler, actionIndex: number): Run {
  let bodies = actionBodies.get(compiler);
  if (!bodies) actionBodies.set(compiler, (bodies = new Map()));
  let body = bodies.get(actionIndex);
  if (!body) {
    const action = compiler.program.actions[actionIndex];
    const frame = compiler.frameOfAction(actionIndex);
    let compiled: Run | undefined;
    // Placeholder first: an action body may (indirectly) refer to itself only through tables, never recursively.
    body = () => {
      const status = compiled!();
      return status === RETURN ? NORMAL : status;
    };
    bodies.set(actionIndex, body);
    compiled = compiler.compileStatements(action.body, frame);
  }
  return body;
}

/**
 * setValid/setInvalid as BMv2's add_header/remove_header: making an invalid
 * header valid zeroes its fields; both adjust the packet-length register by
 * the header's size when the validity actually changes.
 */
function compileHeaderValidity(compiler: Compiler, call: IrCall, frame: Frame): Run {
  const callee = call.callee as Extract<IrCall['callee'], { kind: 'setValid' | 'setInvalid' }>;
  const header = compileExpr(compiler, callee.base, frame);
  const type = callee.base.type;
  // Whole bytes, p4c's `_padding` included (see paddingBits).
  const bytes = type.kind === 'header' ? (type.fixedWidthBits + paddingBits(type)) >> 3 : 0;
  const zero = type.kind === 'header' ? compileReset(type) : () => undefined;
  const state = compiler.state;
  if (callee.kind === 'setInvalid') {
    return () => {
      const value = header() as HeaderValue;
      if (value.valid) {
        value.valid = false;
        state.lengthRegister -= bytes;
      }
      return NORMAL;
    };
  }
  const makeValid = (value: HeaderValue) => {
    if (value.valid) return;
    zero(value);
    value.valid = true;
    state.lengthRegister += bytes;
  };
  // P4_16 §8.17: making one member of a union valid invalidates the others.
  if (callee.base.kind === 'field' && callee.base.base.type.kind === 'union') {
    const union = compileExpr(compiler, callee.base.base, frame);
    const index = callee.base.index;
    return () => {
      const members = union() as HeaderValue[];
      for (let i = 0; i < members.length; i++) if (i !== index) members[i].valid = false;
      makeValid(header() as HeaderValue);
      return NORMAL;
    };
  }
  return () => {
    makeValid(header() as HeaderValue);
    return NORMAL;
  };
}

/**
 * P4_16 §8.18: push_front(n) shifts elements up by n, the first n become
 * invalid, nextIndex grows (capped at size); pop_front(n) shifts down, the
 * last n become invalid, nextIndex shrinks (floored at 0).
 */
function compileStackShift(compiler: Compiler, call: IrCall, frame: Frame): Run {
  const callee = call.callee as Extract<IrCall['callee'], { kind: 'pushFront' | 'popFront' }>;
  const stack = compileExpr(compiler, callee.base, frame);
  const count = callee.count;
  const elementType = callee.base.type.kind === 'stack' ? callee.base.type.element : undefined;
  const invalid = (): Value => (elementType ? defaultValue(elementType) : { valid: false, fields: [] });
  if (callee.kind === 'pushFront') {
    return () => {
      const value = stack() as StackValue;
      const size = value.elements.length;
      for (let i = size - 1; i >= 0; i--) value.elements[i] = i - count >= 0 ? value.elements[i - count] : invalid();
      value.nextIndex = Math.min(size, value.nextIndex + count);
      return NORMAL;
    };
  }
  return () => {
    const value = stack() as StackValue;
    const size = value.elements.length;
    for (let i = 0; i < size; i++) value.elements[i] = i + count < size ? value.elements[i + count] : invalid();
    value.nextIndex = Math.max(0, value.nextIndex - count);
    return NORMAL;
  };
}

export interface CallCompilers {
  tableApply(compiler: Compiler, tableIndex: number): Run;
  externCall(compiler: Compiler, call: IrCall, frame: Frame): Run;
  parserBody(compiler: Compiler, parserIndex: number): Run;
  controlBody(compiler: Compiler, controlIndex: number): Run;
}

export function compileCall(compiler: Compiler, call: IrCall, frame: Frame, parts: CallCompilers): Run {
  const callee = call.callee;
  switch (callee.kind) {
    case 'action': {
      const action = compiler.program.actions[callee.action];
      const binding = bindArguments(compiler, call.args, action.params, compiler.frameOfAction(callee.action), frame);
      const body = actionBody(compiler, callee.action);
      const { copyIn, copyOut } = binding;
      return () => {
        copyIn();
        const status = body();
        copyOut();
        return status;
      };
    }
    case 'function': {
      const fn = compiler.program.functions[callee.function];
      const calleeFrame = compiler.frameOfFunction(callee.function);
      const { copyIn, copyOut } = bindArguments(compiler, call.args, fn.params, calleeFrame, frame);
      const compiled = compiler.compileStatements(fn.body, calleeFrame);
      return () => {
        copyIn();
        const status = compiled();
        copyOut();
        return status === RETURN ? NORMAL : status;
      };
    }
    case 'externMethod':
    case 'externFunction':
      return parts.externCall(compiler, call, frame);
    case 'setValid':
    case 'setInvalid':
      return compileHeaderValidity(compiler, call, frame);
    case 'pushFront':
    case 'popFront':
      return compileStackShift(compiler, call, frame);
    case 'tableApply':
      return parts.tableApply(compiler, callee.table);
    case 'parserApply': {
      const parser = compiler.program.parsers[callee.parser];
      const { copyIn, copyOut } = bindArguments(compiler, call.args, parser.params, compiler.frameOfParser(callee.parser), frame, true);
      const body = parts.parserBody(compiler, callee.parser);
      return () => {
        copyIn();
        const status = body();
        // A sub-parser that rejects makes the calling parser reject (P4_16 §12.9).
        copyOut();
        return status === REJECT ? REJECT : NORMAL;
      };
    }
    case 'controlApply': {
      const control = compiler.program.controls[callee.control];
      const { copyIn, copyOut } = bindArguments(compiler, call.args, control.params, compiler.frameOfControl(callee.control), frame, true);
      const body = parts.controlBody(compiler, callee.control);
      return () => {
        copyIn();
        const status = body();
        copyOut();
        // P4_16 §12.5: exit ends every enclosing control too (copy-out still happens).
        return status === EXIT ? EXIT : NORMAL;
      };
    }
  }
}
