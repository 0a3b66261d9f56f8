// v1model and core.p4 externs bound to closures: packet_in/packet_out,
// counters, meters, registers, hash, checksums, clone/resubmit/recirculate,
// digest, random, truncate, log_msg, assert/assume, verify, mark_to_drop.

import type { HeaderValue, IrArgument, IrCall, IrExpr, IrType, StackValue, Value } from '../../p4c/ir.js';
import { computeChecksum, checksumMatches } from '../externs/checksum.js';
import { hashWithOffset, numericHashFunction, type BitField, type HashFunction } from '../externs/hash.js';
import { compileFieldWriter, writeBits } from './bits.js';
import { randomInRange } from '../externs/random.js';
import { EXIT, NORMAL, REJECT, type Compiler, type Frame, type Get, type Run } from './context.js';
import { compileExpr, compileLvalue } from './expressions.js';
import { compileExtract, compileLookahead, emitterFor } from './packet-io.js';
import { defaultValue, fromBig, isHeaderValue, scalarShape, toBig } from './values.js';

/** Flattens a value of `type` into hash/checksum input fields; fields of invalid headers are left out (BMv2). */
export function bitFieldsOf(type: IrType, value: Value, out: BitField[]): void {
  switch (type.kind) {
    case 'bit':
      out.push({ value: value as number | bigint, width: type.width });
      return;
    case 'bool':
      out.push({ value: value ? 1 : 0, width: 1 });
      return;
    case 'enum':
      if (type.underlying) out.push({ value: value as number | bigint, width: type.underlying.width });
      return;
    case 'header': {
      const header = value as HeaderValue;
      if (!header.valid) return;
      type.fields.forEach((field, i) => bitFieldsOf(field.type, header.fields[i], out));
      return;
    }
    case 'varbit': {
      const varbit = value as { width: number; value: bigint };
      out.push({ value: varbit.value, width: varbit.width });
      return;
    }
    case 'struct':
    case 'union':
      type.fields.forEach((field, i) => bitFieldsOf(field.type, (value as Value[])[i], out));
      return;
    case 'tuple':
      type.elements.forEach((element, i) => bitFieldsOf(element, (value as Value[])[i], out));
      return;
    case 'stack':
      (value as { elements: Value[] }).elements.forEach((element) => bitFieldsOf(type.element, element, out));
      return;
    default:
      return;
  }
}

/**
 * A field-list argument (`{hdr.a, hdr.b}`) compiled to a packer producing the
 * BMv2 hash/checksum input bytes. Elements that are fields of a header are
 * skipped when that header is invalid, as BMv2's BufBuilder does. The output
 * buffer is reused: callers consume it before the next packet.
 */
function compileFieldList(compiler: Compiler, expr: IrExpr, frame: Frame): () => Uint8Array {
  const elements = expr.kind === 'list' || expr.kind === 'structInit' ? (expr.kind === 'list' ? expr.elements : expr.fields) : [expr];
  const parts = elements.map((element) => {
    const get = compileExpr(compiler, element, frame);
    const headerOfField = element.kind === 'field' && element.base.type.kind === 'header' ? compileExpr(compiler, element.base, frame) : undefined;
    const shape = element.type.kind === 'bit' || element.type.kind === 'bool' ? scalarShape(element.type) : undefined;
    return { get, type: element.type, headerOfField, width: shape?.width, isBool: element.type.kind === 'bool' };
  });
  let buffer: Uint8Array = new Uint8Array(64);
  const scratch: BitField[] = [];
  const generic = () => {
    let bits = 0;
    // Writes keep the other bits of a byte, so stale bits from the previous packet are cleared first.
    buffer.fill(0);
    for (const part of parts) {
      if (part.headerOfField) {
        const header = part.headerOfField();
        if (isHeaderValue(header) && !header.valid) continue;
      }
      scratch.length = 0;
      if (part.width !== undefined) scratch.push({ value: part.isBool ? (part.get() ? 1 : 0) : (part.get() as number | bigint), width: part.width });
      else bitFieldsOf(part.type, part.get(), scratch);
      for (const field of scratch) {
        if ((bits + field.width + 7) >> 3 > buffer.length) buffer = grow(buffer, bits + field.width);
        writeBits(buffer, bits, field.width, field.value);
        bits += field.width;
      }
    }
    return buffer.subarray(0, (bits + 7) >> 3);
  };
  if (!parts.every((p) => p.width !== undefined)) return generic;
  // Fast path: every element is a scalar; when none is skipped the layout is static.
  const widths = parts.map((p) => p.width!);
  const totalBytes = (widths.reduce((a, b) => a + b, 0) + 7) >> 3;
  const writer = compileFieldWriter(widths);
  const values: (number | bigint | boolean)[] = new Array(parts.length);
  const staticBuffer = new Uint8Array(totalBytes);
  const headerChecks = parts.map((p) => p.headerOfField).filter((h): h is Get => h !== undefined);
  return () => {
    for (let i = 0; i < headerChecks.length; i++) {
      const header = headerChecks[i]();
      if (isHeaderValue(header) && !header.valid) return generic();
    }
    for (let i = 0; i < parts.length; i++) values[i] = parts[i].get() as number | bigint | boolean;
    if (totalBytes > 0) staticBuffer[totalBytes - 1] = 0;
    writer(staticBuffer, 0, values);
    return staticBuffer;
  };
}

