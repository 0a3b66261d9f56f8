// Resolution of type references and compile-time constants, and conversion of
// annotations. Widths, stack sizes and const initializers must fold to
// constants (spec §7.1.6, §10.1); anything else is reported, not thrown.

import type { Annotation, Expr, Loc, TypeRef } from '../ast.js';
import type { IrAnnotation, IrExpr, IrType } from '../ir.js';
import { typeToString } from '../ir.js';
import { type BodyContext, error, FrameBuilder, type Checker, type Scope } from './context.js';
import { specializeStructLike } from './declarations.js';
import { lowerExpr } from './expressions.js';
import { bitType, BOOL, ERROR, INT, MATCH_KIND, STRING, UNKNOWN, VOID } from './types.js';
import { toBigInt } from './values.js';

/** Largest bit<W> accepted (p4c's limit for target-independent checking). */
export const MAX_WIDTH = 2048;

export function constantContext(checker: Checker, scope: Scope, prefix = ''): BodyContext {
  return { checker, scope, frame: new FrameBuilder(), kind: 'constant', prefix };
}

/** Lowers `expr` and requires a folded constant (spec §17.1 compile-time known values). */
export type IrConst = Extract<IrExpr, { kind: 'const' }>;

export function evalConstant(context: BodyContext, expr: Expr, what: string): IrConst | undefined {
  const lowered = lowerExpr({ ...context, kind: context.kind === 'constant' ? 'constant' : context.kind }, expr);
  if (lowered.type.kind === 'unknown') return undefined;
  if (lowered.kind !== 'const') {
    error(context, expr.loc, `${what} must be a compile-time constant`);
    return undefined;
  }
  return lowered;
}

/** A non-negative integer constant (width, size, slice bound, count). */
export function evalInteger(context: BodyContext, expr: Expr, what: string): number | undefined {
  const constant = evalConstant(context, expr, what);
  if (!constant) return undefined;
  const value = toBigInt(constant.value);
  if (value === undefined || (constant.type.kind !== 'int' && constant.type.kind !== 'bit')) {
    error(context, expr.loc, `${what} must be an integer, not '${typeToString(constant.type)}'`);
    return undefined;
  }
  if (value < 0n || value > 1n << 32n) {
    error(context, expr.loc, `${what} ${value} is out of range`);
    return undefined;
  }
  return Number(value);
}

/** `_` is only meaningful as a type argument (spec "Don't care types"); `typeArgument` says we are in one. */
export function resolveType(context: BodyContext, ref: TypeRef, typeArgument = false): IrType {
  switch (ref.kind) {
    case 'BaseType':
      return resolveBaseType(context, ref);
    case 'VoidType':
      return VOID;
    case 'DontCareType':
      if (!typeArgument) {
        error(context, ref.loc, "'_' can only be used as a type argument");
        return UNKNOWN;
      }
      return { kind: 'typeVar', name: '_' };
    case 'TupleType':
      return { kind: 'tuple', elements: ref.elements.map((element) => resolveType(context, element)) };
    case 'ListType': {
      // P4_16 v1.2.4 "List types": list<T> for any T but `_` (p4c: decl-*-of-type-with-dont-care).
      const element = resolveType(context, ref.element);
      return element.kind === 'unknown' ? UNKNOWN : { kind: 'list', element };
    }
    case 'HeaderStackType': {
      const element = resolveType(context, ref.element);
      const size = evalInteger(context, ref.size, 'header stack size');
      if (element.kind === 'unknown' || size === undefined) return UNKNOWN;
      if (element.kind !== 'header' && element.kind !== 'union') {
        error(context, ref.loc, `header stack element must be a header or header union, not '${typeToString(element)}'`);
        return UNKNOWN;
      }
      if (size === 0) {
        error(context, ref.size.loc, 'header stack size must be positive');
        return UNKNOWN;
      }
      return { kind: 'stack', element, size };
    }
    case 'NamedType':
      return resolveNamedType(context, ref.name, ref.global, [], ref.loc);
    case 'SpecializedType': {
      const args = ref.args.map((arg) => resolveType(context, arg, true));
      return resolveNamedType(context, ref.base.name, ref.base.global, args, ref.loc);
    }
  }
}

function resolveBaseType(context: BodyContext, ref: Extract<TypeRef, { kind: 'BaseType' }>): IrType {
  switch (ref.name) {
    case 'bool':
      return BOOL;
    case 'error':
      return ERROR;
    case 'string':
      return STRING;
    case 'match_kind':
      return MATCH_KIND;
    case 'int':
      if (!ref.width) return INT;
      return sizedType(context, ref, true);
    case 'bit':
      if (!ref.width) return bitType(1);
      return sizedType(context, ref, false);
    case 'varbit': {
      const width = ref.width ? evalInteger(context, ref.width, 'varbit width') : undefined;
      if (width === undefined) return UNKNOWN;
      return { kind: 'varbit', maxWidth: width };
    }
  }
}

