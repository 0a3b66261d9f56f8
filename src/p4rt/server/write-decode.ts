// WriteRequest decoder for the Write hot path. protobufjs `decode` followed
// by `toObject` builds every message twice and converts each 64-bit field
// through Long and a decimal string; for table-entry batches that was about
// half of the server's CPU per entry. This decoder reads the wire format once into the
// plain-object shape of messages.ts (fields absent when not on the wire,
// bytes as views, enums as numbers, 64-bit integers as bigint — all accepted
// by the accessors there).
//
// Only table entries with their common fields are decoded by hand. An
// Entity holding anything else (other entity kinds, direct resources,
// one-shot action sets, `other` match kinds, unknown fields) is decoded by
// protobufjs from its own bytes, so rare shapes keep protobufjs semantics
// exactly. Malformed input is a value, never an exception.

import type protobuf from 'protobufjs';
import { CONVERSION, messageType, type DecodeResult } from '../proto.js';
import type {
  ActionMessage, EntityMessage, FieldMatchMessage, TableActionMessage, TableEntryMessage, UpdateMessage, WriteRequestMessage,
} from './messages.js';
import { WireReader, WireType } from './wire.js';

let entityType: protobuf.Type | undefined;
let writeRequestType: protobuf.Type | undefined;

/** A nested decoder returns this when the message needs the protobufjs path. */
const fallback = undefined;

function decodeBytesField(reader: WireReader, wireType: number): Uint8Array | undefined {
  return wireType === WireType.lengthDelimited ? reader.bytesView() : fallback;
}

/** FieldMatch.{Exact,Optional} { value = 1 }, Ternary { value = 1; mask = 2 }, LPM { value = 1; prefix_len = 2 }, Range { low = 1; high = 2 }. */
function decodeMatchKind(reader: WireReader, kind: number, end: number): object | undefined {
  const result: Record<string, Uint8Array | number> = {};
  while (reader.pos < end && !reader.failed) {
    const tag = reader.varint();
    if (tag === ((1 << 3) | WireType.lengthDelimited)) result[kind === 6 ? 'low' : 'value'] = reader.bytesView();
    else if (tag === ((2 << 3) | WireType.lengthDelimited) && kind === 3) result.mask = reader.bytesView();
    else if (tag === ((2 << 3) | WireType.lengthDelimited) && kind === 6) result.high = reader.bytesView();
    else if (tag === ((2 << 3) | WireType.varint) && kind === 4) result.prefix_len = reader.int32();
    else return fallback;
  }
  return reader.pos === end ? result : fallback;
}

const matchKindNames: Record<number, 'exact' | 'ternary' | 'lpm' | 'range' | 'optional'> = {
  2: 'exact', 3: 'ternary', 4: 'lpm', 6: 'range', 7: 'optional',
};

function decodeFieldMatch(reader: WireReader, end: number): FieldMatchMessage | undefined {
  const match: FieldMatchMessage = {};
  while (reader.pos < end && !reader.failed) {
    const tag = reader.varint();
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (field === 1 && wireType === WireType.varint) {
      match.field_id = reader.uint32();
      continue;
    }
    const kind = matchKindNames[field];
    if (kind === undefined || wireType !== WireType.lengthDelimited) return fallback;
    const kindEnd = reader.length() + reader.pos;
    const value = decodeMatchKind(reader, field, kindEnd);
    if (value === fallback) return fallback;
    (match as Record<string, object>)[kind] = value;
  }
  return reader.pos === end ? match : fallback;
}

/** Action { action_id = 1; repeated Param params = 4 { param_id = 2; value = 3 } }. */
function decodeAction(reader: WireReader, end: number): ActionMessage | undefined {
  const action: ActionMessage = {};
  while (reader.pos < end && !reader.failed) {
    const tag = reader.varint();
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (field === 1 && wireType === WireType.varint) {
      action.action_id = reader.uint32();
    } else if (field === 4 && wireType === WireType.lengthDelimited) {
      const paramEnd = reader.length() + reader.pos;
      const param: { param_id?: number; value?: Uint8Array } = {};
      while (reader.pos < paramEnd && !reader.failed) {
        const paramTag = reader.varint();
        if (paramTag === ((2 << 3) | WireType.varint)) param.param_id = reader.uint32();
        else if (paramTag === ((3 << 3) | WireType.lengthDelimited)) param.value = reader.bytesView();
        else return fallback;
      }
      if (reader.pos !== paramEnd) return fallback;
      (action.params ??= []).push(param);
    } else {
      return fallback;
    }
  }
  return reader.pos === end ? action : fallback;
}

/** TableAction { action = 1; action_profile_member_id = 2; action_profile_group_id = 3 } (action sets: protobufjs). */
function decodeTableAction(reader: WireReader, end: number): TableActionMessage | undefined {
  const tableAction: TableActionMessage = {};
  while (reader.pos < end && !reader.failed) {
    const tag = reader.varint();
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (field === 1 && wireType === WireType.lengthDelimited) {
      const actionEnd = reader.length() + reader.pos;
      const action = decodeAction(reader, actionEnd);
      if (action === fallback) return fallback;
      tableAction.action = action;
    } else if (field === 2 && wireType === WireType.varint) {
      tableAction.action_profile_member_id = reader.uint32();
    } else if (field === 3 && wireType === WireType.varint) {
      tableAction.action_profile_group_id = reader.uint32();
    } else {
      return fallback;
    }
  }
  return reader.pos === end ? tableAction : fallback;
}

