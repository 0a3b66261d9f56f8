// Typing and lowering of expressions (spec §8). Every result carries its type;
// implicit casts (spec §8.11) are inserted by `coerce`, explicit ones (§8.10)
// by `castTo`; both fold constants so the IR never re-evaluates a literal.

import type { Expr, Loc } from '../ast.js';
import type { IrExpr, IrField, IrHeaderType, IrStructType, IrType, Value } from '../ir.js';
import { typeToString } from '../ir.js';
import { lowerCallExpr, tableOfApplyCall } from './calls.js';
import { type BodyContext, error, exprText, warning } from './context.js';
import { lowerBinary, lowerTernary, lowerUnary } from './operators.js';
import { allowingDefaults, checkDefaultsAllowed, defaultConst, elementContext } from './defaults.js';
import { evalInteger, resolveType } from './resolve.js';
import { bitType, BOOL, INT, sameType, STRING, UNKNOWN } from './types.js';
import { fits, runtimeInteger, toBigInt, wrap } from './values.js';

export function makeConst(type: IrType, value: Value, loc: Loc): IrExpr {
  return { kind: 'const', type, value, loc };
}

export function integerConst(type: IrType, value: bigint, loc: Loc): IrExpr {
  return makeConst(type, runtimeInteger(value, type), loc);
}

export function unknownExpr(loc: Loc): IrExpr {
  return { kind: 'const', type: UNKNOWN, value: 0, loc };
}

export function lowerExpr(context: BodyContext, expr: Expr, expected?: IrType): IrExpr {
  switch (expr.kind) {
    case 'IntLiteral':
      return lowerIntLiteral(context, expr);
    case 'BoolLiteral':
      return makeConst(BOOL, expr.value, expr.loc);
    case 'StringLiteral':
      return makeConst(STRING, expr.value, expr.loc);
    case 'Path':
      return lowerPath(context, expr);
    case 'Member':
      return lowerMember(context, expr);
    case 'Index':
      return lowerIndex(context, expr);
    case 'PlusSlice':
      return lowerPlusSlice(context, expr);
    case 'Slice':
      return lowerSlice(context, expr);
    case 'Call':
      return lowerCallExpr(context, expr);
    case 'Unary':
      return lowerUnary(context, expr);
    case 'Binary':
      return lowerBinary(context, expr);
    case 'Ternary':
      return lowerTernary(context, expr, expected);
    case 'Cast': {
      const target = resolveType(context, expr.type);
      const operand = lowerExpr(allowingDefaults(context, expr.expr), expr.expr, target);
      return castTo(context, operand, target, expr.loc);
    }
    case 'List': {
      const hints =
        expected?.kind === 'tuple' ? expected.elements
        : expected?.kind === 'list' ? expr.elements.map(() => expected.element)
        : expected && 'fields' in expected ? expected.fields.map((member) => member.type)
        : [];
      const elements = expr.elements.map((element, index) => lowerExpr(elementContext(context, expr, element), element, hints[index]));
      if (expr.bare) {
        // `T x = ...;`: T's default value, so an invalid header for a header (spec §7.3).
        if (!checkDefaultsAllowed(context, expr, expected)) return unknownExpr(expr.loc);
        return defaultConst(context, expected ?? UNKNOWN, expr.loc);
      }
      if (expr.dots) {
        const aggregateTarget = expected && (expected.kind === 'struct' || expected.kind === 'header' || expected.kind === 'tuple') ? expected : undefined;
        if (!checkDefaultsAllowed(context, expr, aggregateTarget)) return unknownExpr(expr.loc);
        // Spec "Initializing with default values": the elements not written take their defaults.
        for (let index = elements.length; index < hints.length; index++) elements.push(defaultConst(context, hints[index], expr.loc));
      }
      const list: IrExpr = { kind: 'list', type: { kind: 'tuple', elements: elements.map((element) => element.type) }, elements, loc: expr.loc };
      return expected && (expected.kind === 'struct' || expected.kind === 'header' || expected.kind === 'tuple' || expected.kind === 'list') ? coerce(context, list, expected) : list;
    }
    case 'StructExpr': {
      const target = expected && (expected.kind === 'struct' || expected.kind === 'header') ? expected : undefined;
      const fields: IrField[] = [];
      const values: IrExpr[] = [];
      for (const field of expr.fields) {
        if (fields.some((existing) => existing.name === field.name)) error(context, field.loc, `field ${field.name} appears twice`);
        const hint = target?.fields.find((member) => member.name === field.name)?.type;
        const value = lowerExpr(elementContext(context, expr, field.value), field.value, hint);
        fields.push({ name: field.name, type: value.type, annotations: [] });
        values.push(value);
      }
      if (expr.dots) {
        if (!checkDefaultsAllowed(context, expr, target)) return unknownExpr(expr.loc);
        for (const member of target?.fields ?? []) {
          if (fields.some((field) => field.name === member.name)) continue;
          fields.push({ name: member.name, type: member.type, annotations: [] });
          values.push(defaultConst(context, member.type, expr.loc));
        }
      }
      const anonymous: IrStructType = { kind: 'struct', name: '', fields, annotations: [] };
      const init: IrExpr = { kind: 'structInit', type: anonymous, fields: values, loc: expr.loc };
      return target ? coerce(context, init, target) : init;
    }
    case 'Invalid':
      if (expected && (expected.kind === 'header' || expected.kind === 'union')) {
        return { kind: 'invalid', type: expected, loc: expr.loc };
      }
      return { kind: 'invalid', type: { kind: 'typeVar', name: '{#}' }, loc: expr.loc };
    case 'DontCare':
      error(context, expr.loc, "'_' can only be used as an argument for an out parameter or in a keyset");
      return unknownExpr(expr.loc);
    case 'TypeName':
      error(context, expr.loc, `${exprText(expr)}: a type cannot be used as a value`);
      return unknownExpr(expr.loc);
  }
}

