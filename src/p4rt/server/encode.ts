// Contract state (src/sim/entries.ts) → P4Runtime messages for Read responses
// and stream notifications. Every integer goes out in canonical form (§8.3:
// "the encoder of a P4Runtime request or reply uses the shortest strings"),
// 64-bit values as decimal strings, so any protobufjs `fromObject` accepts them.

import type {
  ActionInvocation, ActionProfileGroup, ActionProfileMember, CloneSessionEntry, CounterData, FieldMatch, MeterConfig,
  MulticastGroupEntry, TableAction, TableEntryState,
} from '../../sim/entries.js';
import { toCanonical } from '../bytestring.js';
import type { MatchFieldInfo, P4InfoIndex } from '../p4info-index.js';
import type { DigestValue } from '../target.js';
import type {
  ActionMessage, CloneSessionEntryMessage, CounterDataMessage, FieldMatchMessage, MeterConfigMessage,
  MulticastGroupEntryMessage, P4DataMessage, TableActionMessage, TableEntryMessage,
} from './messages.js';

export function encodeFieldMatch(field: MatchFieldInfo, match: FieldMatch): FieldMatchMessage | undefined {
  switch (match.kind) {
    case 'wildcard': return undefined; // §9.1.1: don't-care fields are omitted
    case 'exact': return { field_id: field.id, exact: { value: toCanonical(match.value) } };
    case 'optional': return { field_id: field.id, optional: { value: toCanonical(match.value) } };
    case 'lpm': return { field_id: field.id, lpm: { value: toCanonical(match.value), prefix_len: match.prefixLen } };
    case 'ternary': return { field_id: field.id, ternary: { value: toCanonical(match.value), mask: toCanonical(match.mask) } };
    case 'range': return { field_id: field.id, range: { low: toCanonical(match.low), high: toCanonical(match.high) } };
  }
}

export function encodeMatch(fields: readonly MatchFieldInfo[], match: readonly FieldMatch[]): FieldMatchMessage[] {
  const out: FieldMatchMessage[] = [];
  for (let i = 0; i < match.length; i++) {
    const encoded = encodeFieldMatch(fields[i], match[i]);
    if (encoded) out.push(encoded);
  }
  return out;
}

export function encodeAction(index: P4InfoIndex, invocation: ActionInvocation): ActionMessage {
  const params = index.actions.get(invocation.actionId)?.params ?? [];
  return {
    action_id: invocation.actionId,
    params: invocation.params.map((value, position) => ({ param_id: params[position]?.id ?? position + 1, value: toCanonical(value) })),
  };
}

function encodeWatchPort(watchPort: number | undefined): { watch_port?: Uint8Array } {
  return watchPort === undefined ? {} : { watch_port: toCanonical(BigInt(watchPort)) };
}

export function encodeTableAction(index: P4InfoIndex, action: TableAction): TableActionMessage {
  switch (action.kind) {
    case 'action': return { action: encodeAction(index, action.action) };
    case 'member': return { action_profile_member_id: action.memberId };
    case 'group': return { action_profile_group_id: action.groupId };
    case 'oneShot':
      return {
        action_profile_action_set: {
          action_profile_actions: action.actions.map((item) => ({
            action: encodeAction(index, item.action), weight: item.weight, ...encodeWatchPort(item.watchPort),
          })),
        },
      };
  }
}

export function encodeCounterData(data: CounterData): CounterDataMessage {
  return { byte_count: data.byteCount.toString(), packet_count: data.packetCount.toString() };
}

export function encodeMeterConfig(config: MeterConfig): MeterConfigMessage {
  return { cir: config.cir.toString(), cburst: config.cburst.toString(), pir: config.pir.toString(), pburst: config.pburst.toString() };
}

export interface TableEntryReadOptions {
  counterData: boolean;
  meterConfig: boolean;
  timeSinceLastHit: boolean;
  isDefault: boolean;
  nowNs: bigint;
}

export function encodeTableEntry(index: P4InfoIndex, entry: TableEntryState, options: TableEntryReadOptions): TableEntryMessage {
  const table = index.tables.get(entry.tableId);
  const message: TableEntryMessage = {
    table_id: entry.tableId,
    match: table ? encodeMatch(table.matchFields, entry.match) : [],
    action: encodeTableAction(index, entry.action),
  };
  // Fields at their proto3 default are left out, as the client wrote them (read-write symmetry, §8.2).
  if (entry.priority !== 0) message.priority = entry.priority;
  if (entry.controllerMetadata !== 0n) message.controller_metadata = entry.controllerMetadata.toString();
  if (entry.metadata.length > 0) message.metadata = entry.metadata;
  if (options.isDefault) message.is_default_action = true;
  if (entry.isConst) message.is_const = true;
  if (entry.idleTimeoutNs !== 0n) message.idle_timeout_ns = entry.idleTimeoutNs.toString();
  // §9.1 "Direct Resources": only when asked for; a default meter config reads back unset.
  if (options.counterData && table?.directCounterId) message.counter_data = encodeCounterData(entry.counter);
  if (options.meterConfig && table?.directMeterId && entry.meterConfig) message.meter_config = encodeMeterConfig(entry.meterConfig);
  if (options.timeSinceLastHit) {
    const elapsed = options.nowNs > entry.lastHitNs ? options.nowNs - entry.lastHitNs : 0n;
    message.time_since_last_hit = { elapsed_ns: elapsed.toString() };
  }
  return message;
}

export function encodeMember(index: P4InfoIndex, member: ActionProfileMember) {
  return { action_profile_id: member.actionProfileId, member_id: member.memberId, action: encodeAction(index, member.action) };
}

export function encodeGroup(group: ActionProfileGroup) {
  return {
    action_profile_id: group.actionProfileId,
    group_id: group.groupId,
    members: group.members.map((member) => ({ member_id: member.memberId, weight: member.weight, ...encodeWatchPort(member.watchPort) })),
    max_size: group.maxSize,
  };
}

function encodeReplicas(replicas: readonly { egressPort: number; instance: number }[]) {
  return replicas.map((replica) => ({ port: toCanonical(BigInt(replica.egressPort)), instance: replica.instance }));
}

export function encodeMulticastGroup(group: MulticastGroupEntry): MulticastGroupEntryMessage {
  const message: MulticastGroupEntryMessage = { multicast_group_id: group.multicastGroupId, replicas: encodeReplicas(group.replicas) };
  if (group.metadata.length > 0) message.metadata = group.metadata;
  return message;
}

export function encodeCloneSession(session: CloneSessionEntry): CloneSessionEntryMessage {
  return {
    session_id: session.sessionId, replicas: encodeReplicas(session.replicas),
    class_of_service: session.classOfService, packet_length_bytes: session.packetLengthBytes,
  };
}

export function encodeDigestValue(value: DigestValue): P4DataMessage {
  return value.kind === 'bitstring'
    ? { bitstring: toCanonical(value.value) }
    : { struct: { members: value.members.map(encodeDigestValue) } };
}