function grow(buffer: Uint8Array, bits: number): Uint8Array {
  const grown = new Uint8Array(Math.max(buffer.length * 2, (bits + 7) >> 3));
  grown.set(buffer);
  return grown;
}

/**
 * The deprecated forms take the preserved fields as an expression
 * (`resubmit(meta)`, `clone3(t, s, { meta.a, meta.b })`); p4c turns it into a
 * field list of the user-metadata fields named. Each element that is the
 * metadata struct or a field path inside it becomes a path; the list is
 * registered under an index ≥ 256 that the pipeline resolves.
 */
function inlineFieldList(compiler: Compiler, expr: IrExpr | undefined): number {
  const paths: number[][] = [];
  const elements = !expr ? [] : expr.kind === 'list' || expr.kind === 'structInit' ? (expr.kind === 'list' ? expr.elements : expr.fields) : [expr];
  for (const element of elements) {
    const path: number[] = [];
    let node: IrExpr = element;
    while (node.kind === 'field') {
      path.unshift(node.index);
      node = node.base;
    }
    if (node.kind === 'var' && node.type.kind === 'struct' && node.type.name === compiler.runtime.metaTypeName) paths.push(path);
  }
  compiler.runtime.inlineFieldLists.push(paths);
  return 256 + compiler.runtime.inlineFieldLists.length - 1;
}

function argument(call: IrCall, index: number): IrArgument {
  return call.args[index];
}

function constantEnumName(arg: IrArgument | undefined): string | undefined {
  if (!arg?.value || arg.value.kind !== 'const' || arg.type.kind !== 'enum') return undefined;
  return arg.type.members[Number(arg.value.value)];
}

function widthOfType(type: IrType): number {
  return scalarShape(type)?.width ?? 32;
}

/** Writes a bigint into an lvalue of a bit/int type, wrapping to its width. */
function setScalar(compiler: Compiler, expr: IrExpr | undefined, frame: Frame): ((value: bigint) => void) | undefined {
  if (!expr) return undefined;
  const target = compileLvalue(compiler, expr, frame);
  const shape = scalarShape(expr.type) ?? { width: 32, signed: false };
  if (expr.type.kind === 'bool') return (value) => target.set(value !== 0n);
  return (value) => target.set(fromBig(value, shape.width, shape.signed));
}

function numberGetter(get: Get): () => number {
  return () => Number(get());
}

function hashByAlgorithm(compiler: Compiler, algorithmArg: IrArgument, frame: Frame): () => HashFunction {
  const runtime = compiler.runtime;
  const zero: HashFunction = () => 0n;
  const name = constantEnumName(algorithmArg);
  if (name) {
    if (!runtime.hash(name)) compiler.problems.push({ message: `hash algorithm ${name} is not supported` });
    // Looked up per use: the control plane may change the custom CRC parameters.
    return () => runtime.hash(name) ?? zero;
  }
  const get = compileExpr(compiler, algorithmArg.value!, frame);
  const type = algorithmArg.type;
  return () => runtime.hash(type.kind === 'enum' ? (type.members[Number(get())] ?? '') : '') ?? zero;
}

