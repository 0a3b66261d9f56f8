// Typing of unary, binary and conditional operators (spec §8.4-§8.7, §8.12):
// operand types must agree after the int-to-fixed-width implicit cast, shifts
// and concatenation take no implicit cast, results fold when constant.

import type { BinaryOp, Expr, Loc } from '../ast.js';
import type { IrBinaryOp, IrBitType, IrExpr, IrType } from '../ir.js';
import { typeToString } from '../ir.js';
import { type BodyContext, error, exprText, warning } from './context.js';
import { coerce, integerConst, lowerExpr, makeConst, unknownExpr } from './expressions.js';
import { bitType, BOOL, INT, isEqualityComparable, sameType } from './types.js';
import { compareIntegers, foldInteger, toBigInt, valuesEqual, wrap } from './values.js';

const BINARY_NAMES: Record<BinaryOp, IrBinaryOp> = {
  '*': 'mul', '/': 'div', '%': 'mod', '+': 'add', '-': 'sub', '|+|': 'addSat', '|-|': 'subSat',
  '<<': 'shl', '>>': 'shr', '<=': 'le', '>=': 'ge', '<': 'lt', '>': 'gt', '==': 'eq', '!=': 'ne',
  '&': 'and', '^': 'xor', '|': 'or', '++': 'concat', '&&': 'logicalAnd', '||': 'logicalOr',
};

export function lowerUnary(context: BodyContext, expr: Extract<Expr, { kind: 'Unary' }>): IrExpr {
  const operand = lowerExpr(context, expr.expr);
  const type = operand.type;
  if (type.kind === 'unknown') return operand;
  const text = exprText(expr);
  switch (expr.op) {
    case '!':
      if (type.kind !== 'bool') return fail(context, expr.loc, `${text}: ! requires a bool operand, not '${typeToString(type)}'`);
      if (operand.kind === 'const') return makeConst(BOOL, !operand.value, expr.loc);
      return { kind: 'unary', op: 'not', type: BOOL, operand, loc: expr.loc };
    case '~':
      if (type.kind !== 'bit') return fail(context, expr.loc, `${text}: ~ requires bit<W> or int<W>, not '${typeToString(type)}'`);
      if (operand.kind === 'const') return integerConst(type, wrap(~(toBigInt(operand.value) ?? 0n), type.width, type.signed), expr.loc);
      return { kind: 'unary', op: 'complement', type, operand, loc: expr.loc };
    case '-':
      if (type.kind === 'int' && operand.kind === 'const') return makeConst(INT, -(toBigInt(operand.value) ?? 0n), expr.loc);
      if (type.kind !== 'bit') return fail(context, expr.loc, `${text}: unary - requires a numeric operand, not '${typeToString(type)}'`);
      if (operand.kind === 'const') return integerConst(type, wrap(-(toBigInt(operand.value) ?? 0n), type.width, type.signed), expr.loc);
      return { kind: 'unary', op: 'negate', type, operand, loc: expr.loc };
    case '+':
      if (type.kind !== 'bit' && type.kind !== 'int') return fail(context, expr.loc, `${text}: unary + requires a numeric operand`);
      return operand;
  }
}

function fail(context: BodyContext, loc: Loc, message: string): IrExpr {
  error(context, loc, message);
  return unknownExpr(loc);
}

