// Run-time values as src/p4c/ir.ts defines them (bit<W≤32> as number, wider
// as bigint, headers as { valid, fields }, structs as arrays, ...): defaults,
// deep copies, equality and the integer wrap-around of each type.

import type { HeaderValue, IrBitType, IrType, StackValue, Value, VarbitValue } from '../../p4c/ir.js';

export function isHeaderValue(value: Value): value is HeaderValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'valid' in value;
}

export function isStackValue(value: Value): value is StackValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'nextIndex' in value;
}

export function isVarbitValue(value: Value): value is VarbitValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'width' in value && !('valid' in value);
}

/** Zero of a bit/int type in its representation. */
export function zeroOf(type: IrBitType): number | bigint {
  return type.width > 32 ? 0n : 0;
}

/**
 * The value a declaration without initializer gets (P4_16 §6.7: uninitialized
 * values are unspecified; BMv2 zero-initializes metadata and headers, headers
 * start invalid).
 */
export function defaultValue(type: IrType): Value {
  switch (type.kind) {
    case 'bit':
      return zeroOf(type);
    case 'bool':
      return false;
    case 'varbit':
      return { width: 0, value: 0n };
    case 'error':
      return 0;
    case 'enum':
      // Serializable enums default to the underlying zero (P4_16 §8.3), plain ones to their first member.
      return type.underlying ? zeroOf(type.underlying) : 0;
    case 'header':
      return { valid: false, fields: type.fields.map((f) => defaultValue(f.type)) };
    case 'struct':
      return type.fields.map((f) => defaultValue(f.type));
    case 'union':
      return type.fields.map((f) => defaultValue(f.type));
    case 'stack':
      return { elements: Array.from({ length: type.size }, () => defaultValue(type.element)), nextIndex: 0 };
    case 'tuple':
      return type.elements.map((t) => defaultValue(t));
    case 'list':
      return [];
    case 'string':
      return '';
    default:
      return 0;
  }
}

export function cloneValue(value: Value): Value {
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneValue);
  if ('valid' in value) {
    const copy: HeaderValue = { valid: value.valid, fields: value.fields.map(cloneValue) };
    if (value.padding !== undefined) copy.padding = value.padding;
    return copy;
  }
  if ('nextIndex' in value) return { elements: value.elements.map(cloneValue), nextIndex: value.nextIndex };
  return { width: value.width, value: value.value };
}

/**
 * Copies `source` into the container `target` in place, so that references
 * held elsewhere (the pipeline's shared hdr/meta objects) see the change.
 * Returns false when `target` is not a container (the caller then replaces it).
 */
export function copyInto(target: Value, source: Value): boolean {
  if (typeof target !== 'object' || typeof source !== 'object') return false;
  if (Array.isArray(target) && Array.isArray(source)) {
    for (let i = 0; i < source.length; i++) {
      if (!copyInto(target[i], source[i])) target[i] = cloneValue(source[i]);
    }
    return true;
  }
  if (isHeaderValue(target) && isHeaderValue(source)) {
    target.valid = source.valid;
    if (source.padding !== undefined || target.padding !== undefined) target.padding = source.padding;
    for (let i = 0; i < source.fields.length; i++) {
      if (!copyInto(target.fields[i], source.fields[i])) target.fields[i] = cloneValue(source.fields[i]);
    }
    return true;
  }
  if (isStackValue(target) && isStackValue(source)) {
    target.nextIndex = source.nextIndex;
    for (let i = 0; i < source.elements.length; i++) {
      if (!copyInto(target.elements[i], source.elements[i])) target.elements[i] = cloneValue(source.elements[i]);
    }
    return true;
  }
  if (isVarbitValue(target) && isVarbitValue(source)) {
    target.width = source.width;
    target.value = source.value;
    return true;
  }
  return false;
}

/**
 * P4_16 §8.9 / §8.16: equality of scalars, and of headers (both invalid, or
 * both valid with equal fields), structs, tuples, stacks and unions member-wise.
 */
export function valuesEqual(left: Value, right: Value): boolean {
  if (typeof left !== 'object' || typeof right !== 'object') return left === right;
  if (Array.isArray(left) && Array.isArray(right)) {
    if (left.length !== right.length) return false;
    for (let i = 0; i < left.length; i++) if (!valuesEqual(left[i], right[i])) return false;
    return true;
  }
  if (isHeaderValue(left) && isHeaderValue(right)) {
    if (!left.valid && !right.valid) return true;
    if (left.valid !== right.valid) return false;
    return valuesEqual(left.fields, right.fields);
  }
  if (isStackValue(left) && isStackValue(right)) return valuesEqual(left.elements, right.elements);
  if (isVarbitValue(left) && isVarbitValue(right)) return left.width === right.width && left.value === right.value;
  return false;
}

