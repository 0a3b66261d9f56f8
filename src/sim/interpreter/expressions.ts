// Compiles IR expressions to closures. Arithmetic is specialized at compile
// time on the operand width: JS numbers with 32-bit wrap for W ≤ 32, bigint
// with BigInt.asUintN/asIntN above (the representation of ir.ts).

import type { HeaderValue, IrExpr, IrType, StackValue, Value } from '../../p4c/ir.js';
import { EXIT, type Compiler, type Frame, type Get, type Lvalue } from './context.js';
import {
  bigWrapper,
  cloneValue,
  copyInto,
  defaultValue,
  fromBig,
  isHeaderValue,
  numberWrapper,
  scalarShape,
  toBig,
  valuesEqual,
} from './values.js';

/** True when evaluating `expr` may run a table apply or a call (which could `exit`). */
export function mayExit(expr: IrExpr): boolean {
  switch (expr.kind) {
    case 'tableHit':
    case 'call':
      return true;
    case 'field':
    case 'stackNext':
    case 'stackLast':
    case 'stackLastIndex':
    case 'slice':
    case 'isValid':
      return mayExit(expr.base);
    case 'stackElement':
      return mayExit(expr.base) || mayExit(expr.index);
    case 'unary':
    case 'cast':
      return mayExit(expr.operand);
    case 'binary':
      return mayExit(expr.left) || mayExit(expr.right);
    case 'mux':
      return mayExit(expr.cond) || mayExit(expr.then) || mayExit(expr.else);
    case 'list':
      return expr.elements.some(mayExit);
    case 'structInit':
      return expr.fields.some(mayExit);
    default:
      return false;
  }
}

function widthOf(type: IrType): number {
  return scalarShape(type)?.width ?? 0;
}

function signedOf(type: IrType): boolean {
  return scalarShape(type)?.signed ?? false;
}

function isBig(type: IrType): boolean {
  return widthOf(type) > 32;
}

/** Field access on a header ({valid, fields}) or on a struct/union/tuple (array). */
function fieldGetter(base: Get, baseType: IrType, index: number): Get {
  if (baseType.kind === 'header') return () => (base() as HeaderValue).fields[index];
  return () => (base() as Value[])[index];
}

/**
 * `hdr.ipv4.ttl`-style paths from a variable through struct/header fields,
 * compiled into one closure instead of one per step (the commonest expression
 * in real programs). Undefined for other shapes.
 */
function compileFieldPath(expr: IrExpr, frame: Frame): Get | undefined {
  const steps: { index: number; header: boolean }[] = [];
  let node: IrExpr = expr;
  while (node.kind === 'field') {
    const baseKind = node.base.type.kind;
    if (baseKind !== 'header' && baseKind !== 'struct' && baseKind !== 'union') return undefined;
    steps.unshift({ index: node.index, header: baseKind === 'header' });
    node = node.base;
  }
  if (node.kind !== 'var' || steps.length > 3) return undefined;
  const slot = node.slot;
  const step = (value: Value, s: { index: number; header: boolean }): Value =>
    s.header ? (value as HeaderValue).fields[s.index] : (value as Value[])[s.index];
  const [a, b, c] = steps;
  if (steps.length === 1) {
    const i = a.index;
    return a.header ? () => (frame[slot] as HeaderValue).fields[i] : () => (frame[slot] as Value[])[i];
  }
  if (steps.length === 2) {
    const i = a.index;
    const j = b.index;
    if (!a.header && b.header) return () => ((frame[slot] as Value[])[i] as HeaderValue).fields[j];
    if (!a.header && !b.header) return () => ((frame[slot] as Value[])[i] as Value[])[j];
    return () => step(step(frame[slot], a), b);
  }
  const i = a.index;
  const j = b.index;
  const k = c.index;
  if (!a.header && !b.header && c.header) return () => (((frame[slot] as Value[])[i] as Value[])[j] as HeaderValue).fields[k];
  return () => step(step(step(frame[slot], a), b), c);
}

