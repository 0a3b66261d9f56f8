// Canonical status codes and P4Runtime error values (P4Runtime 1.4 §10 "Error
// Reporting Messages"). Rejections are values (`P4Status`), never exceptions.
// The batch error report — a google.rpc.Status whose details are one
// p4.v1.Error per update, carried in the `grpc-status-details-bin` trailer —
// is encoded here by hand: the three messages are tiny and fixed by the spec,
// and this keeps the server independent of how the protos are loaded.

import protobuf from 'protobufjs/minimal.js';

export const Code = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;
export type Code = (typeof Code)[keyof typeof Code];

export const codeNames: Record<number, string> = Object.fromEntries(
  Object.entries(Code).map(([name, value]) => [value, name]),
);

export interface P4Status {
  code: Code;
  message: string;
}

export const ok: P4Status = Object.freeze({ code: Code.OK, message: '' }) as P4Status;

export function failure(code: Code, message: string): P4Status {
  return { code, message };
}

export type Result<T> = { ok: true; value: T } | { ok: false; status: P4Status };

export function success<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function rejection<T>(code: Code, message: string): Result<T> {
  return { ok: false, status: { code, message } };
}

export const p4ErrorTypeUrl = 'type.googleapis.com/p4.v1.Error';

/** One p4.v1.Error: canonical_code = 1, message = 2, space = 3, code = 4; OK is an empty message. */
export function encodeP4Error(status: P4Status, withMessage = true): Uint8Array {
  const writer = protobuf.Writer.create();
  if (status.code !== Code.OK) {
    writer.uint32((1 << 3) | 0).int32(status.code);
    if (withMessage && status.message) writer.uint32((2 << 3) | 2).string(status.message);
  }
  return writer.finish();
}

/**
 * google.rpc.Status { code = 1; message = 2; repeated Any details = 3 } with
 * one p4.v1.Error per update (§12.3: "the order of p4.Error messages must be
 * in the same order as the corresponding updates").
 */
export function encodeBatchStatus(code: Code, message: string, perUpdate: readonly P4Status[], withMessages = true): Uint8Array {
  const writer = protobuf.Writer.create();
  writer.uint32((1 << 3) | 0).int32(code);
  writer.uint32((2 << 3) | 2).string(message);
  for (const status of perUpdate) {
    writer.uint32((3 << 3) | 2).fork();
    writer.uint32((1 << 3) | 2).string(p4ErrorTypeUrl);
    writer.uint32((2 << 3) | 2).bytes(encodeP4Error(status, withMessages));
    writer.ldelim();
  }
  return writer.finish();
}

/**
 * Trailer budget for `grpc-status-details-bin`: base64 of 40,000 bytes stays
 * under the 64 KiB HTTP/2 header list a Node (grpc-js) peer accepts, and
 * grpc-js offers no way to raise it (P4Runtime appendix "gRPC Metadata
 * Maximum Size"). Over budget the per-update messages are dropped (codes
 * stay, ~38 bytes per update); still over, no details are sent at all.
 */
export const statusDetailsBudget = 40_000;

export function encodeBoundedBatchStatus(code: Code, message: string, perUpdate: readonly P4Status[]): Uint8Array | undefined {
  const full = encodeBatchStatus(code, message, perUpdate);
  if (full.length <= statusDetailsBudget) return full;
  const codesOnly = encodeBatchStatus(code, message, perUpdate, false);
  return codesOnly.length <= statusDetailsBudget ? codesOnly : undefined;
}

export interface DecodedBatchStatus {
  code: number;
  message: string;
  details: P4Status[];
}

/** Inverse of encodeBatchStatus; malformed input gives undefined (it comes from a peer). */
export function decodeBatchStatus(bytes: Uint8Array): DecodedBatchStatus | undefined {
  try {
    const reader = protobuf.Reader.create(bytes);
    const result: DecodedBatchStatus = { code: 0, message: '', details: [] };
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      switch (tag >>> 3) {
        case 1: result.code = reader.int32(); break;
        case 2: result.message = reader.string(); break;
        case 3: result.details.push(decodeAnyP4Error(reader.bytes())); break;
        default: reader.skipType(tag & 7);
      }
    }
    return result;
  } catch {
    return undefined;
  }
}

function decodeAnyP4Error(bytes: Uint8Array): P4Status {
  const reader = protobuf.Reader.create(bytes);
  let value: Uint8Array = new Uint8Array(0);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 2) value = reader.bytes();
    else reader.skipType(tag & 7);
  }
  const errorReader = protobuf.Reader.create(value);
  const status: P4Status = { code: Code.OK, message: '' };
  while (errorReader.pos < errorReader.len) {
    const tag = errorReader.uint32();
    switch (tag >>> 3) {
      case 1: status.code = errorReader.int32() as Code; break;
      case 2: status.message = errorReader.string(); break;
      default: errorReader.skipType(tag & 7);
    }
  }
  return status;
}
