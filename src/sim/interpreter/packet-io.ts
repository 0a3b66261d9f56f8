// packet_in / packet_out (P4_16 §12.8, §15): extraction, lookahead and
// advance over the input buffer, emission into the output buffer. Field
// layouts are compiled once per header type.

import type { HeaderValue, IrField, IrHeaderType, IrType, StackValue, Value, VarbitValue } from '../../p4c/ir.js';
import { compileFieldReader, compileFieldWriter, readBits, readBitsBig, readBitsNumber, writeBits } from './bits.js';
import { NORMAL, REJECT, type Compiler, type Run } from './context.js';
import { defaultValue, isHeaderValue } from './values.js';

interface FieldLayout {
  width: number;
  varbit: boolean;
  maxWidth: number;
  bool: boolean;
}

function layoutOf(type: IrHeaderType): FieldLayout[] {
  return type.fields.map((field) => {
    const t = field.type;
    if (t.kind === 'varbit') return { width: 0, varbit: true, maxWidth: t.maxWidth, bool: false };
    if (t.kind === 'bool') return { width: 1, varbit: false, maxWidth: 1, bool: true };
    const width = t.kind === 'bit' ? t.width : t.kind === 'enum' ? (t.underlying?.width ?? 0) : 0;
    return { width, varbit: false, maxWidth: width, bool: false };
  });
}

/**
 * Bits p4c's BMv2 back end appends to a header whose width is not whole bytes
 * (a `_padding` field of 8 - width % 8 bits): BMv2 extracts and emits headers
 * in whole bytes (table-entries-exact-bmv2's 41-bit header takes 6 bytes).
 * Like BMv2, extract keeps the padding bits it read (HeaderValue.padding) and
 * emit writes them back; a header never extracted emits zeros.
 */
export function paddingBits(type: IrHeaderType): number {
  return (8 - (type.maxWidthBits % 8)) % 8;
}

/**
 * A header with struct-typed fields (P4_16 §7.2.2 allows structs of bit<W>,
 * int<W>, bool, serializable enums inside headers) as an equivalent header of
 * its leaves in wire order, and each leaf's index path into the nested value.
 * Undefined when every field is already a leaf.
 */
function flattened(type: IrHeaderType): { flat: IrHeaderType; paths: number[][] } | undefined {
  if (!type.fields.some((field) => field.type.kind === 'struct')) return undefined;
  const fields: IrField[] = [];
  const paths: number[][] = [];
  const visit = (members: readonly IrField[], prefix: number[], name: string) => {
    members.forEach((field, index) => {
      if (field.type.kind === 'struct') visit(field.type.fields, [...prefix, index], `${name}${field.name}.`);
      else {
        fields.push({ name: `${name}${field.name}`, type: field.type, annotations: [] });
        paths.push([...prefix, index]);
      }
    });
  };
  visit(type.fields, [], '');
  return { flat: { ...type, fields }, paths };
}

function leafAt(fields: Value[], path: number[]): Value {
  let value: Value = fields;
  for (const index of path) value = (value as Value[])[index];
  return value;
}

function setLeaf(fields: Value[], path: number[], leaf: Value): void {
  let container = fields;
  for (let i = 0; i < path.length - 1; i++) container = container[path[i]] as Value[];
  container[path[path.length - 1]] = leaf;
}

/** Reads a header of `type` at `bitOffset` into `header` (which becomes valid); `varbitBits` sizes the varbit field. */
export function headerReader(type: IrHeaderType): (input: Uint8Array, bitOffset: number, header: HeaderValue, varbitBits: number) => void {
  const nested = flattened(type);
  if (nested) {
    const read = headerReader(nested.flat);
    const scratch: HeaderValue = { valid: false, fields: nested.paths.map(() => 0) };
    return (input, bitOffset, header, varbitBits) => {
      read(input, bitOffset, scratch, varbitBits);
      nested.paths.forEach((path, i) => setLeaf(header.fields, path, scratch.fields[i]));
      header.valid = true;
    };
  }
  const layout = layoutOf(type);
  const signedness = type.fields.map((f) => f.type.kind === 'bit' && f.type.signed);
  const plain = layout.every((f) => !f.varbit && !f.bool) && !signedness.some((s) => s);
  const generic = genericHeaderReader(layout, signedness);
  if (!plain) return generic;
  // Plain headers read with a compiled grouped reader when the cursor is on a byte boundary (the usual case).
  const read = compileFieldReader(layout.map((f) => f.width));
  return (input, bitOffset, header, varbitBits) => {
    if ((bitOffset & 7) !== 0) return generic(input, bitOffset, header, varbitBits);
    read(input, bitOffset >> 3, header.fields as (number | bigint | boolean)[]);
    header.valid = true;
  };
}

