// Write updates for externs and the packet replication engine (P4Runtime 1.4
// §9.3 counters, §9.4 meters, §9.5 PRE, §9.6 value sets, §9.7 registers,
// §9.8 digests). One status per update.

import type { CloneSessionEntry, FieldMatch, MulticastGroupEntry } from '../../sim/entries.js';
import { bytesToBigint } from '../bytestring.js';
import { parseMatchKey, parseValue } from './field-match.js';
import {
  bytesOf, int32, isSet, long64, type CounterEntryMessage, type DigestEntryMessage, type DirectCounterEntryMessage,
  type DirectMeterEntryMessage, type IndexMessage, type MeterEntryMessage, type PacketReplicationEngineEntryMessage,
  type RegisterEntryMessage, type ReplicaMessage, type TableEntryMessage, type ValueSetEntryMessage,
} from './messages.js';
import { Code, failure, ok, rejection, success, type P4Status, type Result } from './status.js';
import { lookupTable, parseCounterData, parseMeterConfig, type WriteKind } from './table-entry.js';
import type { WriteContext } from './write-tables.js';
import type { TableEntryState } from '../../sim/entries.js';

/**
 * Cells addressed by an optional Index: unset = every cell. §9.3: "INVALID_ARGUMENT
 * for a negative index value and OUT_OF_RANGE if the index value exceeds the size".
 */
export function cellRange(index: IndexMessage | null | undefined, size: number): Result<number[]> {
  if (!isSet(index)) return success(Array.from({ length: size }, (_, cell) => cell));
  const cell = long64(index.index);
  if (cell < 0n) return rejection(Code.INVALID_ARGUMENT, 'index must not be negative');
  if (cell >= BigInt(size)) return rejection(Code.OUT_OF_RANGE, `index ${cell} exceeds size ${size}`);
  return success([Number(cell)]);
}

function modifyOnly(kind: WriteKind, what: string): P4Status | undefined {
  return kind === 'MODIFY' ? undefined : failure(Code.INVALID_ARGUMENT, `${what} supports MODIFY only`);
}

export function writeCounter(context: WriteContext, kind: WriteKind, message: CounterEntryMessage): P4Status {
  const wrongKind = modifyOnly(kind, 'CounterEntry');
  if (wrongKind) return wrongKind;
  const counter = context.index.counters.get(message.counter_id ?? 0);
  if (!counter) return failure(Code.NOT_FOUND, `counter ${message.counter_id ?? 0} not found`);
  const cells = cellRange(message.index, counter.size);
  if (!cells.ok) return cells.status;
  if (!isSet(message.data)) return ok; // §9.3.2: "the counter value is not modified if this Protobuf field is not set"
  const data = parseCounterData(message.data);
  if (data.byteCount < 0n || data.packetCount < 0n) return failure(Code.INVALID_ARGUMENT, 'counter values must not be negative');
  for (const cell of cells.value) context.target.writeCounter(counter.id, cell, data);
  return ok;
}

export function writeMeter(context: WriteContext, kind: WriteKind, message: MeterEntryMessage): P4Status {
  const wrongKind = modifyOnly(kind, 'MeterEntry');
  if (wrongKind) return wrongKind;
  const meter = context.index.meters.get(message.meter_id ?? 0);
  if (!meter) return failure(Code.NOT_FOUND, `meter ${message.meter_id ?? 0} not found`);
  const cells = cellRange(message.index, meter.size);
  if (!cells.ok) return cells.status;
  if (isSet(message.counter_data)) return failure(Code.UNIMPLEMENTED, 'per-color meter counters are not supported');
  // §9.4.2: unset config resets to the default (all GREEN).
  let config;
  if (isSet(message.config)) {
    const parsed = parseMeterConfig(message.config, meter.type);
    if (!parsed.ok) return parsed.status;
    config = parsed.value;
  }
  for (const cell of cells.value) context.target.writeMeter(meter.id, cell, config);
  return ok;
}

/** The entry a DirectCounterEntry / DirectMeterEntry refers to (key fields only). */
function directEntry(context: WriteContext, message: TableEntryMessage | null | undefined): Result<{ entry: TableEntryState; isDefault: boolean }> {
  if (!isSet(message)) return rejection(Code.INVALID_ARGUMENT, 'table_entry is required');
  const table = lookupTable(context.index, message.table_id);
  if (!table.ok) return table;
  if (message.is_default_action === true) {
    const entry = context.target.getDefaultEntry(table.value.id);
    return entry ? success({ entry, isDefault: true }) : rejection(Code.NOT_FOUND, 'default entry not found');
  }
  const match = parseMatchKey(table.value.matchFields, table.value.matchFieldById, message.match);
  if (!match.ok) return match;
  const entry = context.target.getTableEntry(table.value.id, match.value, int32(message.priority));
  return entry ? success({ entry, isDefault: false }) : rejection(Code.NOT_FOUND, 'table entry not found');
}

