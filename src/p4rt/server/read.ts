// Read RPC (P4Runtime 1.4 §13): each request entity is a query filter with
// wildcards (id 0 = all, unset index = all cells, unset match = all entries).
// Results are produced lazily so large tables stream in chunks; a request
// that does not validate yields a p4.Error in its position (§13.3).

import type { TableEntryState } from '../../sim/entries.js';
import { bytesEqual, toCanonical } from '../bytestring.js';
import type { TableInfo } from '../p4info-index.js';
import {
  encodeCloneSession, encodeCounterData, encodeGroup, encodeMember, encodeMeterConfig, encodeMulticastGroup,
  encodeMatch, encodeTableEntry,
} from './encode.js';
import { parseMatchKey } from './field-match.js';
import { bytesOf, int32, isSet, long64, type EntityMessage, type TableEntryMessage } from './messages.js';
import { Code, failure, ok, type P4Status } from './status.js';
import { cellRange } from './write-externs.js';
import type { WriteContext } from './write-tables.js';

/** One request's outcome: the entities it selects, or why it was rejected. */
export type ReadOutcome = { status: P4Status; entities: Iterable<EntityMessage> };

function rejected(code: Code, message: string): ReadOutcome {
  return { status: failure(code, message), entities: [] };
}

function* tableEntries(
  context: WriteContext, request: TableEntryMessage, tables: TableInfo[], only?: TableEntryState[],
): Iterable<EntityMessage> {
  const nowNs = request.time_since_last_hit ? context.target.nowNs() : 0n;
  const options = {
    counterData: isSet(request.counter_data), meterConfig: isSet(request.meter_config),
    timeSinceLastHit: isSet(request.time_since_last_hit), isDefault: false, nowNs,
  };
  const actionId = request.action?.action?.action_id ?? 0;
  const priority = int32(request.priority);
  const controllerMetadata = long64(request.controller_metadata);
  const metadata = bytesOf(request.metadata);
  const selected = (entry: TableEntryState): boolean =>
    (actionId === 0 || (entry.action.kind === 'action' && entry.action.action.actionId === actionId)) &&
    (priority === 0 || entry.priority === priority) &&
    (controllerMetadata === 0n || entry.controllerMetadata === controllerMetadata) &&
    (metadata.length === 0 || bytesEqual(entry.metadata, metadata));
  for (const table of tables) {
    if (request.is_default_action === true) {
      const entry = context.target.getDefaultEntry(table.id);
      if (entry) yield { table_entry: encodeTableEntry(context.index, entry, { ...options, isDefault: true }) };
      continue;
    }
    for (const entry of only ?? context.target.tableEntries(table.id)) {
      if (selected(entry)) yield { table_entry: encodeTableEntry(context.index, entry, options) };
    }
  }
}

function readTableEntries(context: WriteContext, request: TableEntryMessage): ReadOutcome {
  const tableId = request.table_id ?? 0;
  if (tableId === 0) {
    // §9.1 "Wildcard Reads": table_id 0 selects every table "and no other filter can be used".
    if ((request.match?.length ?? 0) > 0) return rejected(Code.INVALID_ARGUMENT, 'match filter needs a table_id');
    return { status: ok, entities: tableEntries(context, request, [...context.index.tables.values()]) };
  }
  const table = context.index.tables.get(tableId);
  if (!table) return rejected(Code.NOT_FOUND, `table ${tableId} not found`);
  if ((request.match?.length ?? 0) === 0 || request.is_default_action === true) {
    return { status: ok, entities: tableEntries(context, request, [table]) };
  }
  // A match filter selects at most one entry: "The match will be exact".
  const match = parseMatchKey(table.matchFields, table.matchFieldById, request.match);
  if (!match.ok) return { status: match.status, entities: [] };
  const entry = context.target.getTableEntry(table.id, match.value, int32(request.priority));
  if (!entry) return { status: ok, entities: [] };
  return { status: ok, entities: tableEntries(context, { ...request, match: [] }, [table], [entry]) };
}

function* indexedCells<T>(ids: number[], sizeOf: (id: number) => number, cells: number[] | undefined, make: (id: number, cell: number) => T): Iterable<T> {
  for (const id of ids) for (const cell of cells ?? Array.from({ length: sizeOf(id) }, (_, i) => i)) yield make(id, cell);
}