export function lowerBinary(context: BodyContext, expr: Extract<Expr, { kind: 'Binary' }>): IrExpr {
  const op = BINARY_NAMES[expr.op];
  let left = lowerExpr(context, expr.left);
  let right = lowerExpr(context, expr.right, left.type.kind === 'int' ? undefined : left.type);
  if (left.type.kind === 'unknown' || right.type.kind === 'unknown') return unknownExpr(expr.loc);
  const text = exprText(expr);
  switch (op) {
    case 'logicalAnd':
    case 'logicalOr': {
      if (left.type.kind !== 'bool' || right.type.kind !== 'bool') {
        return fail(context, expr.loc, `${text}: ${expr.op} requires bool operands, not '${typeToString(left.type)}' and '${typeToString(right.type)}'`);
      }
      if (left.kind === 'const') {
        // Short-circuit folding (spec §8.4): the right side only matters if the left does not decide.
        const decided = op === 'logicalAnd' ? !left.value : left.value;
        return decided ? makeConst(BOOL, !!left.value, expr.loc) : right;
      }
      return { kind: 'binary', op, type: BOOL, left, right, loc: expr.loc };
    }
    case 'shl':
    case 'shr':
      return lowerShift(context, op, left, right, expr.loc, text);
    case 'concat':
      return lowerConcat(context, left, right, expr.loc, text);
    default:
      break;
  }
  if ((op === 'div' || op === 'mod') && (isNegativeLiteral(expr.left) || isNegativeLiteral(expr.right))) {
    // Spec §8.9.1: / and % are only defined on non-negative integers.
    return fail(context, expr.loc, `${text}: ${expr.op} is not defined on negative numbers`);
  }
  // Spec §8.3: a serializable enum meeting another type acts as its underlying type;
  // spec §8.11: then an int operand is implicitly cast to the other operand's type.
  if (!sameType(left.type, right.type)) {
    if (left.type.kind === 'enum' && left.type.underlying) left = coerce(context, left, left.type.underlying, text);
    if (right.type.kind === 'enum' && right.type.underlying) right = coerce(context, right, right.type.underlying, text);
  }
  if (left.type.kind === 'int' && right.type.kind !== 'int') left = coerce(context, left, right.type, text);
  else if (right.type.kind === 'int' && left.type.kind !== 'int') right = coerce(context, right, left.type, text);
  if (left.type.kind === 'unknown' || right.type.kind === 'unknown') return unknownExpr(expr.loc);
  const type = left.type;
  if (op === 'eq' || op === 'ne') {
    if (!sameType(left.type, right.type) || !isEqualityComparable(type)) {
      return fail(context, expr.loc, `${text}: cannot compare '${typeToString(left.type)}' and '${typeToString(right.type)}'`);
    }
    if (left.kind === 'const' && right.kind === 'const') {
      const equal = valuesEqual(left.value, right.value);
      return makeConst(BOOL, op === 'eq' ? equal : !equal, expr.loc);
    }
    return { kind: 'binary', op, type: BOOL, left, right, loc: expr.loc };
  }
  if (!((type.kind === 'bit' || type.kind === 'int') && sameType(left.type, right.type))) {
    if ((left.type.kind === 'bit' || left.type.kind === 'int') && (right.type.kind === 'bit' || right.type.kind === 'int')) {
      return fail(context, expr.loc, `${text}: operands have different types '${typeToString(left.type)}' and '${typeToString(right.type)}'`);
    }
    return fail(context, expr.loc, `${text}: ${expr.op} is not defined on '${typeToString(left.type)}' and '${typeToString(right.type)}'`);
  }
  const bits = type.kind === 'bit' ? type : undefined;
  const isComparison = op === 'lt' || op === 'le' || op === 'gt' || op === 'ge';
  if (left.kind === 'const' && right.kind === 'const') {
    const l = toBigInt(left.value) ?? 0n;
    const r = toBigInt(right.value) ?? 0n;
    if (isComparison) return makeConst(BOOL, compareIntegers(op, l, r), expr.loc);
    const folded = foldInteger(op, l, r, bits);
    if ('error' in folded) return fail(context, expr.loc, `${text}: ${folded.error}`);
    return integerConst(type, folded.value, expr.loc);
  }
  if (isComparison) return { kind: 'binary', op, type: BOOL, left, right, loc: expr.loc };
  if ((op === 'addSat' || op === 'subSat') && type.kind === 'int') {
    return fail(context, expr.loc, `${text}: saturating arithmetic requires bit<W> or int<W> operands`);
  }
  if ((op === 'div' || op === 'mod') && bits?.signed) {
    // Spec §8.6: / and % are not defined on int<W> at run time.
    return fail(context, expr.loc, `${text}: ${expr.op} is only defined on unsigned values`);
  }
  if ((op === 'div' || op === 'mod') && right.kind === 'const' && toBigInt(right.value) === 0n) {
    return fail(context, expr.loc, `${text}: division by zero`);
  }
  if ((op === 'div' || op === 'mod') && !isPowerOfTwo(right)) {
    // p4c (testdata p4_16_errors div3, compound-assignment): run-time / and % are only
    // accepted when they reduce to a shift or a mask, i.e. by a constant power of two.
    return fail(context, expr.loc, `${text}: could not evaluate expression at compilation time (a run-time ${expr.op} needs a constant power-of-two divisor)`);
  }
  return { kind: 'binary', op, type, left, right, loc: expr.loc };
}

/** `-5`, `-(5)`: an unsized negative literal as written. */
function isNegativeLiteral(expr: Expr): boolean {
  if (expr.kind === 'IntLiteral') return expr.value < 0n && expr.width === undefined;
  return expr.kind === 'Unary' && expr.op === '-' && expr.expr.kind === 'IntLiteral' && expr.expr.width === undefined;
}

function isPowerOfTwo(expr: IrExpr): boolean {
  if (expr.kind !== 'const') return false;
  const value = toBigInt(expr.value) ?? 0n;
  return value > 0n && (value & (value - 1n)) === 0n;
}

