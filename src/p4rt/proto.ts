// Loads the P4Runtime protos (src/p4rt/proto/) once with protobufjs and offers
// encode/decode helpers plus a @grpc/grpc-js service definition built from
// protobufjs reflection (no @grpc/proto-loader).
//
// Object conventions, the same everywhere in the project (CONVERSION below):
// - field names are the proto field names (`keepCase: true`): `table_id`,
//   `match_fields`, so text format, JSON and code all use one spelling;
// - 64-bit integers (int64/uint64) are decimal strings (`longs: String`):
//   exact for any value, turn into bigint with `BigInt(s)`; on the way in a
//   number, string or bigint-derived string is accepted;
// - enums are value names (`enums: String`); numbers are accepted on input;
// - bytes are Uint8Array (Node Buffers on decode);
// - fields not on the wire are absent (`defaults: false`) and there are no
//   virtual oneof-name properties: test `if (entity.table_entry)`.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import type * as grpc from '@grpc/grpc-js';
import type { P4InfoObject } from '../p4c/p4info/types.js';

export type { P4InfoObject } from '../p4c/p4info/types.js';

/** toObject options used for every decode in the project. */
export const CONVERSION: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  defaults: false,
  oneofs: false,
};

/** Our .proto files, relative to the proto root. */
const PROJECT_FILES = ['p4/v1/p4runtime.proto', 'p4/config/v1/p4info.proto', 'p4/v1/p4data.proto'];

/** Where src/p4rt/proto lives, both from src/ (tsx, vitest) and from a bundle in dist/. */
function projectProtoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'proto'), join(here, '..', 'src', 'p4rt', 'proto'), join(here, '..', '..', 'src', 'p4rt', 'proto')];
  for (const candidate of candidates) {
    if (existsSync(join(candidate, PROJECT_FILES[0]))) return candidate;
  }
  throw new Error(`P4Runtime protos not found next to ${here}`);
}

/** google/protobuf/any.proto and google/rpc/status.proto come from google-proto-files. */
function googleProtoRoot(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('google-proto-files/package.json'));
}

let cachedRoot: protobuf.Root | undefined;

/** The resolved protobufjs Root holding p4.v1, p4.config.v1, google.protobuf, google.rpc. */
export function p4runtimeRoot(): protobuf.Root {
  if (cachedRoot) return cachedRoot;
  const projectRoot = projectProtoRoot();
  const googleRoot = googleProtoRoot();
  const root = new protobuf.Root();
  // Imports are written relative to a proto root ("p4/config/v1/p4info.proto",
  // "google/rpc/status.proto"); map each to the directory that holds it.
  root.resolvePath = (_origin: string, target: string): string => {
    if (target.startsWith('/') || existsSync(target)) return target;
    const own = join(projectRoot, target);
    if (existsSync(own)) return own;
    return join(googleRoot, target);
  };
  root.loadSync(PROJECT_FILES, { keepCase: true });
  root.resolveAll();
  cachedRoot = root;
  return root;
}

/** A message type by fully-qualified name, e.g. `p4.v1.TableEntry`. Throws if unknown (a bug). */
export function messageType(fullName: string): protobuf.Type {
  return p4runtimeRoot().lookupType(fullName.replace(/^\./, ''));
}

/** An enum by fully-qualified name, e.g. `p4.config.v1.MatchField.MatchType`. */
export function enumType(fullName: string): protobuf.Enum {
  return p4runtimeRoot().lookupEnum(fullName.replace(/^\./, ''));
}

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Encode a plain object (project conventions) as protobuf binary. protobufjs
 * writes every field the object sets, even to its default value; with
 * `canonical` such proto3 fields are left out as protoc does, so the bytes
 * equal protoc's (P4Info binaries byte-comparable with p4c's .bin files).
 */
export function encodeMessage(fullName: string, value: object, options: { canonical?: boolean } = {}): Uint8Array {
  return encodeWith(messageType(fullName), value, options.canonical ?? false);
}

