// Type predicates, identity, substitution and unification for the checker.
// Headers, structs, unions and enums are nominal (spec §7.2); bit<W>/int<W> are
// structural except that a `type` declaration makes a distinct type (spec §7.6).

import type { IrBitType, IrType } from '../ir.js';
import { typeToString } from '../ir.js';

export const BOOL: IrType = { kind: 'bool' };
export const INT: IrType = { kind: 'int' };
export const VOID: IrType = { kind: 'void' };
export const STRING: IrType = { kind: 'string' };
export const ERROR: IrType = { kind: 'error' };
export const UNKNOWN: IrType = { kind: 'unknown' };
export const MATCH_KIND: IrType = { kind: 'matchKind' };

export function bitType(width: number, signed = false): IrBitType {
  return { kind: 'bit', width, signed };
}

export function isBit(type: IrType): type is IrBitType {
  return type.kind === 'bit';
}

/** bit<W>, int<W> or the infinite-precision int: operands of arithmetic. */
export function isNumeric(type: IrType): boolean {
  return type.kind === 'bit' || type.kind === 'int';
}

export function isUnknown(type: IrType): boolean {
  return type.kind === 'unknown';
}

export function sameType(left: IrType, right: IrType): boolean {
  if (left === right) return true;
  if (left.kind === 'unknown' || right.kind === 'unknown') return true;
  switch (left.kind) {
    case 'bit':
      return (
        right.kind === 'bit' &&
        left.width === right.width &&
        left.signed === right.signed &&
        left.newTypeName === right.newTypeName
      );
    case 'varbit':
      return right.kind === 'varbit' && left.maxWidth === right.maxWidth;
    case 'header':
    case 'struct':
    case 'union':
    case 'enum':
      return right.kind === left.kind && right.name === left.name && (left.name !== '' || sameFields(left, right));
    case 'stack':
      return right.kind === 'stack' && left.size === right.size && sameType(left.element, right.element);
    case 'tuple':
      return (
        right.kind === 'tuple' &&
        left.elements.length === right.elements.length &&
        left.elements.every((element, index) => sameType(element, right.elements[index]))
      );
    case 'list':
      return right.kind === 'list' && sameType(left.element, right.element);
    case 'extern':
      return (
        right.kind === 'extern' &&
        left.name === right.name &&
        left.typeArgs.length === right.typeArgs.length &&
        left.typeArgs.every((arg, index) => sameType(arg, right.typeArgs[index]))
      );
    case 'parser':
    case 'control':
    case 'package':
    case 'typeVar':
      return right.kind === left.kind && right.name === left.name;
    default:
      return right.kind === left.kind;
  }
}

function sameFields(left: IrType, right: IrType): boolean {
  if (!('fields' in left) || !('fields' in right)) return false;
  return (
    left.fields.length === right.fields.length &&
    left.fields.every((field, index) => field.name === right.fields[index].name && sameType(field.type, right.fields[index].type))
  );
}

export function containsTypeVar(type: IrType): boolean {
  switch (type.kind) {
    case 'typeVar':
      return true;
    case 'tuple':
      return type.elements.some(containsTypeVar);
    case 'list':
      return containsTypeVar(type.element);
    case 'extern':
      return type.typeArgs.some(containsTypeVar);
    case 'stack':
      return containsTypeVar(type.element);
    default:
      return false;
  }
}

export type Bindings = Map<string, IrType>;

export function substitute(type: IrType, bindings: Bindings): IrType {
  switch (type.kind) {
    case 'typeVar':
      return bindings.get(type.name) ?? type;
    case 'tuple':
      return { kind: 'tuple', elements: type.elements.map((element) => substitute(element, bindings)) };
    case 'list':
      return { kind: 'list', element: substitute(type.element, bindings) };
    case 'extern':
      return { ...type, typeArgs: type.typeArgs.map((arg) => substitute(arg, bindings)) };
    default:
      return type;
  }
}

/**
 * Binds the type variables of `pattern` from `actual` (type argument inference,
 * spec "Type inference" for generic calls). Returns a message on conflict; compatibility of
 * the non-variable parts is left to the caller's implicit conversion.
 */
export function unify(pattern: IrType, actual: IrType, bindings: Bindings): string | undefined {
  if (actual.kind === 'unknown') return undefined;
  switch (pattern.kind) {
    case 'typeVar': {
      if (pattern.name === '_') return undefined; // `_` type argument: matches anything, binds nothing
      const bound = bindings.get(pattern.name);
      if (!bound || bound.kind === 'int' || bound.kind === 'unknown') {
        bindings.set(pattern.name, actual);
        return undefined;
      }
      if (actual.kind === 'int' || sameType(bound, actual)) return undefined;
      // A list `{a, b}` bound earlier to a tuple and now meeting a struct: keep the struct.
      if (bound.kind === 'tuple' && (actual.kind === 'struct' || actual.kind === 'header')) {
        bindings.set(pattern.name, actual);
        return undefined;
      }
      if (actual.kind === 'tuple' && (bound.kind === 'struct' || bound.kind === 'header')) return undefined;
      return `type parameter ${pattern.name} bound to both '${typeToString(bound)}' and '${typeToString(actual)}'`;
    }
    case 'tuple':
      if (actual.kind === 'tuple' && actual.elements.length === pattern.elements.length) {
        for (let index = 0; index < pattern.elements.length; index++) {
          const problem = unify(pattern.elements[index], actual.elements[index], bindings);
          if (problem) return problem;
        }
      }
      return undefined;
    case 'list':
      return actual.kind === 'list' ? unify(pattern.element, actual.element, bindings) : undefined;
    case 'extern':
      if (actual.kind === 'extern' && actual.name === pattern.name) {
        for (let index = 0; index < Math.min(pattern.typeArgs.length, actual.typeArgs.length); index++) {
          const problem = unify(pattern.typeArgs[index], actual.typeArgs[index], bindings);
          if (problem) return problem;
        }
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Types a header field may have (spec §7.2.2). */
export function isHeaderFieldType(type: IrType): boolean {
  switch (type.kind) {
    case 'bit':
    case 'varbit':
    case 'bool':
      return true;
    case 'enum':
      return type.underlying !== undefined;
    case 'struct':
      return type.fields.every((field) => isHeaderFieldType(field.type) && field.type.kind !== 'varbit');
    default:
      return false;
  }
}

/** Types that may be compared with == and != (spec §8.5-§8.12). */
export function isEqualityComparable(type: IrType): boolean {
  switch (type.kind) {
    case 'extern':
    case 'parser':
    case 'control':
    case 'package':
    case 'void':
    case 'string':
    case 'matchKind':
      return false;
    default:
      return true;
  }
}
