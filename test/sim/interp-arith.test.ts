// Differential test of the specialized arithmetic closures (numbers for
// W ≤ 32, bigint above) against a straightforward bigint reference of the
// P4_16 §8.5-§8.6 rules, on random operands of random widths (bounded).

import { describe, expect, it } from 'vitest';
import type { IrBinaryOp, IrExpr, IrType } from '../../src/p4c/ir.js';
import { compileExpr } from '../../src/sim/interpreter/expressions.js';
import type { Compiler } from '../../src/sim/interpreter/context.js';
import { xorshift32 } from '../../src/sim/externs/random.js';

const loc = { file: 't', line: 1, col: 1 };
const bit = (width: number, signed = false): IrType => ({ kind: 'bit', width, signed });
const repr = (value: bigint, width: number): number | bigint => (width > 32 ? value : Number(value));
const constant = (value: bigint, type: IrType & { kind: 'bit' }): IrExpr => ({ kind: 'const', type, loc, value: repr(value, type.width) });
const compiler = {} as Compiler;
const run = (expr: IrExpr) => compileExpr(compiler, expr, [])();

function reference(op: IrBinaryOp, a: bigint, b: bigint, width: number, signed: boolean): bigint | boolean {
  const wrap = (v: bigint) => (signed ? BigInt.asIntN(width, v) : BigInt.asUintN(width, v));
  const max = signed ? (1n << BigInt(width - 1)) - 1n : (1n << BigInt(width)) - 1n;
  const min = signed ? -(1n << BigInt(width - 1)) : 0n;
  switch (op) {
    case 'add': return wrap(a + b);
    case 'sub': return wrap(a - b);
    case 'mul': return wrap(a * b);
    case 'and': return wrap(a & b);
    case 'or': return wrap(a | b);
    case 'xor': return wrap(a ^ b);
    case 'addSat': { const r = a + b; return r > max ? max : r < min ? min : r; }
    case 'subSat': { const r = a - b; return r > max ? max : r < min ? min : r; }
    case 'div': return b === 0n ? 0n : wrap(a / b);
    case 'mod': return b === 0n ? 0n : wrap(a % b);
    case 'lt': return a < b;
    case 'ge': return a >= b;
    case 'eq': return a === b;
    default: throw new Error(op);
  }
}

function random(next: () => number, width: number, signed: boolean): bigint {
  let value = 0n;
  for (let bits = 0; bits < width; bits += 32) value = (value << 32n) | BigInt(next());
  return signed ? BigInt.asIntN(width, value) : BigInt.asUintN(width, value);
}

describe('arithmetic closures agree with the bigint reference', () => {
  it('binary operators on random widths and values', () => {
    const next = xorshift32(1234);
    const ops: IrBinaryOp[] = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'addSat', 'subSat', 'div', 'mod', 'lt', 'ge', 'eq'];
    for (let round = 0; round < 3000; round++) {
      const width = [1, 3, 8, 16, 31, 32, 33, 48, 64, 128][next() % 10];
      const op = ops[next() % ops.length];
      const signed = op !== 'div' && op !== 'mod' && next() % 3 === 0;
      const type = bit(width, signed) as IrType & { kind: 'bit' };
      const a = random(next, width, signed);
      const b = round % 50 === 0 ? 0n : random(next, width, signed);
      const boolean = op === 'lt' || op === 'ge' || op === 'eq';
      const expr: IrExpr = { kind: 'binary', op, type: boolean ? { kind: 'bool' } : type, loc, left: constant(a, type), right: constant(b, type) };
      const expected = reference(op, a, b, width, signed);
      const actual = run(expr);
      expect({ op, width, signed, a, b, value: actual }).toEqual({ op, width, signed, a, b, value: typeof expected === 'boolean' ? expected : repr(expected, width) });
    }
  });
  it('shifts, slices, concatenation and casts', () => {
    const next = xorshift32(77);
    for (let round = 0; round < 1500; round++) {
      const width = [4, 8, 16, 32, 40, 64][next() % 6];
      const type = bit(width) as IrType & { kind: 'bit' };
      const a = random(next, width, false);
      const amount = BigInt(next() % (width + 4));
      const amountType = bit(8) as IrType & { kind: 'bit' };
      const shl = run({ kind: 'binary', op: 'shl', type, loc, left: constant(a, type), right: constant(amount, amountType) });
      expect(shl).toEqual(repr(BigInt.asUintN(width, a << amount), width));
      const shr = run({ kind: 'binary', op: 'shr', type, loc, left: constant(a, type), right: constant(amount, amountType) });
      expect(shr).toEqual(repr(a >> amount, width));
      const lo = next() % width;
      const hi = lo + (next() % (width - lo));
      const slice = run({ kind: 'slice', type: bit(hi - lo + 1), loc, base: constant(a, type), hi, lo });
      expect(slice).toEqual(repr((a >> BigInt(lo)) & ((1n << BigInt(hi - lo + 1)) - 1n), hi - lo + 1));
      const otherWidth = [4, 8, 24, 32][next() % 4];
      const otherType = bit(otherWidth) as IrType & { kind: 'bit' };
      const b = random(next, otherWidth, false);
      const concat = run({ kind: 'binary', op: 'concat', type: bit(width + otherWidth), loc, left: constant(a, type), right: constant(b, otherType) });
      expect(concat).toEqual(repr((a << BigInt(otherWidth)) | b, width + otherWidth));
      const castWidth = [1, 7, 16, 32, 33, 64][next() % 6];
      const cast = run({ kind: 'cast', type: bit(castWidth), loc, operand: constant(a, type) });
      expect(cast).toEqual(repr(BigInt.asUintN(castWidth, a), castWidth));
      const signedCast = run({ kind: 'cast', type: bit(castWidth, true), loc, operand: constant(a, type) });
      expect(signedCast).toEqual(repr(BigInt.asIntN(castWidth, a), castWidth));
    }
  });
  it('unary complement and negation wrap', () => {
    const type = bit(8) as IrType & { kind: 'bit' };
    expect(run({ kind: 'unary', op: 'complement', type, loc, operand: constant(0x0fn, type) })).toBe(0xf0);
    expect(run({ kind: 'unary', op: 'negate', type, loc, operand: constant(1n, type) })).toBe(0xff);
    const wide = bit(64) as IrType & { kind: 'bit' };
    expect(run({ kind: 'unary', op: 'negate', type: wide, loc, operand: constant(1n, wide) })).toBe(0xffffffffffffffffn);
  });
});
