// Sample values for every message type of our protos, shared by the proto and
// text format tests.

import protobuf from 'protobufjs';
import { p4runtimeRoot } from '../../src/p4rt/proto.js';

/** Buffers (decode) and Uint8Arrays (input) compare by content. */
export function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return { bytes: Array.from(value) };
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
  }
  return value;
}

/** Every message type declared in our packages (nested ones included). */
export function projectMessageTypes(): protobuf.Type[] {
  const found: protobuf.Type[] = [];
  const walk = (namespace: protobuf.NamespaceBase) => {
    for (const nested of namespace.nestedArray) {
      if (nested instanceof protobuf.Type) found.push(nested);
      if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) walk(nested);
    }
  };
  walk(p4runtimeRoot().lookup('p4') as protobuf.Namespace);
  return found;
}

/** A sample with every field set to a non-default value (first member of each oneof), bounded depth. */
export function sample(type: protobuf.Type, depth = 0): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  const skipped = new Set<string>();
  for (const oneof of type.oneofsArray) {
    // proto3 `optional` is a synthetic oneof with a single field: keep it.
    oneof.fieldsArray.slice(1).forEach((field) => skipped.add(field.name));
  }
  for (const field of type.fieldsArray) {
    if (skipped.has(field.name)) continue;
    field.resolve();
    let one: unknown;
    if (field.resolvedType instanceof protobuf.Type) {
      if (depth >= 3) continue;
      one = sample(field.resolvedType, depth + 1);
    } else if (field.resolvedType instanceof protobuf.Enum) {
      const names = Object.keys(field.resolvedType.values);
      one = names[names.length - 1];
    } else {
      one = scalarSample(field.type);
    }
    if (field.map) value[field.name] = { key_one: one };
    else value[field.name] = field.repeated ? [one, one] : one;
  }
  return value;
}

function scalarSample(kind: string): unknown {
  switch (kind) {
    case 'string':
      return 'text';
    case 'bytes':
      return new Uint8Array([0, 1, 0xff]);
    case 'bool':
      return true;
    case 'int64':
    case 'sint64':
    case 'sfixed64':
      return '-9007199254740993'; // beyond 2^53: must survive exactly
    case 'uint64':
    case 'fixed64':
      return '18446744073709551615';
    case 'int32':
    case 'sint32':
      return -7;
    default:
      return 7;
  }
}

