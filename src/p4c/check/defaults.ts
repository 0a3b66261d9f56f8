// `...` in list and struct expressions (spec v1.2.2 "Initializing with default
// values"): `{ a = 1, ... }` / `{ 1, ... }` give every field not written its
// type's default value. p4c allows it only where a value initializes a
// left-value (assignment, variable or constant initializer, cast), and not for
// types holding a varbit (testdata p4_16_errors default-values-operations-err,
// default-initializer-err).

import type { Expr, Loc } from '../ast.js';
import type { IrExpr, IrType, Value } from '../ir.js';
import { typeToString } from '../ir.js';
import { type BodyContext, error } from './context.js';
import { makeConst, unknownExpr } from './expressions.js';
import { runtimeInteger } from './values.js';

/** `context` for lowering `expr` where a `...` initializer is allowed (its own top node only). */
export function allowingDefaults(context: BodyContext, expr: Expr): BodyContext {
  return { ...context, defaultsAllowedFor: expr };
}

/** Context for an element of a list/struct expression: nested `...` is allowed where the parent's was. */
export function elementContext(context: BodyContext, parent: Expr, element: Expr): BodyContext {
  if (context.defaultsAllowedFor === parent) return { ...context, defaultsAllowedFor: element };
  return context.defaultsAllowedFor === undefined ? context : { ...context, defaultsAllowedFor: undefined };
}

/** Reports a `...` where p4c rejects it; true when the expression may use defaults. */
export function checkDefaultsAllowed(context: BodyContext, expr: Expr & { dots: boolean }, target: IrType | undefined): boolean {
  if (!expr.dots) return true;
  if (context.defaultsAllowedFor !== expr || !target) {
    error(context, expr.loc, 'default values {...} can only initialize a left-value (an assignment, a declaration or a cast)');
    return false;
  }
  if (containsVarbit(target)) {
    error(context, expr.loc, `'${typeToString(target)}': types containing varbit fields cannot be initialized using ...`);
    return false;
  }
  return true;
}

function containsVarbit(type: IrType): boolean {
  switch (type.kind) {
    case 'varbit':
      return true;
    case 'header':
    case 'struct':
    case 'union':
      return type.fields.some((field) => containsVarbit(field.type));
    case 'tuple':
      return type.elements.some(containsVarbit);
    case 'stack':
      return containsVarbit(type.element);
    default:
      return false;
  }
}

/**
 * The default value of `type` as a constant (spec §7.3 "default values"): 0,
 * false, error.NoError, an enum's first member (or 0 for serializable ones),
 * invalid headers, and fields/elements recursively.
 */
export function defaultConst(context: BodyContext, type: IrType, loc: Loc): IrExpr {
  const value = defaultOf(context, type);
  if (value === undefined) {
    error(context, loc, `'${typeToString(type)}' has no default value`);
    return unknownExpr(loc);
  }
  return makeConst(type, value, loc);
}

function defaultOf(context: BodyContext, type: IrType): Value | undefined {
  switch (type.kind) {
    case 'bit':
      return runtimeInteger(0n, type);
    case 'bool':
      return false;
    case 'error': {
      const index = context.checker.program.errors.indexOf('NoError');
      return index < 0 ? 0 : index;
    }
    case 'enum':
      return type.underlying ? runtimeInteger(0n, type.underlying) : 0;
    case 'header': {
      const fields = type.fields.map((field) => defaultOf(context, field.type));
      return fields.includes(undefined) ? undefined : { valid: false, fields: fields as Value[] };
    }
    case 'struct':
    case 'tuple': {
      const members = type.kind === 'struct' ? type.fields.map((field) => field.type) : type.elements;
      const values = members.map((member) => defaultOf(context, member));
      return values.includes(undefined) ? undefined : (values as Value[]);
    }
    case 'union':
      return type.fields.map((field) => defaultOf(context, field.type)) as Value[];
    case 'stack': {
      const element = defaultOf(context, type.element);
      return element === undefined ? undefined : { elements: Array.from({ length: type.size }, () => element), nextIndex: 0 };
    }
    default:
      return undefined;
  }
}