export function compileExternCall(compiler: Compiler, call: IrCall, frame: Frame): Run {
  const callee = call.callee;
  if (callee.kind === 'externMethod') return compileExternMethod(compiler, call, frame);
  if (callee.kind !== 'externFunction') throw new Error('internal: not an extern call');
  const { state, runtime } = compiler;
  const arg = (i: number) => argument(call, i);
  const value = (i: number) => compileExpr(compiler, arg(i).value!, frame);
  const sm = runtime.standardMetadata;
  switch (callee.name) {
    case 'mark_to_drop': {
      // BMv2: egress_spec := drop port (511) and mcast_grp := 0.
      const target = call.args.length > 0 ? value(0) : () => state.standardMetadata;
      return () => {
        const metadata = target() as Value[];
        if (sm.egress_spec >= 0) metadata[sm.egress_spec] = runtime.dropPort;
        if (sm.mcast_grp >= 0) metadata[sm.mcast_grp] = 0;
        if (state.trace) state.trace.push({ kind: 'drop', reason: 'mark_to_drop' });
        return NORMAL;
      };
    }
    case 'hash': {
      const set = setScalar(compiler, arg(0).value, frame);
      const algorithm = hashByAlgorithm(compiler, arg(1), frame);
      const base = value(2);
      const data = compileFieldList(compiler, arg(3).value!, frame);
      const max = value(4);
      return () => {
        const h = algorithm()(data());
        set?.(hashWithOffset(h, toBig(base()), toBig(max())));
        return NORMAL;
      };
    }
    case 'verify_checksum':
    case 'verify_checksum_with_payload':
    case 'update_checksum':
    case 'update_checksum_with_payload': {
      const condition = value(0);
      const data = compileFieldList(compiler, arg(1).value!, frame);
      const checksumExpr = arg(2).value!;
      const width = widthOfType(checksumExpr.type);
      const algorithm = hashByAlgorithm(compiler, arg(3), frame);
      const withPayload = callee.name.endsWith('_with_payload');
      const payload = () => (withPayload ? state.input.subarray(state.cursorBits >> 3) : undefined);
      const numeric = width <= 32 && !withPayload ? numericHashFunction(constantEnumName(arg(3)) ?? '') : undefined;
      const widthMask = width === 32 ? -1 : (1 << width) - 1;
      if (callee.name.startsWith('verify')) {
        const stored = compileExpr(compiler, checksumExpr, frame);
        const fail = () => {
          if (sm.checksum_error >= 0) state.standardMetadata[sm.checksum_error] = 1;
        };
        if (numeric) {
          // Fast path: csum16/crc over ≤ 32 bits in plain numbers.
          return () => {
            if (condition() && ((numeric(data()) & widthMask) >>> 0) !== ((stored() as number) >>> 0)) fail();
            return NORMAL;
          };
        }
        return () => {
          if (condition() && !checksumMatches(algorithm(), data(), toBig(stored()), width, payload())) fail();
          return NORMAL;
        };
      }
      const target = compileLvalue(compiler, checksumExpr, frame);
      if (numeric && checksumExpr.type.kind === 'bit' && !checksumExpr.type.signed) {
        return () => {
          if (condition()) target.set((numeric(data()) & widthMask) >>> 0);
          return NORMAL;
        };
      }
      const set = setScalar(compiler, checksumExpr, frame)!;
      return () => {
        if (condition()) set(computeChecksum(algorithm(), data(), width, payload()));
        return NORMAL;
      };
    }
    case 'verify': {
      // core.p4 verify(bool, error): reject with the error when false (P4_16 §12.8.1).
      const condition = value(0);
      const error = value(1);
      return () => {
        if (condition()) return NORMAL;
        state.parserError = Number(error());
        return REJECT;
      };
    }
    case 'clone':
    case 'clone3':
    case 'clone_preserving_field_list': {
      const session = numberGetter(value(1));
      const inline = callee.name === 'clone3' ? inlineFieldList(compiler, arg(2).value) : -1;
      const fieldList = callee.name === 'clone_preserving_field_list' ? numberGetter(value(2)) : () => inline;
      return () => {
        state.cloneRequested = true;
        state.cloneSession = session();
        state.cloneFieldList = fieldList();
        return NORMAL;
      };
    }
    case 'resubmit':
    case 'resubmit_preserving_field_list':
    case 'recirculate':
    case 'recirculate_preserving_field_list': {
      const inline = callee.name.endsWith('_preserving_field_list') ? -1 : inlineFieldList(compiler, arg(0).value);
      const fieldList = callee.name.endsWith('_preserving_field_list') ? numberGetter(value(0)) : () => inline;
      const resubmit = callee.name.startsWith('resubmit');
      return () => {
        if (resubmit) state.resubmitFieldList = fieldList();
        else state.recirculateFieldList = fieldList();
        return NORMAL;
      };
    }
    case 'truncate': {
      const length = numberGetter(value(0));
      return () => {
        state.truncateLength = length();
        return NORMAL;
      };
    }
    case 'random': {
      const set = setScalar(compiler, arg(0).value, frame);
      const low = value(1);
      const high = value(2);
      return () => {
        set?.(randomInRange(runtime.random, toBig(low()), toBig(high())));
        return NORMAL;
      };
    }
    case 'digest': {
      const dataType = arg(1).type;
      const digestIndex = compiler.program.digests.findIndex((d) => d.name === (dataType.kind === 'struct' ? dataType.name : ''));
      const read = value(1);
      return () => {
        state.digestRequest = { digest: digestIndex, read };
        return NORMAL;
      };
    }
    case 'log_msg': {
      const format = value(0);
      const data = call.args.length > 1 ? value(1) : undefined;
      return () => {
        const values = data ? (data() as Value[]) : [];
        let next = 0;
        const message = String(format()).replace(/\{\}/g, () => formatValue(values[next++]));
        runtime.log(message);
        if (state.trace) state.trace.push({ kind: 'log', message });
        return NORMAL;
      };
    }
    case 'assert':
    case 'assume': {
      // BMv2 aborts the whole switch process on a failed assert; we drop the packet and report.
      const condition = value(0);
      const where = `${call.loc.file}:${call.loc.line}`;
      return () => {
        if (condition()) return NORMAL;
        state.assertionFailed = `${callee.name} failed at ${where}`;
        return EXIT;
      };
    }
    default:
      compiler.problems.push({ message: `extern function ${callee.name} is not supported by the embedded switch` });
      return () => NORMAL;
  }
}