function genericHeaderReader(
  layout: FieldLayout[],
  signedness: boolean[],
): (input: Uint8Array, bitOffset: number, header: HeaderValue, varbitBits: number) => void {
  return (input, bitOffset, header, varbitBits) => {
    let offset = bitOffset;
    const fields = header.fields;
    for (let i = 0; i < layout.length; i++) {
      const field = layout[i];
      if (field.varbit) {
        fields[i] = { width: varbitBits, value: varbitBits === 0 ? 0n : readBitsBig(input, offset, varbitBits) } satisfies VarbitValue;
        offset += varbitBits;
        continue;
      }
      let value: Value = field.width === 0 ? 0 : readBits(input, offset, field.width);
      if (field.bool) value = value !== 0;
      else if (signedness[i]) value = field.width > 32 ? BigInt.asIntN(field.width, value as bigint) : ((value as number) << (32 - field.width)) >> (32 - field.width);
      fields[i] = value;
      offset += field.width;
    }
    header.valid = true;
  };
}

function ensureOutput(compiler: Compiler, extraBits: number): void {
  const state = compiler.state;
  const needed = (state.outputBits + extraBits + 7) >> 3;
  if (needed > state.output.length) {
    const grown = new Uint8Array(Math.max(needed, state.output.length * 2));
    grown.set(state.output);
    state.output = grown;
  }
}

/** An emitter for any emittable type: headers (if valid), and structs, stacks, unions of them in order. */
export function emitterFor(compiler: Compiler, type: IrType): (value: Value) => void {
  const state = compiler.state;
  switch (type.kind) {
    case 'header': {
      const nested = flattened(type);
      if (nested) {
        const emit = emitterFor(compiler, nested.flat);
        const scratch: HeaderValue = { valid: true, fields: [] };
        return (value) => {
          const header = value as HeaderValue;
          if (!header.valid) return;
          scratch.fields = nested.paths.map((path) => leafAt(header.fields, path));
          scratch.padding = header.padding;
          emit(scratch);
        };
      }
      const layout = layoutOf(type);
      const fixed = type.fixedWidthBits;
      const padding = paddingBits(type);
      const plain = layout.every((f) => !f.varbit);
      const write = plain ? compileFieldWriter(layout.map((f) => f.width)) : undefined;
      return (value) => {
        const header = value as HeaderValue;
        if (!header.valid) return;
        if (write && (state.outputBits & 7) === 0) {
          ensureOutput(compiler, fixed + padding);
          write(state.output, state.outputBits >> 3, header.fields as (number | bigint | boolean)[]);
          if (padding > 0) writeBits(state.output, state.outputBits + fixed, padding, header.padding ?? 0);
          state.outputBits += fixed + padding;
          return;
        }
        let varbitBits = 0;
        for (let i = 0; i < layout.length; i++) if (layout[i].varbit) varbitBits += (header.fields[i] as VarbitValue).width;
        ensureOutput(compiler, fixed + varbitBits + padding);
        // Emitting over bytes that still hold data from an earlier packet: clear first.
        const startByte = state.outputBits >> 3;
        const endByte = (state.outputBits + fixed + varbitBits + padding + 7) >> 3;
        if ((state.outputBits & 7) === 0) state.output.fill(0, startByte, endByte);
        let offset = state.outputBits;
        for (let i = 0; i < layout.length; i++) {
          const field = layout[i];
          const fieldValue = header.fields[i];
          if (field.varbit) {
            const varbit = fieldValue as VarbitValue;
            writeBits(state.output, offset, varbit.width, varbit.value);
            offset += varbit.width;
            continue;
          }
          const raw = typeof fieldValue === 'boolean' ? (fieldValue ? 1 : 0) : (fieldValue as number | bigint);
          const unsigned = typeof raw === 'number' && raw < 0 ? raw >>> 0 : typeof raw === 'bigint' && raw < 0n ? BigInt.asUintN(field.width, raw) : raw;
          writeBits(state.output, offset, field.width, unsigned);
          offset += field.width;
        }
        if (padding > 0) writeBits(state.output, offset, padding, header.padding ?? 0);
        state.outputBits = offset + padding;
      };
    }
    case 'struct':
    case 'union':
    case 'tuple': {
      const types = type.kind === 'tuple' ? type.elements : type.fields.map((f) => f.type);
      const parts = types.map((t) => emitterFor(compiler, t));
      return (value) => {
        const members = value as Value[];
        for (let i = 0; i < parts.length; i++) parts[i](members[i]);
      };
    }
    case 'stack': {
      const element = emitterFor(compiler, type.element);
      return (value) => {
        for (const item of (value as StackValue).elements) element(item);
      };
    }
    default:
      return () => undefined;
  }
}