function replaceEntry(context: WriteContext, isDefault: boolean, next: TableEntryState): P4Status {
  return isDefault ? context.target.setDefaultEntry(next.tableId, next) : context.target.modifyTableEntry(next);
}

export function writeDirectCounter(context: WriteContext, kind: WriteKind, message: DirectCounterEntryMessage): P4Status {
  const wrongKind = modifyOnly(kind, 'DirectCounterEntry');
  if (wrongKind) return wrongKind;
  const table = context.index.tables.get(message.table_entry?.table_id ?? 0);
  if (table && !table.directCounterId) return failure(Code.INVALID_ARGUMENT, `table ${table.name} has no direct counter`);
  const entry = directEntry(context, message.table_entry);
  if (!entry.ok) return entry.status;
  if (!isSet(message.data)) return ok;
  return replaceEntry(context, entry.value.isDefault, { ...entry.value.entry, counter: parseCounterData(message.data) });
}

export function writeDirectMeter(context: WriteContext, kind: WriteKind, message: DirectMeterEntryMessage): P4Status {
  const wrongKind = modifyOnly(kind, 'DirectMeterEntry');
  if (wrongKind) return wrongKind;
  const table = context.index.tables.get(message.table_entry?.table_id ?? 0);
  const meter = table ? context.index.directMeters.get(table.directMeterId) : undefined;
  if (table && !meter) return failure(Code.INVALID_ARGUMENT, `table ${table.name} has no direct meter`);
  const entry = directEntry(context, message.table_entry);
  if (!entry.ok) return entry.status;
  if (isSet(message.counter_data)) return failure(Code.UNIMPLEMENTED, 'per-color meter counters are not supported');
  let meterConfig;
  if (isSet(message.config)) {
    const parsed = parseMeterConfig(message.config, meter?.type ?? 'TWO_RATE_THREE_COLOR');
    if (!parsed.ok) return parsed.status;
    meterConfig = parsed.value;
  }
  return replaceEntry(context, entry.value.isDefault, { ...entry.value.entry, meterConfig });
}

/** Replicas with SDN port from `port` bytes (1.4) or the deprecated `egress_port`. */
function parseReplicas(replicas: ReplicaMessage[] | undefined): Result<{ egressPort: number; instance: number }[]> {
  const out: { egressPort: number; instance: number }[] = [];
  const seen = new Set<string>();
  for (const replica of replicas ?? []) {
    if ((replica.backup_replicas?.length ?? 0) > 0) return rejection(Code.UNIMPLEMENTED, 'backup replicas are not supported');
    const portBytes = bytesOf(replica.port);
    if (portBytes.length > 4) return rejection(Code.INVALID_ARGUMENT, 'replica port wider than 32 bits');
    const egressPort = portBytes.length > 0 ? Number(bytesToBigint(portBytes)) : int32(replica.egress_port);
    const instance = int32(replica.instance);
    // §9.5.1: (port, instance) pairs must be unique within a group.
    const key = `${egressPort}/${instance}`;
    if (seen.has(key)) return rejection(Code.INVALID_ARGUMENT, `replica (${egressPort}, ${instance}) listed twice`);
    seen.add(key);
    out.push({ egressPort, instance });
  }
  return success(out);
}

export function writeReplication(context: WriteContext, kind: WriteKind, message: PacketReplicationEngineEntryMessage): P4Status {
  const { target } = context;
  if (isSet(message.multicast_group_entry)) {
    const group = message.multicast_group_entry;
    const id = int32(group.multicast_group_id);
    if (id === 0) return failure(Code.INVALID_ARGUMENT, 'multicast_group_id must be non-zero');
    if (kind === 'DELETE') return target.deleteMulticastGroup(id);
    const replicas = parseReplicas(group.replicas);
    if (!replicas.ok) return replicas.status;
    const entry: MulticastGroupEntry = { multicastGroupId: id, replicas: replicas.value, metadata: new Uint8Array(bytesOf(group.metadata)) };
    return kind === 'INSERT' ? target.insertMulticastGroup(entry) : target.modifyMulticastGroup(entry);
  }
  if (isSet(message.clone_session_entry)) {
    const session = message.clone_session_entry;
    const id = int32(session.session_id);
    if (id === 0) return failure(Code.INVALID_ARGUMENT, 'session_id must be non-zero');
    if (kind === 'DELETE') return target.deleteCloneSession(id);
    const replicas = parseReplicas(session.replicas);
    if (!replicas.ok) return replicas.status;
    const packetLengthBytes = int32(session.packet_length_bytes);
    if (packetLengthBytes < 0) return failure(Code.INVALID_ARGUMENT, 'packet_length_bytes must not be negative');
    const entry: CloneSessionEntry = {
      sessionId: id, replicas: replicas.value, classOfService: int32(session.class_of_service), packetLengthBytes,
    };
    return kind === 'INSERT' ? target.insertCloneSession(entry) : target.modifyCloneSession(entry);
  }
  return failure(Code.INVALID_ARGUMENT, 'packet_replication_engine_entry has no entry set');
}

