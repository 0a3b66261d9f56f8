// Compile-time arithmetic on P4 integers. Folding works on bigint in infinite
// precision and wraps to the result type afterwards; the IR stores the run-time
// representation (number for widths up to 32, bigint above; see ir.ts).

import type { IrBinaryOp, IrBitType, IrType, Value } from '../ir.js';

export function maskOf(width: number): bigint {
  return (1n << BigInt(width)) - 1n;
}

/** Reduces `value` modulo 2^W, two's complement for int<W> (spec §8.5, §8.6). */
export function wrap(value: bigint, width: number, signed: boolean): bigint {
  if (width === 0) return 0n;
  let result = value & maskOf(width);
  if (signed && (result >> BigInt(width - 1)) & 1n) result -= 1n << BigInt(width);
  return result;
}

export function fits(value: bigint, width: number, signed: boolean): boolean {
  if (signed) {
    if (width === 0) return value === 0n;
    const half = 1n << BigInt(width - 1);
    return value >= -half && value < half;
  }
  return value >= 0n && value <= maskOf(width);
}

export function minValue(width: number, signed: boolean): bigint {
  return signed && width > 0 ? -(1n << BigInt(width - 1)) : 0n;
}

export function maxValue(width: number, signed: boolean): bigint {
  return signed ? (width > 0 ? (1n << BigInt(width - 1)) - 1n : 0n) : maskOf(width);
}

/** The IR representation of an integer of `type` (number up to 32 bits, bigint above, bigint for `int`). */
export function runtimeInteger(value: bigint, type: IrType): number | bigint {
  if (type.kind === 'bit' && type.width <= 32) return Number(value);
  if (type.kind === 'enum' && type.underlying && type.underlying.width <= 32) return Number(value);
  return value;
}

export function toBigInt(value: Value): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(value);
  return undefined;
}

export type FoldResult = { value: bigint } | { error: string };

/**
 * Folds an arithmetic, bitwise or shift operator. `type` undefined means the
 * infinite-precision `int` (spec §8.7); otherwise the result wraps to bit<W>/int<W>.
 */
export function foldInteger(op: IrBinaryOp, left: bigint, right: bigint, type: IrBitType | undefined): FoldResult {
  const finish = (value: bigint): FoldResult => ({ value: type ? wrap(value, type.width, type.signed) : value });
  switch (op) {
    case 'add':
      return finish(left + right);
    case 'sub':
      return finish(left - right);
    case 'mul':
      return finish(left * right);
    case 'div':
    case 'mod':
      if (right === 0n) return { error: 'division by zero' };
      // Spec §8.7: on `int`, / and % are only defined for non-negative operands.
      if (left < 0n || right < 0n) return { error: 'division and modulo are only defined for non-negative values' };
      return finish(op === 'div' ? left / right : left % right);
    case 'addSat':
    case 'subSat': {
      if (!type) return { error: 'saturating arithmetic is not defined on int' };
      const raw = op === 'addSat' ? left + right : left - right;
      const low = minValue(type.width, type.signed);
      const high = maxValue(type.width, type.signed);
      return { value: raw < low ? low : raw > high ? high : raw };
    }
    case 'shl':
    case 'shr':
      if (right < 0n) return { error: 'shift amount must be non-negative' };
      if (type && right >= BigInt(type.width)) {
        return { value: op === 'shr' && type.signed && left < 0n ? -1n : 0n };
      }
      if (!type && right > 4096n) return { error: 'shift amount too large' };
      return finish(op === 'shl' ? left << right : left >> right);
    case 'and':
      return finish(left & right);
    case 'or':
      return finish(left | right);
    case 'xor':
      return finish(left ^ right);
    default:
      return { error: `operator ${op} does not produce an integer` };
  }
}

export function compareIntegers(op: IrBinaryOp, left: bigint, right: bigint): boolean {
  switch (op) {
    case 'eq':
      return left === right;
    case 'ne':
      return left !== right;
    case 'lt':
      return left < right;
    case 'le':
      return left <= right;
    case 'gt':
      return left > right;
    default:
      return left >= right;
  }
}

/** Structural equality of folded constants (headers, structs, tuples, scalars). */
export function valuesEqual(left: Value, right: Value): boolean {
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => valuesEqual(item, right[index]));
  }
  const l = toBigInt(left);
  const r = toBigInt(right);
  if (l !== undefined && r !== undefined) return l === r;
  if (typeof left === 'object' && typeof right === 'object' && left !== null && right !== null) {
    return JSON.stringify(left, bigintReplacer) === JSON.stringify(right, bigintReplacer);
  }
  return left === right;
}

function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