function decodeTableEntry(reader: WireReader, end: number): TableEntryMessage | undefined {
  const entry: TableEntryMessage = {};
  while (reader.pos < end && !reader.failed) {
    const tag = reader.varint();
    const field = tag >>> 3;
    const wireType = tag & 7;
    switch (wireType === WireType.varint ? field : wireType === WireType.lengthDelimited ? -field : 0) {
      case 1: entry.table_id = reader.uint32(); break;
      case -2: {
        const matchEnd = reader.length() + reader.pos;
        const match = decodeFieldMatch(reader, matchEnd);
        if (match === fallback) return fallback;
        (entry.match ??= []).push(match);
        break;
      }
      case -3: {
        const actionEnd = reader.length() + reader.pos;
        const action = decodeTableAction(reader, actionEnd);
        if (action === fallback) return fallback;
        entry.action = action;
        break;
      }
      case 4: entry.priority = reader.int32(); break;
      case 5: entry.controller_metadata = reader.long(false); break;
      case 8: entry.is_default_action = reader.varint() !== 0; break;
      case 9: entry.idle_timeout_ns = reader.long(true); break;
      case -11: entry.metadata = decodeBytesField(reader, wireType); break;
      case 13: entry.is_const = reader.varint() !== 0; break;
      default: return fallback;
    }
  }
  return reader.pos === end ? entry : fallback;
}

/** Entity: a lone table_entry (field 2) by hand, anything else through protobufjs. */
function decodeEntity(reader: WireReader): EntityMessage | undefined {
  const end = reader.length() + reader.pos;
  if (reader.failed) return fallback;
  const start = reader.pos;
  let entity: EntityMessage | undefined;
  if (start < end && reader.varint() === ((2 << 3) | WireType.lengthDelimited)) {
    const entryEnd = reader.length() + reader.pos;
    if (entryEnd === end && !reader.failed) {
      const entry = decodeTableEntry(reader, entryEnd);
      if (entry !== fallback && !reader.failed) entity = { table_entry: entry };
    }
  }
  reader.pos = end;
  if (entity) return entity;
  entityType ??= messageType('p4.v1.Entity');
  const view = new Uint8Array(reader.bytes.buffer, reader.bytes.byteOffset + start, end - start);
  // protobufjs throws on malformed input; the caller turns that into an error value.
  return entityType.toObject(entityType.decode(view), CONVERSION) as EntityMessage;
}

/** Update { type = 1; entity = 2 }. */
function decodeUpdate(reader: WireReader, end: number): UpdateMessage {
  const update: UpdateMessage = {};
  while (reader.pos < end && !reader.failed) {
    const tag = reader.varint();
    if (tag === ((1 << 3) | WireType.varint)) update.type = reader.int32();
    else if (tag === ((2 << 3) | WireType.lengthDelimited)) update.entity = decodeEntity(reader);
    else reader.skip(tag & 7);
  }
  // A nested message that ran past this one is malformed.
  if (reader.pos !== end) reader.invalid();
  return update;
}

/** Uint128 { high = 1; low = 2 }. */
function decodeUint128(reader: WireReader): { high?: bigint; low?: bigint } {
  const end = reader.length() + reader.pos;
  const value: { high?: bigint; low?: bigint } = {};
  while (reader.pos < end && !reader.failed) {
    const tag = reader.varint();
    if (tag === ((1 << 3) | WireType.varint)) value.high = reader.long(false);
    else if (tag === ((2 << 3) | WireType.varint)) value.low = reader.long(false);
    else reader.skip(tag & 7);
  }
  if (reader.pos !== end) reader.invalid();
  return value;
}

/**
 * WriteRequest { device_id = 1; role_id = 2; election_id = 3; updates = 4;
 * atomicity = 5; role = 6 }. Unknown fields are skipped (proto3).
 */
export function decodeWriteRequest(bytes: Uint8Array): DecodeResult<WriteRequestMessage> {
  try {
    const reader = new WireReader(bytes, 0, bytes.length);
    const request: WriteRequestMessage = {};
    while (reader.more()) {
      const tag = reader.varint();
      switch (tag) {
        case (1 << 3) | WireType.varint: request.device_id = reader.long(false); break;
        case (2 << 3) | WireType.varint: request.role_id = reader.long(false); break;
        case (3 << 3) | WireType.lengthDelimited: request.election_id = decodeUint128(reader); break;
        case (4 << 3) | WireType.lengthDelimited: {
          const end = reader.length() + reader.pos;
          (request.updates ??= []).push(decodeUpdate(reader, end));
          break;
        }
        case (5 << 3) | WireType.varint: request.atomicity = reader.int32(); break;
        case (6 << 3) | WireType.lengthDelimited: request.role = reader.string(); break;
        default: reader.skip(tag & 7);
      }
    }
    if (reader.failed) return { ok: false, error: 'p4.v1.WriteRequest: malformed protobuf' };
    return { ok: true, value: request };
  } catch (error) {
    return { ok: false, error: `p4.v1.WriteRequest: ${(error as Error).message}` };
  }
}

/** The reference path (protobufjs decode + toObject), for tests and comparison. */
export function decodeWriteRequestReference(bytes: Uint8Array): DecodeResult<WriteRequestMessage> {
  writeRequestType ??= messageType('p4.v1.WriteRequest');
  try {
    return { ok: true, value: writeRequestType.toObject(writeRequestType.decode(bytes), CONVERSION) as WriteRequestMessage };
  } catch (error) {
    return { ok: false, error: `p4.v1.WriteRequest: ${(error as Error).message}` };
  }
}
