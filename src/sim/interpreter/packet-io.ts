// packet_in / packet_out (P4_16 §12.8, §15): extraction, lookahead and
// advance over the input buffer, emission into the output buffer. Field
// layouts are compiled once per header type.

import type { HeaderValue, IrHeaderType, IrType, StackValue, Value, VarbitValue } from '../../p4c/ir.js';
import { compileFieldReader, compileFieldWriter, readBits, readBitsBig, writeBits } from './bits.js';
import { NORMAL, REJECT, type Compiler, type Run } from './context.js';
import { isHeaderValue } from './values.js';

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

/** Reads a header of `type` at `bitOffset` into `header` (which becomes valid); `varbitBits` sizes the varbit field. */
export function headerReader(type: IrHeaderType): (input: Uint8Array, bitOffset: number, header: HeaderValue, varbitBits: number) => void {
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
      const layout = layoutOf(type);
      const fixed = type.fixedWidthBits;
      const plain = layout.every((f) => !f.varbit);
      const write = plain ? compileFieldWriter(layout.map((f) => f.width)) : undefined;
      return (value) => {
        const header = value as HeaderValue;
        if (!header.valid) return;
        if (write && (state.outputBits & 7) === 0) {
          ensureOutput(compiler, fixed);
          write(state.output, state.outputBits >> 3, header.fields as (number | bigint | boolean)[]);
          state.outputBits += fixed;
          return;
        }
        let varbitBits = 0;
        for (let i = 0; i < layout.length; i++) if (layout[i].varbit) varbitBits += (header.fields[i] as VarbitValue).width;
        ensureOutput(compiler, fixed + varbitBits);
        // Emitting over bytes that still hold data from an earlier packet: clear first.
        const startByte = state.outputBits >> 3;
        const endByte = (state.outputBits + fixed + varbitBits + 7) >> 3;
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
        state.outputBits = offset;
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
 * exceeds its maximum (BMv2 raises the same errors).
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
  return () => {
    const header = target();
    if (!header) {
      state.parserError = errors.StackOutOfBounds;
      return REJECT;
    }
    const varbitBits = varbitSize ? varbitSize() : 0;
    if (varbitBits > varbitMax) {
      state.parserError = errors.HeaderTooShort;
      return REJECT;
    }
    if (state.cursorBits + fixed + varbitBits > state.input.length * 8) {
      state.parserError = errors.PacketTooShort;
      return REJECT;
    }
    read(state.input, state.cursorBits, header, varbitBits);
    state.cursorBits += fixed + varbitBits;
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
      const header: HeaderValue = { valid: false, fields: type.fields.map(() => 0) };
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
