// TableEntry validation for Write (P4Runtime 1.4 §9.1): turns a decoded
// TableEntry into the contract form (src/sim/entries.ts) or a status value
// with the code the specification prescribes.

import type { ActionInvocation, CounterData, MeterConfig, TableAction, TableEntryState } from '../../sim/entries.js';
import type { MeterType, P4InfoIndex, TableInfo } from '../p4info-index.js';
import { bytesOf, int32, isSet, long64, type CounterDataMessage, type MeterConfigMessage, type TableActionMessage, type TableEntryMessage } from './messages.js';
import { actionOf, isStatus, matchKeyOf, parseAction } from './field-match.js';
import { Code, rejection, success, type Result } from './status.js';

/** A stored copy: a decoded bytes field is a view into the whole request, which an entry must not keep alive. */
function ownBytes(value: Parameters<typeof bytesOf>[0]): Uint8Array {
  const bytes = bytesOf(value);
  return bytes.length === 0 ? bytes : new Uint8Array(bytes);
}

export interface ParsedTableEntry {
  table: TableInfo;
  entry: TableEntryState;
  isDefault: boolean;
  /** Which optional parts the message set (MODIFY keeps or resets the others, §9.1 "Direct Resources"). */
  hasAction: boolean;
  hasCounterData: boolean;
}

export type WriteKind = 'INSERT' | 'MODIFY' | 'DELETE';

export function lookupTable(index: P4InfoIndex, tableId: number | undefined): Result<TableInfo> {
  const table = index.tables.get(tableId ?? 0);
  return table ? success(table) : rejection(Code.NOT_FOUND, `table ${tableId ?? 0} not found`);
}

export function parseCounterData(message: CounterDataMessage): CounterData {
  return { byteCount: long64(message.byte_count), packetCount: long64(message.packet_count) };
}

/** §9.4: which MeterConfig fields each meter type accepts. */
export function parseMeterConfig(message: MeterConfigMessage, type: MeterType): Result<MeterConfig> {
  const config = { cir: long64(message.cir), cburst: long64(message.cburst), pir: long64(message.pir), pburst: long64(message.pburst) };
  const eburst = long64(message.eburst);
  if (config.cir < 0n || config.cburst < 0n || config.pir < 0n || config.pburst < 0n || eburst < 0n) {
    return rejection(Code.INVALID_ARGUMENT, 'meter rates and bursts must not be negative');
  }
  if (type === 'TWO_RATE_THREE_COLOR' && eburst !== 0n) return rejection(Code.INVALID_ARGUMENT, 'eburst must be unset for a two-rate meter');
  if (type !== 'TWO_RATE_THREE_COLOR' && (config.pir !== config.cir || config.pburst !== config.cburst)) {
    return rejection(Code.INVALID_ARGUMENT, 'single-rate meter: pir/pburst must equal cir/cburst');
  }
  if (type === 'SINGLE_RATE_TWO_COLOR' && eburst !== 0n) return rejection(Code.INVALID_ARGUMENT, 'eburst must be unset for a two-color meter');
  return success(config);
}

/** Placeholder until the message's action is parsed; never reaches a target (DELETE ignores it, MODIFY without action keeps the old one). */
const noAction: TableAction = Object.freeze({ kind: 'action', action: Object.freeze({ actionId: 0, params: Object.freeze([]) as unknown as bigint[] }) }) as TableAction;

const tableActionKinds = ['action', 'action_profile_member_id', 'action_profile_group_id', 'action_profile_action_set'] as const;

function parseTableAction(index: P4InfoIndex, table: TableInfo, message: TableActionMessage, isDefault: boolean): Result<TableAction> {
  const profile = table.implementationId ? index.actionProfiles.get(table.implementationId) : undefined;
  let kind: (typeof tableActionKinds)[number] | undefined;
  let count = 0;
  for (let i = 0; i < tableActionKinds.length; i++) {
    const candidate = tableActionKinds[i];
    if (isSet(message[candidate]) && message[candidate] !== 0) {
      kind = candidate;
      count++;
    }
  }
  if (count !== 1 || kind === undefined) return rejection(Code.INVALID_ARGUMENT, 'exactly one kind of table action must be set');
  if (isDefault && profile) {
    // §9.1.3: the default entry of an indirect table is a constant NoAction.
    return rejection(Code.PERMISSION_DENIED, 'the default action of an indirect table cannot be changed');
  }
  // §9.1.2: "If the oneof does not match the table description in the P4Info … INVALID_ARGUMENT".
  if (kind === 'action') {
    if (profile) return rejection(Code.INVALID_ARGUMENT, 'indirect table needs a member, group or action set');
    const action = actionOf(index, table.actionScopes, message.action!, isDefault ? 'default' : 'entry');
    return isStatus(action) ? { ok: false, status: action } : success({ kind: 'action', action });
  }
  if (!profile) return rejection(Code.INVALID_ARGUMENT, 'direct table needs an action');
  if (kind === 'action_profile_member_id') return success({ kind: 'member', memberId: int32(message.action_profile_member_id) });
  if (!profile.withSelector) return rejection(Code.INVALID_ARGUMENT, 'action profile without selector takes members only');
  if (kind === 'action_profile_group_id') return success({ kind: 'group', groupId: int32(message.action_profile_group_id) });
  // §9.2.3 one shot.
  const actions: { action: ActionInvocation; weight: number; watchPort?: number }[] = [];
  let weightSum = 0;
  for (const item of message.action_profile_action_set!.action_profile_actions ?? []) {
    if (!isSet(item.action)) return rejection(Code.INVALID_ARGUMENT, 'one-shot action missing');
    const action = parseAction(index, table.actionScopes, item.action, 'entry');
    if (!action.ok) return action;
    const weight = int32(item.weight);
    if (weight <= 0) return rejection(Code.INVALID_ARGUMENT, 'one-shot weight must be positive');
    if (profile.sumOfMembers && profile.maxMemberWeight > 0 && weight > profile.maxMemberWeight) {
      return rejection(Code.INVALID_ARGUMENT, `one-shot weight exceeds max_member_weight ${profile.maxMemberWeight}`);
    }
    weightSum += weight;
    const watchPortBytes = bytesOf(item.watch_port);
    const watchPort = watchPortBytes.length > 0 ? Number(watchPortBytes.reduce((value, byte) => value * 256 + byte, 0)) : item.watch || undefined;
    actions.push({ action: action.value, weight, ...(watchPort !== undefined ? { watchPort } : {}) });
  }
  if (actions.length === 0) return rejection(Code.INVALID_ARGUMENT, 'one-shot action set is empty');
  const size = profile.sumOfMembers ? actions.length : weightSum;
  if (profile.maxGroupSize > 0 && size > profile.maxGroupSize) {
    return rejection(Code.INVALID_ARGUMENT, `one-shot action set exceeds max_group_size ${profile.maxGroupSize}`);
  }
  return success({ kind: 'oneShot', actions });
}