export function writeValueSet(context: WriteContext, kind: WriteKind, message: ValueSetEntryMessage): P4Status {
  // §9.6: "A ValueSetEntry may only be modified … INSERT or DELETE → INVALID_ARGUMENT".
  const wrongKind = modifyOnly(kind, 'ValueSetEntry');
  if (wrongKind) return wrongKind;
  const valueSet = context.index.valueSets.get(message.value_set_id ?? 0);
  if (!valueSet) return failure(Code.NOT_FOUND, `value set ${message.value_set_id ?? 0} not found`);
  const members: FieldMatch[][] = [];
  const seen = new Set<string>();
  for (const member of message.members ?? []) {
    const match = parseMatchKey(valueSet.matchFields, valueSet.matchFieldById, member.match);
    if (!match.ok) return match.status;
    const key = JSON.stringify(match.value, (_, value) => (typeof value === 'bigint' ? value.toString() : value));
    if (seen.has(key)) return failure(Code.ALREADY_EXISTS, 'duplicate value set member');
    seen.add(key);
    members.push(match.value);
  }
  if (valueSet.size > 0 && members.length > valueSet.size) {
    return failure(Code.RESOURCE_EXHAUSTED, `value set ${valueSet.name} holds at most ${valueSet.size} members`);
  }
  return context.target.writeValueSet(valueSet.id, members);
}

export function writeRegister(context: WriteContext, kind: WriteKind, message: RegisterEntryMessage): P4Status {
  const wrongKind = modifyOnly(kind, 'RegisterEntry');
  if (wrongKind) return wrongKind;
  const register = context.index.registers.get(message.register_id ?? 0);
  if (!register) return failure(Code.NOT_FOUND, `register ${message.register_id ?? 0} not found`);
  const cells = cellRange(message.index, register.size);
  if (!cells.ok) return cells.status;
  // §9.7: data must match the register's typeSpec, else INVALID_ARGUMENT; only bit<W> cells are supported.
  if (register.bitwidth === 0) return failure(Code.UNIMPLEMENTED, `register ${register.name} does not hold bit<W> values`);
  if (!isSet(message.data) || message.data.bitstring === undefined) return failure(Code.INVALID_ARGUMENT, 'register data must be a bitstring');
  const value = parseValue(message.data.bitstring, register.bitwidth, `register ${register.name}`);
  if (!value.ok) return value.status;
  for (const cell of cells.value) context.target.writeRegister(register.id, cell, value.value);
  return ok;
}

export function writeDigest(context: WriteContext, kind: WriteKind, message: DigestEntryMessage): P4Status {
  const digest = context.index.digests.get(message.digest_id ?? 0);
  if (!digest) return failure(Code.NOT_FOUND, `digest ${message.digest_id ?? 0} not found`);
  const current = context.target.getDigestConfig(digest.id);
  if (kind === 'DELETE') {
    if (!current) return failure(Code.NOT_FOUND, `digest ${digest.name} is not enabled`);
    context.target.setDigestConfig(digest.id, undefined);
    return ok;
  }
  if (kind === 'INSERT' && current) return failure(Code.ALREADY_EXISTS, `digest ${digest.name} is already enabled`);
  if (kind === 'MODIFY' && !current) return failure(Code.NOT_FOUND, `digest ${digest.name} is not enabled`);
  if (!isSet(message.config)) return failure(Code.INVALID_ARGUMENT, 'digest config is required');
  const config = {
    maxTimeoutNs: long64(message.config.max_timeout_ns),
    maxListSize: int32(message.config.max_list_size),
    ackTimeoutNs: long64(message.config.ack_timeout_ns),
  };
  if (config.maxTimeoutNs < 0n || config.ackTimeoutNs < 0n || config.maxListSize < 0) {
    return failure(Code.INVALID_ARGUMENT, 'digest config values must not be negative');
  }
  context.target.setDigestConfig(digest.id, config);
  return ok;
}