function lowerIntLiteral(context: BodyContext, expr: Extract<Expr, { kind: 'IntLiteral' }>): IrExpr {
  if (expr.width === undefined) return makeConst(INT, expr.value, expr.loc);
  if (expr.signed && expr.width === 0) {
    error(context, expr.loc, `${expr.text}: int<0> is not a valid type`);
    return unknownExpr(expr.loc);
  }
  const type = bitType(expr.width, expr.signed);
  // Spec §6.4.3.3: a sized literal whose value does not fit is truncated, with a warning (as p4c does).
  if (!fits(expr.value, expr.width, false) && !fits(expr.value, expr.width, expr.signed)) {
    warning(context, expr.loc, `${expr.text}: value does not fit in ${expr.width} bits`);
  }
  return integerConst(type, wrap(expr.value, expr.width, expr.signed), expr.loc);
}

function lowerPath(context: BodyContext, expr: Extract<Expr, { kind: 'Path' }>): IrExpr {
  const symbol = expr.global ? context.checker.globals.lookup(expr.name) : context.scope.lookup(expr.name);
  if (!symbol) {
    error(context, expr.loc, `${expr.name}: undeclared identifier`);
    return unknownExpr(expr.loc);
  }
  switch (symbol.kind) {
    case 'constant':
      return { ...symbol.value, loc: expr.loc };
    case 'variable':
      if (context.kind === 'constant') {
        error(context, expr.loc, `${expr.name}: not a compile-time constant`);
        return unknownExpr(expr.loc);
      }
      if (symbol.frame !== context.frame) {
        error(context, expr.loc, `${expr.name}: a variable of the enclosing block cannot be used here`);
        return unknownExpr(expr.loc);
      }
      return { kind: 'var', type: symbol.type, slot: symbol.slot, name: expr.name, loc: expr.loc };
    case 'instance':
      // An extern instance passed as a constructor argument: a constant holding its index.
      return makeConst(symbol.type, symbol.index, expr.loc);
    default:
      error(context, expr.loc, `${expr.name}: ${symbolDescription(symbol.kind)} cannot be used as a value`);
      return unknownExpr(expr.loc);
  }
}