/** Types whose values are JS primitives (copied by assignment, never shared). */
function isScalarType(type: IrType): boolean {
  return type.kind === 'bit' || type.kind === 'bool' || type.kind === 'enum' || type.kind === 'error' || type.kind === 'int' || type.kind === 'string';
}

function stackOf(value: Value): StackValue {
  return value as StackValue;
}

export function compileExpr(compiler: Compiler, expr: IrExpr, frame: Frame): Get {
  switch (expr.kind) {
    case 'const': {
      const value = expr.value;
      if (typeof value === 'object') return () => cloneValue(value);
      return () => value;
    }
    case 'var': {
      const slot = expr.slot;
      return () => frame[slot];
    }
    case 'field':
      return compileFieldPath(expr, frame) ?? fieldGetter(compileExpr(compiler, expr.base, frame), expr.base.type, expr.index);
    case 'stackElement': {
      const base = compileExpr(compiler, expr.base, frame);
      const index = compileExpr(compiler, expr.index, frame);
      const elementType = expr.type;
      // P4_16 §8.18: an out-of-range read is unspecified; we read an invalid element.
      return () => {
        const stack = stackOf(base());
        const i = Number(index());
        return i >= 0 && i < stack.elements.length ? stack.elements[i] : defaultValue(elementType);
      };
    }
    case 'stackNext':
    case 'stackLast': {
      const base = compileExpr(compiler, expr.base, frame);
      const last = expr.kind === 'stackLast';
      const elementType = expr.type;
      return () => {
        const stack = stackOf(base());
        const i = last ? stack.nextIndex - 1 : stack.nextIndex;
        return i >= 0 && i < stack.elements.length ? stack.elements[i] : defaultValue(elementType);
      };
    }
    case 'stackLastIndex': {
      const base = compileExpr(compiler, expr.base, frame);
      return () => (stackOf(base()).nextIndex - 1) >>> 0;
    }
    case 'slice':
      return compileSlice(compileExpr(compiler, expr.base, frame), expr.base.type, expr.hi, expr.lo);
    case 'unary':
      return compileUnary(compiler, expr, frame);
    case 'binary':
      return compileBinary(compiler, expr, frame);
    case 'cast':
      return compileCast(compileExpr(compiler, expr.operand, frame), expr.operand.type, expr.type);
    case 'mux': {
      const cond = compileExpr(compiler, expr.cond, frame);
      const then = compileExpr(compiler, expr.then, frame);
      const otherwise = compileExpr(compiler, expr.else, frame);
      return () => (cond() ? then() : otherwise());
    }
    case 'list':
    case 'structInit': {
      const parts = (expr.kind === 'list' ? expr.elements : expr.fields).map((e) => compileExpr(compiler, e, frame));
      if (expr.type.kind === 'header') {
        return () => ({ valid: true, fields: parts.map((p) => cloneValue(p())) });
      }
      return () => parts.map((p) => cloneValue(p()));
    }
    case 'invalid': {
      const type = expr.type;
      return () => defaultValue(type);
    }
    case 'isValid': {
      const base = compileExpr(compiler, expr.base, frame);
      if (expr.base.type.kind === 'union') {
        return () => (base() as Value[]).some((member) => isHeaderValue(member) && member.valid);
      }
      return () => (base() as HeaderValue).valid;
    }
    case 'tableHit': {
      const apply = compiler.compileCall({ callee: { kind: 'tableApply', table: expr.table }, args: [], loc: expr.loc }, frame);
      const miss = expr.miss;
      const state = compiler.state;
      return () => {
        // An action that exits inside an expression: remembered for the enclosing statement.
        if (apply() === EXIT) state.exitPending = true;
        return miss ? !state.hit : state.hit;
      };
    }
    case 'call': {
      const run = compiler.compileCall(expr.call, frame);
      const state = compiler.state;
      return () => {
        if (run() === EXIT) state.exitPending = true;
        return state.returnValue;
      };
    }
  }
}