function encodeWith(type: protobuf.Type, value: object, canonical: boolean): Uint8Array {
  const message = type.fromObject(value as Record<string, unknown>);
  if (canonical) dropDefaults(type, message as unknown as Record<string, unknown>);
  return type.encode(message).finish();
}

function dropDefaults(type: protobuf.Type, message: Record<string, unknown>): void {
  for (const field of type.fieldsArray) {
    if (!Object.prototype.hasOwnProperty.call(message, field.name)) continue;
    const value = message[field.name];
    field.resolve();
    if (field.resolvedType instanceof protobuf.Type) {
      const nested = field.resolvedType;
      if (field.map) for (const entry of Object.values(value as object)) dropDefaults(nested, entry);
      else if (field.repeated) for (const element of value as Record<string, unknown>[]) dropDefaults(nested, element);
      else if (value) dropDefaults(nested, value as Record<string, unknown>);
    } else if (!field.repeated && !field.map && !field.partOf && isDefaultScalar(value)) {
      delete message[field.name];
    }
  }
}

function isDefaultScalar(value: unknown): boolean {
  if (value instanceof Uint8Array) return value.length === 0;
  if (value !== null && typeof value === 'object' && 'low' in value && 'high' in value) {
    const long = value as { low: number; high: number };
    return long.low === 0 && long.high === 0;
  }
  return value === 0 || value === '' || value === false;
}

/** Decode protobuf binary; malformed input is a value, not an exception. */
export function decodeMessage<T = Record<string, unknown>>(fullName: string, bytes: Uint8Array): DecodeResult<T> {
  const type = messageType(fullName);
  try {
    return { ok: true, value: type.toObject(type.decode(bytes), CONVERSION) as T };
  } catch (error) {
    return { ok: false, error: `${fullName}: ${(error as Error).message}` };
  }
}

/** Normalize a plain object through the message type (drops unknown keys, converts longs/enums). */
export function normalizeMessage<T = Record<string, unknown>>(fullName: string, value: object): T {
  const type = messageType(fullName);
  return type.toObject(type.fromObject(value as Record<string, unknown>), CONVERSION) as T;
}

/** P4Info binary, canonical (protoc-identical) so equal P4Info gives equal bytes. */
export function encodeP4Info(info: P4InfoObject): Uint8Array {
  return encodeMessage('p4.config.v1.P4Info', info, { canonical: true });
}

export function decodeP4Info(bytes: Uint8Array): DecodeResult<P4InfoObject> {
  return decodeMessage<P4InfoObject>('p4.config.v1.P4Info', bytes);
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * The P4Runtime service for `grpc.Server.addService` and `grpc.makeClientConstructor`.
 * Keys are the proto method names (Write, Read, ...); implementations may use
 * either those or lower camel case (originalName). Messages cross the boundary as
 * plain objects with the CONVERSION conventions.
 */
export function p4runtimeServiceDefinition(): grpc.ServiceDefinition {
  const service = p4runtimeRoot().lookupService('p4.v1.P4Runtime');
  const definition: Record<string, grpc.MethodDefinition<object, object>> = {};
  for (const method of service.methodsArray) {
    method.resolve();
    const requestType = method.resolvedRequestType as protobuf.Type;
    const responseType = method.resolvedResponseType as protobuf.Type;
    definition[method.name] = {
      path: `/p4.v1.P4Runtime/${method.name}`,
      requestStream: method.requestStream === true,
      responseStream: method.responseStream === true,
      requestSerialize: (value: object) => serialize(requestType, value),
      requestDeserialize: (bytes: Buffer) => deserialize(requestType, bytes),
      responseSerialize: (value: object) => serialize(responseType, value),
      responseDeserialize: (bytes: Buffer) => deserialize(responseType, bytes),
      originalName: lowerFirst(method.name),
    };
  }
  return definition;
}

function serialize(type: protobuf.Type, value: object): Buffer {
  const bytes = encodeWith(type, value, false);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// grpc-js turns an exception thrown here into an INTERNAL status for the call,
// which is the right answer to an undecodable message from a peer.
function deserialize(type: protobuf.Type, bytes: Buffer): object {
  return type.toObject(type.decode(bytes), CONVERSION);
}