function lowerShift(context: BodyContext, op: IrBinaryOp, left: IrExpr, right: IrExpr, loc: Loc, text: string): IrExpr {
  // Spec §8.6: the shift amount is unsigned (a non-negative int constant, or bit<W>).
  if (right.type.kind === 'bit' && right.type.signed) return fail(context, loc, `${text}: the shift amount must be unsigned`);
  if (right.type.kind !== 'bit' && right.type.kind !== 'int') return fail(context, loc, `${text}: the shift amount must be an integer`);
  if (left.type.kind === 'int' && right.kind !== 'const') {
    return fail(context, loc, `${text}: shifting an int by a non-constant amount requires a width; cast the left operand`);
  }
  if (left.type.kind !== 'bit' && left.type.kind !== 'int') return fail(context, loc, `${text}: cannot shift '${typeToString(left.type)}'`);
  let amount = right;
  if (right.kind === 'const') {
    const value = toBigInt(right.value) ?? 0n;
    if (value < 0n) return fail(context, loc, `${text}: the shift amount must be non-negative`);
    if (left.type.kind === 'bit' && value >= BigInt(left.type.width)) {
      warning(context, loc, `${text}: shifting a ${left.type.width}-bit value by ${value} bits gives a constant`);
    }
    if (left.kind === 'const') {
      const folded = foldInteger(op, toBigInt(left.value) ?? 0n, value, left.type.kind === 'bit' ? left.type : undefined);
      if ('error' in folded) return fail(context, loc, `${text}: ${folded.error}`);
      return integerConst(left.type, folded.value, loc);
    }
    if (right.type.kind === 'int') amount = integerConst(bitType(32), value > 0xffffffffn ? 0xffffffffn : value, right.loc);
  }
  return { kind: 'binary', op, type: left.type, left, right: amount, loc };
}

function lowerConcat(context: BodyContext, left: IrExpr, right: IrExpr, loc: Loc, text: string): IrExpr {
  // Spec §8.5: ++ needs fixed-width operands; result width is the sum, signedness the left's.
  if (left.type.kind !== 'bit' || right.type.kind !== 'bit') {
    const which = left.type.kind === 'int' || right.type.kind === 'int' ? 'integer literals in ++ need a width (e.g. 8w0)' : `'${typeToString(left.type)}' ++ '${typeToString(right.type)}' is not defined`;
    return fail(context, loc, `${text}: ${which}`);
  }
  const type: IrBitType = bitType(left.type.width + right.type.width, left.type.signed);
  if (left.kind === 'const' && right.kind === 'const') {
    const high = wrap(toBigInt(left.value) ?? 0n, left.type.width, false);
    const low = wrap(toBigInt(right.value) ?? 0n, right.type.width, false);
    return integerConst(type, wrap((high << BigInt(right.type.width)) | low, type.width, type.signed), loc);
  }
  return { kind: 'binary', op: 'concat', type, left, right, loc };
}

export function lowerTernary(context: BodyContext, expr: Extract<Expr, { kind: 'Ternary' }>, expected?: IrType): IrExpr {
  const cond = coerceBool(context, lowerExpr(context, expr.cond), exprText(expr.cond));
  let then = lowerExpr(context, expr.then, expected);
  let otherwise = lowerExpr(context, expr.else, expected ?? then.type);
  if (then.type.kind === 'unknown' || otherwise.type.kind === 'unknown' || cond.type.kind === 'unknown') return unknownExpr(expr.loc);
  if (then.type.kind === 'int' && otherwise.type.kind !== 'int') then = coerce(context, then, otherwise.type);
  else if (otherwise.type.kind === 'int' && then.type.kind !== 'int') otherwise = coerce(context, otherwise, then.type);
  if (!sameType(then.type, otherwise.type)) {
    return fail(context, expr.loc, `${exprText(expr)}: branches have different types '${typeToString(then.type)}' and '${typeToString(otherwise.type)}'`);
  }
  if (cond.kind === 'const') return cond.value ? then : otherwise;
  if (then.type.kind === 'int') {
    // Spec §8.12: with a run-time condition the result needs a fixed width, even
    // where the context would give one (p4c does not look at the context either).
    return fail(context, expr.loc, `${exprText(expr)}: both branches are int; cast one of them to give the result a width`);
  }
  return { kind: 'mux', type: then.type, cond, then, else: otherwise, loc: expr.loc };
}

/** Conditions must be bool: bit<1> is a different type (spec §8.4). */
export function coerceBool(context: BodyContext, expr: IrExpr, text: string): IrExpr {
  if (expr.type.kind === 'bool' || expr.type.kind === 'unknown') return expr;
  return fail(context, expr.loc, `${text}: condition must be bool, not '${typeToString(expr.type)}'`);
}