export function symbolDescription(kind: string): string {
  const words: Record<string, string> = {
    type: 'a type',
    typeVar: 'a type parameter',
    action: 'an action',
    function: 'a function',
    externFunction: 'an extern function',
    externType: 'an extern type',
    table: 'a table',
    instance: 'an extern instance',
    subParser: 'a parser instance',
    subControl: 'a control instance',
    valueSet: 'a value set',
    parserDecl: 'a parser',
    controlDecl: 'a control',
    parserType: 'a parser type',
    controlType: 'a control type',
    packageType: 'a package type',
    package: 'a package',
    genericType: 'a generic type',
    state: 'a parser state',
  };
  return words[kind] ?? `a ${kind}`;
}

/** `X.m` where X names a type: enum members and `error.X`; undefined when X is not a type. */
function lowerTypeMember(context: BodyContext, expr: Extract<Expr, { kind: 'Member' }>): IrExpr | undefined {
  const base = expr.expr;
  let type: IrType | undefined;
  if (base.kind === 'TypeName' && base.type.kind === 'BaseType' && base.type.name === 'error') type = { kind: 'error' };
  if (base.kind === 'Path') {
    const symbol = base.global ? context.checker.globals.lookup(base.name) : context.scope.lookup(base.name);
    if (symbol?.kind === 'type') type = symbol.type;
    else if (!symbol && base.name === 'error') type = { kind: 'error' };
  }
  if (base.kind === 'TypeName' && base.type.kind === 'NamedType') {
    const symbol = context.scope.lookup(base.type.name);
    if (symbol?.kind === 'type') type = symbol.type;
  }
  if (!type) return undefined;
  if (type.kind === 'error') {
    const index = context.checker.program.errors.indexOf(expr.member);
    if (index < 0) {
      error(context, expr.loc, `error.${expr.member}: no such error`);
      return unknownExpr(expr.loc);
    }
    return makeConst(type, index, expr.loc);
  }
  if (type.kind === 'enum') {
    const index = type.members.indexOf(expr.member);
    if (index < 0) {
      error(context, expr.loc, `${type.name}.${expr.member}: no such enum member`);
      return unknownExpr(expr.loc);
    }
    return makeConst(type, type.values ? type.values[index] : index, expr.loc);
  }
  error(context, expr.loc, `${exprText(expr)}: type '${typeToString(type)}' has no member ${expr.member}`);
  return unknownExpr(expr.loc);
}

function lowerMember(context: BodyContext, expr: Extract<Expr, { kind: 'Member' }>): IrExpr {
  const typeMember = lowerTypeMember(context, expr);
  if (typeMember) return typeMember;
  // `t.apply().hit` / `.miss` (spec §14.2.2); action_run only as a switch expression.
  if (expr.expr.kind === 'Call') {
    const table = tableOfApplyCall(context, expr.expr);
    if (table !== undefined) {
      if (context.kind !== 'control') error(context, expr.loc, 'tables can only be applied from a control body');
      if (expr.member === 'hit' || expr.member === 'miss') {
        return { kind: 'tableHit', type: BOOL, table, miss: expr.member === 'miss', loc: expr.loc };
      }
      if (expr.member === 'action_run') {
        error(context, expr.loc, `${exprText(expr)}: action_run can only be used as the expression of a switch statement`);
      } else {
        error(context, expr.loc, `${exprText(expr)}: a table apply result has only hit, miss and action_run`);
      }
      return unknownExpr(expr.loc);
    }
  }
  const base = lowerExpr(context, expr.expr);
  return memberOf(context, base, expr.member, expr.loc, exprText(expr));
}