/**
 * extract(hdr) / extract(hdr, varbitSize) (P4_16 §12.8.2): PacketTooShort when
 * the packet ends before the header; HeaderTooShort when the varbit size
 * exceeds its maximum; ParserInvalidArgument when it is not a whole number of
 * bytes (BMv2 raises the same errors).
 */
export function compileExtract(
  compiler: Compiler,
  type: IrHeaderType,
  target: () => HeaderValue | undefined,
  afterExtract: (() => void) | undefined,
  varbitSize: (() => number) | undefined,
): Run {
  const state = compiler.state;
  const errors = compiler.errors;
  const read = headerReader(type);
  const fixed = type.fixedWidthBits;
  const varbitMax = type.maxWidthBits - type.fixedWidthBits;
  const padding = paddingBits(type);
  return () => {
    const header = target();
    if (!header) {
      state.parserError = errors.StackOutOfBounds;
      return REJECT;
    }
    const varbitBits = varbitSize ? varbitSize() : 0;
    // BMv2 (extract_VL): a size that is not whole bytes is ParserInvalidArgument,
    // checked before the size limit (test-parserinvalidargument-error-bmv2).
    if ((varbitBits & 7) !== 0) {
      state.parserError = errors.ParserInvalidArgument;
      return REJECT;
    }
    if (varbitBits > varbitMax) {
      state.parserError = errors.HeaderTooShort;
      return REJECT;
    }
    if (state.cursorBits + fixed + varbitBits + padding > state.input.length * 8) {
      state.parserError = errors.PacketTooShort;
      return REJECT;
    }
    read(state.input, state.cursorBits, header, varbitBits);
    // BMv2 extracts p4c's `_padding` field like any other and re-emits it.
    if (padding > 0) header.padding = readBitsNumber(state.input, state.cursorBits + fixed + varbitBits, padding);
    state.cursorBits += fixed + varbitBits + padding;
    if (afterExtract) afterExtract();
    return NORMAL;
  };
}

/** lookahead<T>() of a bit/int/bool or header type; undefined and a pending PacketTooShort when short. */
export function compileLookahead(compiler: Compiler, type: IrType): () => Value {
  const state = compiler.state;
  if (type.kind === 'header') {
    const read = headerReader(type);
    const bits = type.fixedWidthBits;
    return () => {
      const header = defaultValue(type) as HeaderValue;
      if (state.cursorBits + bits > state.input.length * 8) {
        state.pendingError = compiler.errors.PacketTooShort;
        return header;
      }
      read(state.input, state.cursorBits, header, 0);
      return header;
    };
  }
  const width = type.kind === 'bit' ? type.width : type.kind === 'bool' ? 1 : type.kind === 'enum' ? (type.underlying?.width ?? 0) : 0;
  const isBool = type.kind === 'bool';
  return () => {
    if (state.cursorBits + width > state.input.length * 8) {
      state.pendingError = compiler.errors.PacketTooShort;
      return isBool ? false : width > 32 ? 0n : 0;
    }
    const value = readBits(state.input, state.cursorBits, width);
    return isBool ? value !== 0 : value;
  };
}

export function isHeader(value: Value): value is HeaderValue {
  return isHeaderValue(value);
}