/**
 * Validates one TableEntry of a Write update. DELETE looks only at the key
 * (§9.1: "All other fields must be ignored, even if they have nonsensical values").
 */
export function parseTableEntryWrite(index: P4InfoIndex, message: TableEntryMessage, kind: WriteKind): Result<ParsedTableEntry> {
  const table = index.tables.get(message.table_id ?? 0);
  if (!table) return rejection(Code.NOT_FOUND, `table ${message.table_id ?? 0} not found`);
  // §9.1: "The is_const field must be false in any INSERT, MODIFY, or DELETE write request".
  if (message.is_const === true) return rejection(Code.INVALID_ARGUMENT, 'is_const must not be set in a write');
  const isDefault = message.is_default_action === true;
  const priority = int32(message.priority);
  const idleTimeoutNs = long64(message.idle_timeout_ns);
  if (isDefault) {
    // §9.1.3: the default entry has an empty match and priority 0; only MODIFY is allowed.
    if ((message.match?.length ?? 0) > 0 || priority !== 0) return rejection(Code.INVALID_ARGUMENT, 'default entry must have no match and priority 0');
    if (kind !== 'MODIFY') return rejection(Code.INVALID_ARGUMENT, `${kind} is not allowed on the default entry`);
    if (idleTimeoutNs !== 0n || isSet(message.time_since_last_hit)) return rejection(Code.INVALID_ARGUMENT, 'default entry has no idle timeout');
    if (table.constDefaultActionId !== 0) return rejection(Code.PERMISSION_DENIED, `default action of ${table.name} is const`);
  } else {
    if (table.matchFields.length === 0 && kind === 'INSERT') return rejection(Code.INVALID_ARGUMENT, `table ${table.name} is keyless`);
    // §9.1: priority non-zero iff the key has optional/ternary/range fields.
    if (table.needsPriority && priority <= 0) return rejection(Code.INVALID_ARGUMENT, `table ${table.name} needs a priority > 0`);
    if (!table.needsPriority && priority !== 0) return rejection(Code.INVALID_ARGUMENT, `table ${table.name} takes priority 0`);
  }
  const match = isDefault ? [] : matchKeyOf(table.matchFields, table.matchFieldById, message.match);
  if (!Array.isArray(match)) return { ok: false, status: match };
  const entry: TableEntryState = {
    tableId: table.id, match, priority,
    action: noAction,
    controllerMetadata: long64(message.controller_metadata), metadata: ownBytes(message.metadata),
    idleTimeoutNs, counter: { byteCount: 0n, packetCount: 0n }, lastHitNs: 0n, isConst: false,
  };
  const parsed: ParsedTableEntry = { table, entry, isDefault, hasAction: false, hasCounterData: false };
  if (kind === 'DELETE') return success(parsed);

  if (isSet(message.action)) {
    const action = parseTableAction(index, table, message.action, isDefault);
    if (!action.ok) return action;
    entry.action = action.value;
    parsed.hasAction = true;
  } else if (kind === 'INSERT') {
    return rejection(Code.INVALID_ARGUMENT, 'INSERT needs an action');
  }
  // §9.1 "Idle-timeout": only for tables with idle_timeout_behavior NOTIFY_CONTROL; never elapsed time in writes.
  if (isSet(message.time_since_last_hit)) return rejection(Code.INVALID_ARGUMENT, 'time_since_last_hit must be unset in a write');
  if (idleTimeoutNs < 0n) return rejection(Code.INVALID_ARGUMENT, 'idle_timeout_ns must not be negative');
  if (idleTimeoutNs !== 0n && !table.supportsIdleTimeout) return rejection(Code.INVALID_ARGUMENT, `table ${table.name} has no idle timeout`);
  // §9.1 "Direct Resources": only on tables that have them.
  if (isSet(message.counter_data)) {
    if (!table.directCounterId) return rejection(Code.INVALID_ARGUMENT, `table ${table.name} has no direct counter`);
    entry.counter = parseCounterData(message.counter_data);
    parsed.hasCounterData = true;
  }
  if (isSet(message.meter_config)) {
    const meter = index.directMeters.get(table.directMeterId);
    if (!meter) return rejection(Code.INVALID_ARGUMENT, `table ${table.name} has no direct meter`);
    const config = parseMeterConfig(message.meter_config, meter.type ?? 'TWO_RATE_THREE_COLOR');
    if (!config.ok) return config;
    entry.meterConfig = config.value;
  }
  if (isSet(message.meter_counter_data)) return rejection(Code.UNIMPLEMENTED, 'per-color meter counters are not supported');
  return success(parsed);
}