export function memberOf(context: BodyContext, base: IrExpr, member: string, loc: Loc, text: string): IrExpr {
  const type = base.type;
  switch (type.kind) {
    case 'unknown':
      return unknownExpr(loc);
    case 'struct':
    case 'header':
    case 'union': {
      const index = type.fields.findIndex((field) => field.name === member);
      if (index < 0) {
        error(context, loc, `${text}: '${typeToString(type)}' has no field ${member}`);
        return unknownExpr(loc);
      }
      const fieldType = type.fields[index].type;
      if (base.kind === 'const' && Array.isArray(base.value)) return makeConst(fieldType, base.value[index], loc);
      if (base.kind === 'const' && type.kind === 'header' && typeof base.value === 'object' && 'fields' in (base.value as object)) {
        return makeConst(fieldType, (base.value as { fields: Value[] }).fields[index], loc);
      }
      return { kind: 'field', type: fieldType, base, index, name: member, loc };
    }
    case 'stack':
      switch (member) {
        case 'size':
          return integerConst(bitType(32), BigInt(type.size), loc);
        case 'lastIndex':
          return { kind: 'stackLastIndex', type: bitType(32), base, loc };
        case 'next':
        case 'last':
          // Spec §8.18: next and last are only defined inside parsers.
          if (context.kind !== 'parser') error(context, loc, `${text}: '${member}' can only be used in a parser`);
          return { kind: member === 'next' ? 'stackNext' : 'stackLast', type: type.element, base, loc };
        default:
          error(context, loc, `${text}: a header stack has no member ${member}`);
          return unknownExpr(loc);
      }
    default:
      error(context, loc, `${text}: type '${typeToString(type)}' has no field ${member}`);
      return unknownExpr(loc);
  }
}

function lowerIndex(context: BodyContext, expr: Extract<Expr, { kind: 'Index' }>): IrExpr {
  const base = lowerExpr(context, expr.expr);
  const index = lowerExpr(context, expr.index);
  if (base.type.kind === 'unknown' || index.type.kind === 'unknown') return unknownExpr(expr.loc);
  if (base.type.kind === 'tuple') {
    const position = index.kind === 'const' ? toBigInt(index.value) : undefined;
    if (position === undefined || position < 0n || position >= BigInt(base.type.elements.length)) {
      error(context, expr.index.loc, `${exprText(expr)}: tuple index must be a constant within 0..${base.type.elements.length - 1}`);
      return unknownExpr(expr.loc);
    }
    const n = Number(position);
    return { kind: 'field', type: base.type.elements[n], base, index: n, name: String(n), loc: expr.loc };
  }
  if (base.type.kind !== 'stack') {
    error(context, expr.loc, `${exprText(expr)}: indexing requires a header stack, not '${typeToString(base.type)}'`);
    return unknownExpr(expr.loc);
  }
  let position = index;
  if (index.kind === 'const' && (index.type.kind === 'int' || index.type.kind === 'bit')) {
    const value = toBigInt(index.value) ?? 0n;
    if (value < 0n || value >= BigInt(base.type.size)) {
      error(context, expr.index.loc, `${exprText(expr)}: index ${value} is out of bounds for a stack of size ${base.type.size}`);
      return unknownExpr(expr.loc);
    }
    position = integerConst(bitType(32), value, index.loc);
  } else if (index.type.kind !== 'bit') {
    // p4c also accepts a signed int<W> run-time index (testdata runtime-index-bmv2); a negative one is out of range.
    error(context, expr.index.loc, `${exprText(expr)}: a stack index must be an integer, not '${typeToString(index.type)}'`);
    return unknownExpr(expr.loc);
  }
  return { kind: 'stackElement', type: base.type.element, base, index: position, loc: expr.loc };
}

/**
 * `e[lo +: width]` (p4c's indexed part select): with a constant `lo` the plain
 * slice e[lo + width - 1 : lo]; otherwise (e >> lo)[width - 1 : 0], a value
 * only (it cannot be assigned).
 */