/** Any value of bit/int/bool/enum/error kind as a bigint (bool as 0/1). */
export function toBig(value: Value): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(value);
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (isVarbitValue(value)) return value.value;
  return 0n;
}

/** Wraps an integer to a bit/int type and returns it in that type's representation. */
export function fromBig(value: bigint, width: number, signed: boolean): number | bigint {
  const wrapped = signed ? BigInt.asIntN(width, value) : BigInt.asUintN(width, value);
  return width > 32 ? wrapped : Number(wrapped);
}

/** A function wrapping a JS number result of arithmetic on bit/int<W ≤ 32> operands. */
export function numberWrapper(width: number, signed: boolean): (value: number) => number {
  if (signed) {
    if (width === 32) return (v) => v | 0;
    const shift = 32 - width;
    return (v) => ((v & (width === 32 ? -1 : 0xffffffff)) << shift) >> shift;
  }
  if (width === 32) return (v) => v >>> 0;
  const mask = width === 0 ? 0 : 2 ** width - 1;
  return (v) => (v & mask) >>> 0;
}

/** The same for bigint-represented types. */
export function bigWrapper(width: number, signed: boolean): (value: bigint) => bigint {
  return signed ? (v) => BigInt.asIntN(width, v) : (v) => BigInt.asUintN(width, v);
}

/** Width and signedness of a bit/int/enum/bool type, or undefined for other types. */
export function scalarShape(type: IrType): { width: number; signed: boolean } | undefined {
  switch (type.kind) {
    case 'bit':
      return { width: type.width, signed: type.signed };
    case 'enum':
      return type.underlying ? { width: type.underlying.width, signed: type.underlying.signed } : undefined;
    case 'bool':
      return { width: 1, signed: false };
    default:
      return undefined;
  }
}

/**
 * A function resetting a container value of `type` to its default in place
 * (headers invalid, fields zero), so the pipeline can reuse one set of
 * objects per packet instead of allocating (and collecting) new ones.
 */
export function compileReset(type: IrType): (value: Value) => void {
  switch (type.kind) {
    case 'header': {
      const defaults = type.fields.map((f) => defaultValue(f.type));
      return (value) => {
        const header = value as HeaderValue;
        header.valid = false;
        if (header.padding !== undefined) header.padding = undefined;
        const fields = header.fields;
        for (let i = 0; i < defaults.length; i++) {
          const fallback = defaults[i];
          fields[i] = typeof fallback === 'object' ? cloneValue(fallback) : fallback;
        }
      };
    }
    case 'struct':
    case 'union': {
      const parts = type.fields.map((f) => {
        const nested = f.type.kind === 'header' || f.type.kind === 'struct' || f.type.kind === 'union' || f.type.kind === 'stack' ? compileReset(f.type) : undefined;
        return { nested, fallback: defaultValue(f.type) };
      });
      return (value) => {
        const members = value as Value[];
        for (let i = 0; i < parts.length; i++) {
          const part = parts[i];
          if (part.nested) part.nested(members[i]);
          else members[i] = typeof part.fallback === 'object' ? cloneValue(part.fallback) : part.fallback;
        }
      };
    }
    case 'stack': {
      const element = compileReset(type.element);
      return (value) => {
        const stack = value as StackValue;
        stack.nextIndex = 0;
        for (const item of stack.elements) element(item);
      };
    }
    default:
      return () => undefined;
  }
}

/**
 * A deep-copy function specialized to `type` (multicast and clone copies):
 * no per-value shape tests, header fields of scalar types copied by slice.
 */
export function compileClone(type: IrType): (value: Value) => Value {
  switch (type.kind) {
    case 'header': {
      if (type.fields.every((f) => f.type.kind !== 'varbit')) {
        return (value) => {
          const header = value as HeaderValue;
          const copy: HeaderValue = { valid: header.valid, fields: header.fields.slice() };
          if (header.padding !== undefined) copy.padding = header.padding;
          return copy;
        };
      }
      return cloneValue;
    }
    case 'struct':
    case 'union':
    case 'tuple': {
      const types = type.kind === 'tuple' ? type.elements : type.fields.map((f) => f.type);
      const parts = types.map((t) => (t.kind === 'header' || t.kind === 'struct' || t.kind === 'union' || t.kind === 'stack' || t.kind === 'tuple' || t.kind === 'varbit' ? compileClone(t) : undefined));
      return (value) => {
        const members = value as Value[];
        const copy = new Array<Value>(members.length);
        for (let i = 0; i < members.length; i++) {
          const part = parts[i];
          copy[i] = part ? part(members[i]) : members[i];
        }
        return copy;
      };
    }
    case 'stack': {
      const element = compileClone(type.element);
      return (value) => {
        const stack = value as StackValue;
        return { elements: stack.elements.map(element), nextIndex: stack.nextIndex };
      };
    }
    default:
      return cloneValue;
  }
}