export function readEntity(context: WriteContext, request: EntityMessage): ReadOutcome {
  const { index, target } = context;
  if (isSet(request.table_entry)) return readTableEntries(context, request.table_entry);
  if (isSet(request.action_profile_member) || isSet(request.action_profile_group)) {
    const isMember = isSet(request.action_profile_member);
    const query = (request.action_profile_member ?? request.action_profile_group)!;
    const profileId = query.action_profile_id ?? 0;
    if (profileId !== 0 && !index.actionProfiles.has(profileId)) return rejected(Code.NOT_FOUND, `action profile ${profileId} not found`);
    if (isMember) {
      const memberId = request.action_profile_member!.member_id ?? 0;
      const members = [...target.members(profileId)].filter((member) => memberId === 0 || member.memberId === memberId);
      return { status: ok, entities: members.map((member) => ({ action_profile_member: encodeMember(index, member) })) };
    }
    const groupId = request.action_profile_group!.group_id ?? 0;
    const groups = [...target.groups(profileId)].filter((group) => groupId === 0 || group.groupId === groupId);
    return { status: ok, entities: groups.map((group) => ({ action_profile_group: encodeGroup(group) })) };
  }
  if (isSet(request.counter_entry) || isSet(request.meter_entry) || isSet(request.register_entry)) {
    const kind = isSet(request.counter_entry) ? 'counter' : isSet(request.meter_entry) ? 'meter' : 'register';
    const query = request.counter_entry ?? request.meter_entry ?? request.register_entry!;
    const store = kind === 'counter' ? index.counters : kind === 'meter' ? index.meters : index.registers;
    const id = (request.counter_entry?.counter_id ?? request.meter_entry?.meter_id ?? request.register_entry?.register_id) ?? 0;
    if (id !== 0 && !store.has(id)) return rejected(Code.NOT_FOUND, `${kind} ${id} not found`);
    let cells: number[] | undefined;
    if (id !== 0 && isSet(query.index)) {
      const range = cellRange(query.index, store.get(id)!.size);
      if (!range.ok) return { status: range.status, entities: [] };
      cells = range.value;
    }
    const ids = id === 0 ? [...store.keys()] : [id];
    const sizeOf = (item: number) => store.get(item)!.size;
    const make = (item: number, cell: number): EntityMessage => {
      if (kind === 'counter') return { counter_entry: { counter_id: item, index: { index: String(cell) }, data: encodeCounterData(target.readCounter(item, cell)) } };
      if (kind === 'meter') {
        const config = target.readMeter(item, cell);
        return { meter_entry: { meter_id: item, index: { index: String(cell) }, ...(config ? { config: encodeMeterConfig(config) } : {}) } };
      }
      return { register_entry: { register_id: item, index: { index: String(cell) }, data: { bitstring: toCanonical(target.readRegister(item, cell)) } } };
    };
    return { status: ok, entities: indexedCells(ids, sizeOf, cells, make) };
  }
  if (isSet(request.direct_counter_entry) || isSet(request.direct_meter_entry)) {
    const isCounter = isSet(request.direct_counter_entry);
    const tableEntry = (request.direct_counter_entry ?? request.direct_meter_entry)!.table_entry;
    if (!isSet(tableEntry)) return rejected(Code.INVALID_ARGUMENT, 'table_entry is required');
    const outcome = readTableEntries(context, { ...tableEntry, counter_data: isCounter ? {} : null, meter_config: isCounter ? null : {} });
    if (outcome.status.code !== Code.OK) return outcome;
    const entities = [...outcome.entities].flatMap((entity): EntityMessage[] => {
      const entry = entity.table_entry!;
      const table = index.tables.get(entry.table_id ?? 0);
      if (isCounter && !table?.directCounterId) return [];
      if (!isCounter && !table?.directMeterId) return [];
      const key = { ...entry, counter_data: undefined, meter_config: undefined };
      return isCounter
        ? [{ direct_counter_entry: { table_entry: key, data: entry.counter_data } }]
        : [{ direct_meter_entry: { table_entry: key, ...(entry.meter_config ? { config: entry.meter_config } : {}) } }];
    });
    if (tableEntry.table_id && entities.length === 0 && (tableEntry.match?.length ?? 0) > 0) return rejected(Code.NOT_FOUND, 'table entry not found');
    return { status: ok, entities };
  }
  if (isSet(request.packet_replication_engine_entry)) {
    const query = request.packet_replication_engine_entry;
    if (isSet(query.multicast_group_entry)) {
      const id = query.multicast_group_entry.multicast_group_id ?? 0;
      const groups = [...target.multicastGroups()].filter((group) => id === 0 || group.multicastGroupId === id);
      return { status: ok, entities: groups.map((group) => ({ packet_replication_engine_entry: { multicast_group_entry: encodeMulticastGroup(group) } })) };
    }
    if (isSet(query.clone_session_entry)) {
      const id = query.clone_session_entry.session_id ?? 0;
      const sessions = [...target.cloneSessions()].filter((session) => id === 0 || session.sessionId === id);
      return { status: ok, entities: sessions.map((session) => ({ packet_replication_engine_entry: { clone_session_entry: encodeCloneSession(session) } })) };
    }
    return rejected(Code.INVALID_ARGUMENT, 'packet_replication_engine_entry has no entry set');
  }
  if (isSet(request.value_set_entry)) {
    const id = request.value_set_entry.value_set_id ?? 0;
    if (id !== 0 && !index.valueSets.has(id)) return rejected(Code.NOT_FOUND, `value set ${id} not found`);
    const sets = id === 0 ? [...index.valueSets.values()] : [index.valueSets.get(id)!];
    return {
      status: ok,
      entities: sets.map((set) => ({
        value_set_entry: {
          value_set_id: set.id,
          members: target.valueSetMembers(set.id).map((member) => ({
            match: encodeMatch(set.matchFields, member),
          })),
        },
      })),
    };
  }
  if (isSet(request.digest_entry)) {
    const id = request.digest_entry.digest_id ?? 0;
    if (id !== 0 && !index.digests.has(id)) return rejected(Code.NOT_FOUND, `digest ${id} not found`);
    const ids = id === 0 ? [...index.digests.keys()] : [id];
    const entities: EntityMessage[] = [];
    for (const digestId of ids) {
      const config = target.getDigestConfig(digestId);
      if (config) {
        entities.push({
          digest_entry: {
            digest_id: digestId,
            config: { max_timeout_ns: config.maxTimeoutNs.toString(), max_list_size: config.maxListSize, ack_timeout_ns: config.ackTimeoutNs.toString() },
          },
        });
      }
    }
    return { status: ok, entities };
  }
  if (isSet(request.extern_entry)) return rejected(Code.UNIMPLEMENTED, 'extern entries are not supported');
  // §13.2: "The entity oneof field in the Entity message must always be set, or … INVALID_ARGUMENT".
  return rejected(Code.INVALID_ARGUMENT, 'entity has no entry set');
}