function lowerPlusSlice(context: BodyContext, expr: Extract<Expr, { kind: 'PlusSlice' }>): IrExpr {
  const width = evalInteger(context, expr.width, 'slice width');
  const lowConstant = expr.lo.kind === 'IntLiteral' ? Number(expr.lo.value) : undefined;
  if (width === undefined) return unknownExpr(expr.loc);
  if (width < 1) {
    error(context, expr.width.loc, `${exprText(expr)}: the slice width must be positive`);
    return unknownExpr(expr.loc);
  }
  const low = lowConstant === undefined ? lowerExpr(context, expr.lo) : undefined;
  const constantLow = lowConstant ?? (low?.kind === 'const' ? Number(toBigInt(low.value) ?? 0n) : undefined);
  if (constantLow !== undefined) {
    const at = (value: number): import('../ast.js').Expr => ({ kind: 'IntLiteral', value: BigInt(value), signed: false, text: String(value), loc: expr.loc });
    return lowerSlice(context, { kind: 'Slice', expr: expr.expr, hi: at(constantLow + width - 1), lo: at(constantLow), loc: expr.loc }, exprText(expr));
  }
  const base = lowerExpr(context, expr.expr);
  if (base.type.kind === 'unknown' || !low || low.type.kind === 'unknown') return unknownExpr(expr.loc);
  if (base.type.kind !== 'bit') {
    error(context, expr.loc, `${exprText(expr)}: slices require bit<W> or int<W>, not '${typeToString(base.type)}'`);
    return unknownExpr(expr.loc);
  }
  if (low.type.kind !== 'bit' || low.type.signed) {
    error(context, expr.lo.loc, `${exprText(expr)}: the slice start must be an unsigned bit<W>, not '${typeToString(low.type)}'`);
    return unknownExpr(expr.loc);
  }
  if (width > base.type.width) {
    error(context, expr.loc, `${exprText(expr)}: slice width ${width} exceeds the ${base.type.width} bits of the operand`);
    return unknownExpr(expr.loc);
  }
  const shifted: IrExpr = { kind: 'binary', op: 'shr', type: base.type, left: base, right: low, loc: expr.loc };
  return { kind: 'slice', type: bitType(width), base: shifted, hi: width - 1, lo: 0, loc: expr.loc };
}

function lowerSlice(context: BodyContext, expr: Extract<Expr, { kind: 'Slice' }>, text = exprText(expr)): IrExpr {
  const base = lowerExpr(context, expr.expr);
  const hi = evalInteger(context, expr.hi, 'slice bound');
  const lo = evalInteger(context, expr.lo, 'slice bound');
  if (base.type.kind === 'unknown' || hi === undefined || lo === undefined) return unknownExpr(expr.loc);
  let operand = base;
  if (base.type.kind === 'int' && base.kind === 'const') {
    // Spec §8.7: slicing an int constant behaves as on a value wide enough to hold it.
    operand = integerConst(bitType(hi + 1), wrap(toBigInt(base.value) ?? 0n, hi + 1, false), base.loc);
  } else if (base.type.kind !== 'bit') {
    error(context, expr.loc, `${text}: slices require bit<W> or int<W>, not '${typeToString(base.type)}'`);
    return unknownExpr(expr.loc);
  }
  const width = (operand.type as { width: number }).width;
  // Spec §8.5: e[H:L] requires 0 <= L <= H < W.
  if (lo > hi || hi >= width) {
    error(context, expr.loc, `${text}: slice [${hi}:${lo}] is outside bit range 0..${width - 1} or reversed`);
    return unknownExpr(expr.loc);
  }
  const type = bitType(hi - lo + 1);
  if (operand.kind === 'const') {
    const raw = toBigInt(operand.value) ?? 0n;
    return integerConst(type, wrap(raw >> BigInt(lo), hi - lo + 1, false), expr.loc);
  }
  return { kind: 'slice', type, base: operand, hi, lo, loc: expr.loc };
}

// ----------------------------------------------------------------- conversions

/**
 * Implicit conversion of `expr` to `target` (spec §8.11): int to fixed width,
 * serializable enum to its underlying type, lists and struct expressions to
 * structs/headers/tuples, `{#}` to headers. Anything else is an error.
 */
