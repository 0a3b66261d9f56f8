// Role configs (P4Runtime 1.4 §5 "Default Role", "Role Config"; §12, §13).
//
// §5: "A controller can omit the role message … This implies the 'default
// role', which corresponds to 'full pipeline access'", and "An unset
// role.config implies 'full pipeline access' (similar to the default role)".
// The format of role.config is "out-of-scope of P4Runtime": client and server
// agree on a scheme out of band, and "If role.config does not match the
// 'out-of-band' scheme previously agreed upon, the server must return an
// INVALID_ARGUMENT error". This server's scheme is one small message, carried
// in the Any with type URL `roleConfigTypeUrl`:
//
//   message RoleConfig {
//     repeated uint32 p4_ids = 1;       // P4Info ids the role may write and read (tables,
//                                       // action profiles, counters, meters, registers,
//                                       // value sets, digests, externs); direct resources follow their table
//     bool packet_io = 2;               // PacketIn delivered to, PacketOut accepted from, the primary
//     bool can_push_pipeline = 3;       // SetForwardingPipelineConfig allowed
//     bool packet_replication = 4;      // multicast groups and clone sessions
//   }

import protobuf from 'protobufjs/minimal.js';
import { bytesOf, isSet, type AnyMessage, type EntityMessage } from './messages.js';
import { Code, failure, type P4Status } from './status.js';

export const roleConfigTypeUrl = 'type.googleapis.com/softmesh.p4rt.RoleConfig';

/** What a role with a config may do; `undefined` everywhere means full pipeline access. */
export interface RoleScope {
  p4Ids: ReadonlySet<number>;
  packetIo: boolean;
  canPushPipeline: boolean;
  packetReplication: boolean;
}

export type RoleScopeResult = { ok: true; scope: RoleScope | undefined } | { ok: false; status: P4Status };

/** Parses `role.config` of a MasterArbitrationUpdate for role `role` (peer input: errors are values). */
export function parseRoleConfig(role: string, config: AnyMessage | null | undefined): RoleScopeResult {
  if (!isSet(config)) return { ok: true, scope: undefined };
  if (role === '') return { ok: false, status: failure(Code.INVALID_ARGUMENT, 'the default role has full pipeline access and takes no role.config') };
  if (config.type_url !== roleConfigTypeUrl) {
    return { ok: false, status: failure(Code.INVALID_ARGUMENT, `role.config must be a ${roleConfigTypeUrl}, not "${config.type_url ?? ''}"`) };
  }
  const p4Ids = new Set<number>();
  const scope = { p4Ids, packetIo: false, canPushPipeline: false, packetReplication: false };
  try {
    const reader = protobuf.Reader.create(bytesOf(config.value));
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      const field = tag >>> 3;
      if (field === 1 && (tag & 7) === 2) {
        // Packed (proto3 default) or one id per field.
        const end = reader.uint32() + reader.pos;
        while (reader.pos < end) p4Ids.add(reader.uint32());
      } else if (field === 1 && (tag & 7) === 0) p4Ids.add(reader.uint32());
      else if (field === 2) scope.packetIo = reader.bool();
      else if (field === 3) scope.canPushPipeline = reader.bool();
      else if (field === 4) scope.packetReplication = reader.bool();
      else reader.skipType(tag & 7);
    }
  } catch (error) {
    return { ok: false, status: failure(Code.INVALID_ARGUMENT, `malformed role.config: ${(error as Error).message}`) };
  }
  return { ok: true, scope };
}

/** Encodes a RoleConfig as the Any a client puts in `role.config` (client side and tests). */
export function encodeRoleConfig(scope: { p4Ids: Iterable<number>; packetIo?: boolean; canPushPipeline?: boolean; packetReplication?: boolean }): AnyMessage {
  const writer = protobuf.Writer.create();
  const ids = [...scope.p4Ids];
  if (ids.length > 0) {
    writer.uint32((1 << 3) | 2).fork();
    for (const id of ids) writer.uint32(id);
    writer.ldelim();
  }
  if (scope.packetIo) writer.uint32((2 << 3) | 0).bool(true);
  if (scope.canPushPipeline) writer.uint32((3 << 3) | 0).bool(true);
  if (scope.packetReplication) writer.uint32((4 << 3) | 0).bool(true);
  return { type_url: roleConfigTypeUrl, value: writer.finish() };
}

/** The P4Info id an entity belongs to, or 'replication' for PRE entries; undefined when no entry is set. */
function ownerOf(entity: EntityMessage): number | 'replication' | undefined {
  if (isSet(entity.table_entry)) return entity.table_entry.table_id ?? 0;
  if (isSet(entity.direct_counter_entry)) return entity.direct_counter_entry.table_entry?.table_id ?? 0;
  if (isSet(entity.direct_meter_entry)) return entity.direct_meter_entry.table_entry?.table_id ?? 0;
  if (isSet(entity.action_profile_member)) return entity.action_profile_member.action_profile_id ?? 0;
  if (isSet(entity.action_profile_group)) return entity.action_profile_group.action_profile_id ?? 0;
  if (isSet(entity.counter_entry)) return entity.counter_entry.counter_id ?? 0;
  if (isSet(entity.meter_entry)) return entity.meter_entry.meter_id ?? 0;
  if (isSet(entity.register_entry)) return entity.register_entry.register_id ?? 0;
  if (isSet(entity.value_set_entry)) return entity.value_set_entry.value_set_id ?? 0;
  if (isSet(entity.digest_entry)) return entity.digest_entry.digest_id ?? 0;
  if (isSet(entity.packet_replication_engine_entry)) return 'replication';
  if (isSet(entity.extern_entry)) return (entity.extern_entry as { extern_id?: number }).extern_id ?? 0;
  return undefined;
}

/** Whether a role may write (and sees in reads) this entity. Entities with no entry set are left to validation. */
export function entityInScope(scope: RoleScope | undefined, entity: EntityMessage): boolean {
  if (scope === undefined) return true;
  const owner = ownerOf(entity);
  if (owner === undefined) return true;
  return owner === 'replication' ? scope.packetReplication : scope.p4Ids.has(owner);
}

/** Whether a role receives notifications about a P4Info object (idle timeouts of its tables, its digests). */
export function idInScope(scope: RoleScope | undefined, p4Id: number): boolean {
  return scope === undefined || scope.p4Ids.has(p4Id);
}

export function outOfScope(role: string): P4Status {
  return failure(Code.PERMISSION_DENIED, `entity is not in the scope of role "${role}"`);
}