function compileSlice(base: Get, baseType: IrType, hi: number, lo: number): Get {
  const width = hi - lo + 1;
  if (!isBig(baseType)) {
    const mask = width === 32 ? 0xffffffff : 2 ** width - 1;
    return () => ((((base() as number) >>> 0) / 2 ** lo) & mask) >>> 0;
  }
  const mask = (1n << BigInt(width)) - 1n;
  const shift = BigInt(lo);
  if (width > 32) return () => ((base() as bigint) >> shift) & mask;
  return () => Number(((base() as bigint) >> shift) & mask);
}

function compileUnary(compiler: Compiler, expr: Extract<IrExpr, { kind: 'unary' }>, frame: Frame): Get {
  const operand = compileExpr(compiler, expr.operand, frame);
  if (expr.op === 'not') return () => !operand();
  const width = widthOf(expr.type);
  const signed = signedOf(expr.type);
  if (width > 32) {
    const wrap = bigWrapper(width, signed);
    return expr.op === 'complement' ? () => wrap(~(operand() as bigint)) : () => wrap(-(operand() as bigint));
  }
  const wrap = numberWrapper(width, signed);
  return expr.op === 'complement' ? () => wrap(~(operand() as number)) : () => wrap(-(operand() as number));
}

function compileBinary(compiler: Compiler, expr: Extract<IrExpr, { kind: 'binary' }>, frame: Frame): Get {
  const left = compileExpr(compiler, expr.left, frame);
  const right = compileExpr(compiler, expr.right, frame);
  const op = expr.op;
  switch (op) {
    case 'logicalAnd':
      return () => (left() as boolean) && (right() as boolean);
    case 'logicalOr':
      return () => (left() as boolean) || (right() as boolean);
    case 'eq':
    case 'ne': {
      const scalar = scalarShape(expr.left.type) !== undefined || expr.left.type.kind === 'error' || expr.left.type.kind === 'enum';
      const equal: (a: Value, b: Value) => boolean = scalar ? (a, b) => a === b : valuesEqual;
      return op === 'eq' ? () => equal(left(), right()) : () => !equal(left(), right());
    }
    case 'lt':
      return () => (left() as number) < (right() as number);
    case 'le':
      return () => (left() as number) <= (right() as number);
    case 'gt':
      return () => (left() as number) > (right() as number);
    case 'ge':
      return () => (left() as number) >= (right() as number);
    case 'concat':
      return compileConcat(left, right, expr.left.type, expr.right.type, expr.type);
    default:
      break;
  }
  const width = widthOf(expr.type);
  const signed = signedOf(expr.type);
  if (op === 'shl' || op === 'shr') return compileShift(left, right, op, width, signed, isBig(expr.right.type));
  if (width > 32) return compileBigArithmetic(left, right, op, width, signed);
  return compileNumberArithmetic(left, right, op, width, signed);
}

function compileNumberArithmetic(left: Get, right: Get, op: string, width: number, signed: boolean): Get {
  const wrap = numberWrapper(width, signed);
  const l = left as () => number;
  const r = right as () => number;
  const max = signed ? 2 ** (width - 1) - 1 : 2 ** width - 1;
  const min = signed ? -(2 ** (width - 1)) : 0;
  switch (op) {
    case 'add':
      return () => wrap(l() + r());
    case 'sub':
      return () => wrap(l() - r());
    case 'mul':
      return () => wrap(Math.imul(l(), r()));
    case 'div':
      // P4_16 §8.6: division by zero is undefined; we produce 0 rather than crash.
      return () => {
        const divisor = r();
        return divisor === 0 ? 0 : wrap(Math.trunc(l() / divisor));
      };
    case 'mod':
      return () => {
        const divisor = r();
        return divisor === 0 ? 0 : wrap(l() % divisor);
      };
    case 'addSat':
      return () => Math.min(max, Math.max(min, l() + r()));
    case 'subSat':
      return () => Math.min(max, Math.max(min, l() - r()));
    case 'and':
      return () => wrap(l() & r());
    case 'or':
      return () => wrap(l() | r());
    case 'xor':
      return () => wrap(l() ^ r());
    default:
      throw new Error(`internal: unknown arithmetic operator ${op}`);
  }
}