function formatValue(value: Value | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return String(value);
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

function compileExternMethod(compiler: Compiler, call: IrCall, frame: Frame): Run {
  const callee = call.callee as Extract<IrCall['callee'], { kind: 'externMethod' }>;
  const { state, runtime } = compiler;
  const arg = (i: number) => argument(call, i);
  const value = (i: number) => compileExpr(compiler, arg(i).value!, frame);
  const object = callee.target.kind === 'instance' ? runtime.externs[callee.target.instance] : undefined;
  const method = `${callee.externType}.${callee.method}`;
  switch (method) {
    case 'packet_in.extract': {
      const varbitSize = call.args.length > 1 ? numberGetter(value(1)) : undefined;
      const headerExpr = arg(0).value;
      if (!headerExpr) {
        // extract<T>(_) (P4_16 §8.3 don't-care argument): p4c extracts into a fresh temporary.
        const type = arg(0).type;
        if (type.kind !== 'header') break;
        return compileExtract(compiler, type, () => defaultValue(type) as HeaderValue, undefined, varbitSize);
      }
      const type = headerExpr.type;
      if (type.kind !== 'header') break;
      if (headerExpr.kind === 'stackNext') {
        // extract(stack.next): StackOutOfBounds when full, then nextIndex advances (P4_16 §8.18).
        const stack = compileExpr(compiler, headerExpr.base, frame);
        const current = () => {
          const s = stack() as { elements: Value[]; nextIndex: number };
          return s.nextIndex < s.elements.length ? (s.elements[s.nextIndex] as HeaderValue) : undefined;
        };
        const advance = () => {
          (stack() as { nextIndex: number }).nextIndex++;
        };
        return compileExtract(compiler, type, current, advance, varbitSize);
      }
      if (headerExpr.kind === 'field' && headerExpr.base.kind === 'stackNext' && headerExpr.base.type.kind === 'union') {
        // extract(unions.next.member): the member of the next union, whose other members become
        // invalid; then nextIndex advances (BMv2 extract_union_stack; issue561-6-bmv2).
        const stack = compileExpr(compiler, headerExpr.base.base, frame);
        const member = headerExpr.index;
        let union: HeaderValue[] | undefined;
        const current = () => {
          const s = stack() as StackValue;
          union = s.nextIndex < s.elements.length ? (s.elements[s.nextIndex] as HeaderValue[]) : undefined;
          return union?.[member];
        };
        const advance = () => {
          for (let i = 0; i < union!.length; i++) if (i !== member) union![i].valid = false;
          (stack() as StackValue).nextIndex++;
        };
        return compileExtract(compiler, type, current, advance, varbitSize);
      }
      const target = compileExpr(compiler, headerExpr, frame);
      if (headerExpr.kind === 'field' && headerExpr.base.type.kind === 'union') {
        // P4_16 §8.17: extracting into one union member leaves the others invalid.
        const union = compileExpr(compiler, headerExpr.base, frame);
        const member = headerExpr.index;
        const invalidateOthers = () => {
          const members = union() as HeaderValue[];
          for (let i = 0; i < members.length; i++) if (i !== member) members[i].valid = false;
        };
        return compileExtract(compiler, type, () => target() as HeaderValue, invalidateOthers, varbitSize);
      }
      return compileExtract(compiler, type, () => target() as HeaderValue, undefined, varbitSize);
    }
    case 'packet_in.lookahead': {
      const read = compileLookahead(compiler, callee.typeArgs[0] ?? call.args[0]?.type);
      return () => {
        state.returnValue = read();
        return NORMAL;
      };
    }
    case 'packet_in.advance': {
      const bits = numberGetter(value(0));
      return () => {
        const next = state.cursorBits + bits();
        if (next > state.input.length * 8) {
          state.parserError = compiler.errors.PacketTooShort;
          return REJECT;
        }
        state.cursorBits = next;
        return NORMAL;
      };
    }
    case 'packet_in.length':
      return () => {
        state.returnValue = state.input.length >>> 0;
        return NORMAL;
      };
    case 'packet_out.emit': {
      const emit = emitterFor(compiler, arg(0).type);
      const get = value(0);
      return () => {
        emit(get());
        return NORMAL;
      };
    }
    case 'counter.count': {
      const counter = object?.counter;
      const index = numberGetter(value(0));
      return () => {
        counter?.count(index(), state.packetLength);
        return NORMAL;
      };
    }
    case 'direct_counter.count':
      // BMv2 counts direct counters on every hit of the owning table; the call itself does nothing.
      return () => NORMAL;
    case 'meter.execute_meter': {
      const meter = object?.meter;
      const index = numberGetter(value(0));
      const set = setScalar(compiler, arg(1).value, frame);
      return () => {
        const color = meter?.execute(index(), state.nowMicroseconds, state.packetLength);
        if (color !== undefined) set?.(BigInt(color));
        return NORMAL;
      };
    }
    case 'direct_meter.read': {
      const set = setScalar(compiler, arg(0).value, frame);
      return () => {
        if (state.directMeterColor !== undefined) set?.(BigInt(state.directMeterColor));
        return NORMAL;
      };
    }
    case 'register.read': {
      const register = object?.register;
      const set = setScalar(compiler, arg(0).value, frame);
      const index = numberGetter(value(1));
      return () => {
        const cell = register?.read(index());
        if (cell !== undefined) set?.(cell);
        return NORMAL;
      };
    }
    case 'register.write': {
      const register = object?.register;
      const index = numberGetter(value(0));
      const data = value(1);
      return () => {
        register?.write(index(), toBig(data()));
        return NORMAL;
      };
    }
    default:
      break;
  }
  compiler.problems.push({ message: `extern method ${method} is not supported by the embedded switch` });
  return () => NORMAL;
}