function sizedType(context: BodyContext, ref: Extract<TypeRef, { kind: 'BaseType' }>, signed: boolean): IrType {
  const width = evalInteger(context, ref.width as Expr, 'width');
  if (width === undefined) return UNKNOWN;
  // Spec §7.1.6.2: int<W> needs at least one bit for the sign.
  if (signed && width === 0) {
    error(context, ref.loc, 'int<0> is not a valid type: signed integers need at least 1 bit');
    return UNKNOWN;
  }
  if (width > MAX_WIDTH) {
    error(context, ref.loc, `width ${width} is larger than the maximum supported ${MAX_WIDTH}`);
    return UNKNOWN;
  }
  return bitType(width, signed);
}

function resolveNamedType(context: BodyContext, name: string, global: boolean, args: IrType[], loc: Loc): IrType {
  const symbol = global ? context.checker.globals.lookup(name) : context.scope.lookup(name);
  if (!symbol) {
    error(context, loc, `${name}: unknown type`);
    return UNKNOWN;
  }
  switch (symbol.kind) {
    case 'type':
      if (args.length) error(context, loc, `${name}: type is not generic`);
      return symbol.type;
    case 'typeVar':
      return { kind: 'typeVar', name: symbol.name };
    case 'genericType':
      return specializeStructLike(context, symbol.decl, symbol.specializations, args, loc);
    case 'externType': {
      const expected = symbol.decl.typeParams.length;
      if (args.length !== expected && args.length !== 0) {
        error(context, loc, `${name}: expected ${expected} type arguments, got ${args.length}`);
      }
      return { kind: 'extern', name, typeArgs: args };
    }
    case 'parserType':
    case 'parserDecl':
      return { kind: 'parser', name, typeArgs: args };
    case 'controlType':
    case 'controlDecl':
      return { kind: 'control', name, typeArgs: args };
    case 'packageType':
      return { kind: 'package', name, typeArgs: args };
    default:
      error(context, loc, `${name} is not a type`);
      return UNKNOWN;
  }
}

// ------------------------------------------------------------------ annotations

export function lowerAnnotations(annotations: Annotation[] | undefined): IrAnnotation[] {
  return (annotations ?? []).map(lowerAnnotation);
}

function lowerAnnotation(annotation: Annotation): IrAnnotation {
  const body = annotation.body;
  const result: IrAnnotation = { name: annotation.name, text: '', loc: annotation.loc };
  switch (body.kind) {
    case 'empty':
      break;
    case 'unstructured':
      result.text = body.tokens.map((token) => token.text).join(' ');
      if (body.exprs) result.args = literalArgs(body.exprs);
      else if (body.tokens.length) result.args = undefined;
      break;
    case 'expressionList':
      result.args = literalArgs(body.exprs);
      break;
    case 'kvList':
      result.pairs = {};
      for (const pair of body.pairs) {
        const literal = literalOf(pair.value);
        if (literal !== undefined) result.pairs[pair.key] = literal;
      }
      break;
  }
  return result;
}

function literalArgs(exprs: Expr[]): (string | bigint | boolean)[] | undefined {
  const values = exprs.map(literalOf);
  return values.every((value) => value !== undefined) ? (values as (string | bigint | boolean)[]) : undefined;
}

function literalOf(expr: Expr): string | bigint | boolean | undefined {
  if (expr.kind === 'StringLiteral') return expr.value;
  if (expr.kind === 'IntLiteral') return expr.value;
  if (expr.kind === 'BoolLiteral') return expr.value;
  if (expr.kind === 'Unary' && expr.op === '-' && expr.expr.kind === 'IntLiteral') return -expr.expr.value;
  return undefined;
}

export function findAnnotation(annotations: Annotation[] | undefined, name: string): Annotation | undefined {
  return annotations?.find((annotation) => annotation.name === name);
}

/** The string argument of `@name("...")`-like annotations. */
export function annotationString(annotations: Annotation[] | undefined, name: string): string | undefined {
  const annotation = findAnnotation(annotations, name);
  if (!annotation) return undefined;
  const args = lowerAnnotation(annotation).args;
  return typeof args?.[0] === 'string' ? args[0] : undefined;
}

/**
 * Fully qualified control-plane name (P4Runtime §6.3 / p4c naming): `prefix.name`,
 * `@name("x")` replaces the local part, `@name(".x")` is absolute.
 */
export function controlPlaneName(prefix: string, localName: string, annotations: Annotation[] | undefined): string {
  const given = annotationString(annotations, 'name');
  if (given !== undefined && given.startsWith('.')) return given.slice(1);
  const local = given ?? localName;
  return prefix ? `${prefix}.${local}` : local;
}