function compileBigArithmetic(left: Get, right: Get, op: string, width: number, signed: boolean): Get {
  const wrap = bigWrapper(width, signed);
  const l = left as () => bigint;
  const r = right as () => bigint;
  const max = signed ? (1n << BigInt(width - 1)) - 1n : (1n << BigInt(width)) - 1n;
  const min = signed ? -(1n << BigInt(width - 1)) : 0n;
  const clamp = (v: bigint) => (v > max ? max : v < min ? min : v);
  switch (op) {
    case 'add':
      return () => wrap(l() + r());
    case 'sub':
      return () => wrap(l() - r());
    case 'mul':
      return () => wrap(l() * r());
    case 'div':
      return () => {
        const divisor = r();
        return divisor === 0n ? 0n : wrap(l() / divisor);
      };
    case 'mod':
      return () => {
        const divisor = r();
        return divisor === 0n ? 0n : wrap(l() % divisor);
      };
    case 'addSat':
      return () => clamp(l() + r());
    case 'subSat':
      return () => clamp(l() - r());
    case 'and':
      return () => wrap(l() & r());
    case 'or':
      return () => wrap(l() | r());
    case 'xor':
      return () => wrap(l() ^ r());
    default:
      throw new Error(`internal: unknown arithmetic operator ${op}`);
  }
}

/** P4_16 §8.5: shifting by at least the width gives 0 (or the sign fill for int >>). */
function compileShift(left: Get, right: Get, op: 'shl' | 'shr', width: number, signed: boolean, bigAmount: boolean): Get {
  const amount: () => number = bigAmount
    ? () => {
        const a = right() as bigint;
        return a > 4096n ? 4096 : Number(a);
      }
    : (right as () => number);
  if (width > 32) {
    const wrap = bigWrapper(width, signed);
    const l = left as () => bigint;
    if (op === 'shl') return () => wrap(l() << BigInt(Math.min(amount(), width)));
    return () => wrap(l() >> BigInt(Math.min(amount(), width)));
  }
  const wrap = numberWrapper(width, signed);
  const l = left as () => number;
  if (op === 'shl') {
    return () => {
      const a = amount();
      return a >= width ? 0 : wrap(l() * 2 ** a);
    };
  }
  if (signed) {
    return () => {
      const a = amount();
      return l() >> Math.min(a, 31);
    };
  }
  return () => {
    const a = amount();
    return a >= width ? 0 : Math.floor(l() / 2 ** a);
  };
}

function compileConcat(left: Get, right: Get, leftType: IrType, rightType: IrType, type: IrType): Get {
  const rightWidth = widthOf(rightType);
  const width = widthOf(type);
  const rightSigned = signedOf(rightType);
  const leftSigned = signedOf(leftType);
  // Operands are reinterpreted as unsigned bit strings before joining.
  const leftBits = (v: Value) => BigInt.asUintN(widthOf(leftType), toBig(v));
  const rightBits = (v: Value) => BigInt.asUintN(rightWidth, toBig(v));
  if (width <= 32 && !leftSigned && !rightSigned && !signedOf(type)) {
    const l = left as () => number;
    const r = right as () => number;
    const scale = 2 ** rightWidth;
    return () => l() * scale + r();
  }
  const shift = BigInt(rightWidth);
  const signed = signedOf(type);
  return () => fromBig((leftBits(left()) << shift) | rightBits(right()), width, signed);
}

/** P4_16 §8.10 casts among bit<W>, int<W>, bool, serializable enums, and identical composite types. */
export function compileCast(operand: Get, from: IrType, to: IrType): Get {
  if (to.kind === 'bool') {
    if (from.kind === 'bool') return operand;
    return () => toBig(operand()) !== 0n;
  }
  const target = scalarShape(to);
  if (!target) return operand;
  if (from.kind === 'bool') {
    return target.width > 32 ? () => (operand() ? 1n : 0n) : () => (operand() ? 1 : 0);
  }
  const source = scalarShape(from);
  if (!source) {
    // int (compile-time) or error/enum index: values are already numbers or bigints.
    return () => fromBig(toBig(operand()), target.width, target.signed);
  }
  if (source.width === target.width && source.signed === target.signed) return operand;
  if (source.width <= 32 && target.width <= 32) {
    const wrap = numberWrapper(target.width, target.signed);
    return () => wrap(operand() as number);
  }
  return () => fromBig(toBig(operand()), target.width, target.signed);
}