export function coerce(context: BodyContext, expr: IrExpr, target: IrType, what?: string): IrExpr {
  const source = expr.type;
  if (target.kind === 'unknown' || source.kind === 'unknown') return { ...expr, type: target.kind === 'unknown' ? source : target } as IrExpr;
  if (sameType(source, target)) return expr;
  if (target.kind === 'typeVar') return expr;
  if (source.kind === 'int' && expr.kind === 'const') {
    const value = toBigInt(expr.value) ?? 0n;
    if (target.kind === 'bit') {
      if (!fits(value, target.width, target.signed)) {
        warning(context, expr.loc, `${value}: value does not fit in ${target.width} bits`);
      }
      return integerConst(target, wrap(value, target.width, target.signed), expr.loc);
    }
    if (target.kind === 'int') return expr;
  }
  if (source.kind === 'enum' && source.underlying && target.kind === 'bit' && sameType(source.underlying, target)) {
    return expr.kind === 'const' ? makeConst(target, expr.value, expr.loc) : { kind: 'cast', type: target, operand: expr, loc: expr.loc };
  }
  if (expr.kind === 'invalid' && (target.kind === 'header' || target.kind === 'union')) return { ...expr, type: target };
  if (expr.kind === 'list' && target.kind === 'list') {
    // P4_16 v1.2.4 "List expressions": every element converts to the element type; any length.
    const elements = expr.elements.map((element) => coerce(context, element, target.element, what));
    return aggregate(target, elements, expr.loc);
  }
  if (expr.kind === 'list' && (target.kind === 'tuple' || target.kind === 'struct' || target.kind === 'header')) {
    const types = target.kind === 'tuple' ? target.elements : target.fields.map((field) => field.type);
    if (types.length !== expr.elements.length) {
      error(context, expr.loc, `a list of ${expr.elements.length} elements cannot initialize '${typeToString(target)}' with ${types.length} ${target.kind === 'tuple' ? 'elements' : 'fields'}`);
      return unknownExpr(expr.loc);
    }
    const elements = expr.elements.map((element, index) => coerce(context, element, types[index], what));
    return aggregate(target, elements, expr.loc);
  }
  if (expr.kind === 'structInit' && source.kind === 'struct' && source.name === '' && (target.kind === 'struct' || target.kind === 'header')) {
    return structToTarget(context, expr, source, target);
  }
  if (expr.kind === 'structInit' && source.kind === 'struct' && source.name === '' && target.kind === 'tuple') {
    error(context, expr.loc, `a struct expression cannot initialize '${typeToString(target)}'`);
    return unknownExpr(expr.loc);
  }
  const subject = what ? `${what}: ` : '';
  error(context, expr.loc, `${subject}cannot implicitly convert '${typeToString(source)}' to '${typeToString(target)}'`);
  return unknownExpr(expr.loc);
}

function structToTarget(context: BodyContext, expr: Extract<IrExpr, { kind: 'structInit' }>, source: IrStructType, target: IrStructType | IrHeaderType): IrExpr {
  const values: IrExpr[] = [];
  let ok = true;
  for (const field of target.fields) {
    const position = source.fields.findIndex((member) => member.name === field.name);
    if (position < 0) {
      error(context, expr.loc, `struct expression is missing field ${field.name} of '${target.name}'`);
      ok = false;
      continue;
    }
    values.push(coerce(context, expr.fields[position], field.type, field.name));
  }
  for (const field of source.fields) {
    if (!target.fields.some((existing) => existing.name === field.name)) {
      error(context, expr.loc, `'${target.name}' has no field ${field.name}`);
      ok = false;
    }
  }
  return ok ? aggregate(target, values, expr.loc) : unknownExpr(expr.loc);
}

/** A tuple/struct/header built from element expressions; folded when all are constant. */
function aggregate(target: IrType, elements: IrExpr[], loc: Loc): IrExpr {
  if (elements.every((element) => element.kind === 'const')) {
    const values = elements.map((element) => (element as { value: Value }).value);
    return makeConst(target, target.kind === 'header' ? { valid: true, fields: values } : values, loc);
  }
  if (target.kind === 'tuple' || target.kind === 'list') return { kind: 'list', type: target, elements, loc };
  return { kind: 'structInit', type: target, fields: elements, loc };
}