/** An lvalue: read and write access to a variable, field, stack element or slice. */
export function compileLvalue(compiler: Compiler, expr: IrExpr, frame: Frame): Lvalue {
  switch (expr.kind) {
    case 'var': {
      const slot = expr.slot;
      if (isScalarType(expr.type)) {
        return {
          get: () => frame[slot],
          set: (value) => {
            frame[slot] = value;
          },
        };
      }
      return {
        get: () => frame[slot],
        set: (value) => {
          if (!copyInto(frame[slot], value)) frame[slot] = cloneValue(value);
        },
      };
    }
    case 'field': {
      const base = compileExpr(compiler, expr.base, frame);
      const index = expr.index;
      // Scalar fields (the common case: hdr.ipv4.ttl = ...): plain stores, no copy logic.
      if (isScalarType(expr.type)) {
        if (expr.base.type.kind === 'header') {
          return {
            get: () => (base() as HeaderValue).fields[index],
            set: (value) => {
              (base() as HeaderValue).fields[index] = value;
            },
          };
        }
        return {
          get: () => (base() as Value[])[index],
          set: (value) => {
            (base() as Value[])[index] = value;
          },
        };
      }
      if (expr.base.type.kind === 'header') {
        return {
          get: () => (base() as HeaderValue).fields[index],
          set: (value) => {
            const fields = (base() as HeaderValue).fields;
            if (!copyInto(fields[index], value)) fields[index] = cloneValue(value);
          },
        };
      }
      return {
        get: () => (base() as Value[])[index],
        set: (value) => {
          const container = base() as Value[];
          if (!copyInto(container[index], value)) container[index] = cloneValue(value);
        },
      };
    }
    case 'stackElement': {
      const base = compileExpr(compiler, expr.base, frame);
      const index = compileExpr(compiler, expr.index, frame);
      const type = expr.type;
      return {
        get: () => {
          const stack = stackOf(base());
          const i = Number(index());
          return i >= 0 && i < stack.elements.length ? stack.elements[i] : defaultValue(type);
        },
        // P4_16 §8.18: writing out of range has no effect.
        set: (value) => {
          const stack = stackOf(base());
          const i = Number(index());
          if (i >= 0 && i < stack.elements.length && !copyInto(stack.elements[i], value)) stack.elements[i] = cloneValue(value);
        },
      };
    }
    case 'stackNext':
    case 'stackLast': {
      const base = compileExpr(compiler, expr.base, frame);
      const offset = expr.kind === 'stackLast' ? -1 : 0;
      const type = expr.type;
      return {
        get: () => {
          const stack = stackOf(base());
          const i = stack.nextIndex + offset;
          return i >= 0 && i < stack.elements.length ? stack.elements[i] : defaultValue(type);
        },
        set: (value) => {
          const stack = stackOf(base());
          const i = stack.nextIndex + offset;
          if (i >= 0 && i < stack.elements.length && !copyInto(stack.elements[i], value)) stack.elements[i] = cloneValue(value);
        },
      };
    }
    case 'slice': {
      const base = compileLvalue(compiler, expr.base, frame);
      const baseWidth = widthOf(expr.base.type);
      const baseSigned = signedOf(expr.base.type);
      const width = expr.hi - expr.lo + 1;
      const lo = BigInt(expr.lo);
      const mask = ((1n << BigInt(width)) - 1n) << lo;
      return {
        get: compileSlice(base.get, expr.base.type, expr.hi, expr.lo),
        set: (value) => {
          const old = BigInt.asUintN(baseWidth, toBig(base.get()));
          const updated = (old & ~mask) | ((toBig(value) << lo) & mask);
          base.set(fromBig(updated, baseWidth, baseSigned));
        },
      };
    }
    default: {
      // Not an lvalue: the checker rejects these; reads still work, writes are dropped.
      const get = compileExpr(compiler, expr, frame);
      return { get, set: () => undefined };
    }
  }
}