/** Explicit cast `(target) expr` (spec §8.10). */
export function castTo(context: BodyContext, expr: IrExpr, target: IrType, loc: Loc): IrExpr {
  const source = expr.type;
  if (source.kind === 'unknown' || target.kind === 'unknown') return unknownExpr(loc);
  if (sameType(source, target) && !(source.kind === 'bit' && target.kind === 'bit' && source.newTypeName !== target.newTypeName)) {
    return expr;
  }
  const allowed = castAllowed(source, target, expr);
  if (allowed !== true) {
    error(context, loc, `cannot cast from '${typeToString(source)}' to '${typeToString(target)}'${allowed ? `: ${allowed}` : ''}`);
    return unknownExpr(loc);
  }
  if (expr.kind === 'list' || expr.kind === 'structInit' || expr.kind === 'invalid') return coerce(context, expr, target);
  if (expr.kind === 'const') return foldCast(expr, target, loc);
  return { kind: 'cast', type: target, operand: expr, loc };
}

function castAllowed(source: IrType, target: IrType, expr: IrExpr): true | string | undefined {
  const targetBits = target.kind === 'bit' ? target : target.kind === 'enum' ? target.underlying : undefined;
  const sourceBits = source.kind === 'bit' ? source : source.kind === 'enum' ? source.underlying : undefined;
  if (source.kind === 'int') {
    if (targetBits) return true;
    if (target.kind === 'bool') {
      const value = expr.kind === 'const' ? toBigInt(expr.value) : undefined;
      return value === 0n || value === 1n ? true : 'only 0 and 1 convert to bool';
    }
    return undefined;
  }
  if (source.kind === 'bool' && target.kind === 'bit') return target.width === 1 && !target.signed ? true : 'bool converts only to bit<1>';
  if (target.kind === 'bool' && source.kind === 'bit') return source.width === 1 && !source.signed ? true : 'only bit<1> converts to bool';
  if (sourceBits && targetBits) {
    // Spec §8.3: a serializable enum casts like its underlying type (as p4c does), never to another enum.
    if (source.kind === 'enum' && target.kind === 'enum') return 'cannot cast between enum types';
    // Spec §8.10: sign and width may not change in a single cast.
    if (sourceBits.signed !== targetBits.signed && sourceBits.width !== targetBits.width) {
      return 'a cast may change either the width or the signedness, not both';
    }
    return true;
  }
  if ((expr.kind === 'list' || expr.kind === 'structInit') && (target.kind === 'struct' || target.kind === 'header' || target.kind === 'tuple')) return true;
  if (expr.kind === 'list' && target.kind === 'list') return true;
  if (expr.kind === 'invalid' && (target.kind === 'header' || target.kind === 'union')) return true;
  return undefined;
}

function foldCast(expr: Extract<IrExpr, { kind: 'const' }>, target: IrType, loc: Loc): IrExpr {
  if (target.kind === 'bool') return makeConst(target, (toBigInt(expr.value) ?? 0n) !== 0n, loc);
  const bits = target.kind === 'bit' ? target : target.kind === 'enum' ? target.underlying : undefined;
  if (!bits) return { kind: 'cast', type: target, operand: expr, loc };
  const raw = typeof expr.value === 'boolean' ? (expr.value ? 1n : 0n) : (toBigInt(expr.value) ?? 0n);
  return makeConst(target, runtimeInteger(wrap(raw, bits.width, bits.signed), bits), loc);
}

/** Why `expr` cannot be assigned to, or undefined if it is an lvalue (spec §6.7). */
export function lvalueProblem(context: BodyContext, expr: IrExpr): string | undefined {
  switch (expr.kind) {
    case 'var':
      return context.frame.readonlySlots.has(expr.slot) ? `${expr.name} is read-only (an in or directionless parameter)` : undefined;
    case 'field':
      return lvalueProblem(context, expr.base);
    case 'stackElement':
    case 'stackNext':
    case 'stackLast':
    case 'slice':
      return lvalueProblem(context, expr.base);
    case 'const':
      return expr.type.kind === 'unknown' ? undefined : 'a constant cannot be assigned';
    default:
      return 'the expression is not a left-value';
  }
}