/**
 * True when an lvalue names the same storage however often it is evaluated:
 * a variable, fields, slices and constant stack indices. Others (a computed
 * index, `next`/`last`) must be resolved once per statement or call.
 */
export function isStaticLvalue(expr: IrExpr): boolean {
  switch (expr.kind) {
    case 'var':
      return true;
    case 'field':
    case 'slice':
      return isStaticLvalue(expr.base);
    case 'stackElement':
      return expr.index.kind === 'const' && isStaticLvalue(expr.base);
    default:
      return false;
  }
}

/** An lvalue whose location is computed by `resolve()` and then used by every `get`/`set` until the next `resolve()`. */
export interface PinnedLvalue extends Lvalue {
  resolve: () => void;
}

/**
 * P4_16 §6.8: an `out`/`inout` argument's location is evaluated once, at the
 * call, and copy-out writes to that location; likewise p4c evaluates the left
 * side of an assignment before the right side (gauntlet_index_7). Indices are
 * captured as numbers and the path is walked again from its root on access, so
 * a write through an earlier copy-out lands where a fresh evaluation would.
 * The captured state lives in the closure: P4 has no recursion, so a call
 * site never runs again before its own copy-out.
 */
export function compilePinnedLvalue(compiler: Compiler, expr: IrExpr, frame: Frame): PinnedLvalue {
  if (isStaticLvalue(expr)) {
    const plain = compileLvalue(compiler, expr, frame);
    return { get: plain.get, set: plain.set, resolve: () => undefined };
  }
  switch (expr.kind) {
    case 'field': {
      const base = compilePinnedLvalue(compiler, expr.base, frame);
      const index = expr.index;
      const header = expr.base.type.kind === 'header';
      const scalar = isScalarType(expr.type);
      const container = (): Value[] => (header ? (base.get() as HeaderValue).fields : (base.get() as Value[]));
      return {
        resolve: base.resolve,
        get: () => container()[index],
        set: (value) => {
          const fields = container();
          if (scalar || !copyInto(fields[index], value)) fields[index] = scalar ? value : cloneValue(value);
        },
      };
    }
    case 'slice': {
      const base = compilePinnedLvalue(compiler, expr.base, frame);
      const baseWidth = widthOf(expr.base.type);
      const baseSigned = signedOf(expr.base.type);
      const lo = BigInt(expr.lo);
      const mask = ((1n << BigInt(expr.hi - expr.lo + 1)) - 1n) << lo;
      return {
        resolve: base.resolve,
        get: compileSlice(base.get, expr.base.type, expr.hi, expr.lo),
        set: (value) => {
          const old = BigInt.asUintN(baseWidth, toBig(base.get()));
          base.set(fromBig((old & ~mask) | ((toBig(value) << lo) & mask), baseWidth, baseSigned));
        },
      };
    }
    case 'stackElement':
    case 'stackNext':
    case 'stackLast': {
      const base = compilePinnedLvalue(compiler, expr.base, frame);
      const index: Get =
        expr.kind === 'stackElement' ? compileExpr(compiler, expr.index, frame)
        : expr.kind === 'stackLast' ? () => stackOf(base.get()).nextIndex - 1
        : () => stackOf(base.get()).nextIndex;
      const type = expr.type;
      let position = -1;
      return {
        // Left to right: the stack's own location first, then its index.
        resolve: () => {
          base.resolve();
          position = Number(index());
        },
        get: () => {
          const stack = stackOf(base.get());
          return position >= 0 && position < stack.elements.length ? stack.elements[position] : defaultValue(type);
        },
        // P4_16 §8.18: writing out of range has no effect.
        set: (value) => {
          const stack = stackOf(base.get());
          if (position >= 0 && position < stack.elements.length && !copyInto(stack.elements[position], value)) stack.elements[position] = cloneValue(value);
        },
      };
    }
    default: {
      // Not an lvalue (the checker rejects these): evaluated once, writes dropped.
      const get = compileExpr(compiler, expr, frame);
      let value: Value = 0;
      return {
        resolve: () => {
          value = get();
        },
        get: () => value,
        set: () => undefined,
      };
    }
  }
}
