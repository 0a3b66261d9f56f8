// ROLLBACK_ON_ERROR and DATAPLANE_ATOMIC batches (P4Runtime 1.4 §12.2): before
// each update the state it may touch is captured; on the first failure the
// applied updates are undone in reverse order, so the batch is all-or-none.
// Undo goes through the same target calls, so a target's own bookkeeping
// (member references, table sizes) stays right.

import { parseMatchKey } from './field-match.js';
import { int32, isSet, type EntityMessage, type UpdateMessage } from './messages.js';
import { Code, failure, type P4Status } from './status.js';
import { cellRange } from './write-externs.js';
import type { WriteContext } from './write-tables.js';
import { applyUpdate } from './write.js';

type Undo = () => void;
const nothing: Undo = () => {};

/** A copy of captured state: a target may hand out its live objects and then change them in place. */
function snapshot<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

function tableEntryUndo(context: WriteContext, message: EntityMessage['table_entry']): Undo {
  const { target, index } = context;
  const table = index.tables.get(message?.table_id ?? 0);
  if (!message || !table) return nothing;
  if (message.is_default_action === true) {
    const prior = snapshot(target.getDefaultEntry(table.id));
    return () => target.setDefaultEntry(table.id, prior);
  }
  const match = parseMatchKey(table.matchFields, table.matchFieldById, message.match);
  if (!match.ok) return nothing;
  const priority = int32(message.priority);
  const prior = snapshot(target.getTableEntry(table.id, match.value, priority));
  return () => {
    const now = target.getTableEntry(table.id, match.value, priority);
    if (!prior) {
      if (now) target.deleteTableEntry(table.id, match.value, priority);
    } else if (now) target.modifyTableEntry(prior);
    else target.insertTableEntry(prior);
  };
}

/** Undo for an entity kept in a keyed collection of the target (members, groups, PRE entries). */
function keyedUndo<T>(
  find: () => T | undefined, insert: (item: T) => void, modify: (item: T) => void, remove: () => void,
): Undo {
  const prior = snapshot(find());
  return () => {
    const now = find();
    if (!prior) {
      if (now) remove();
    } else if (now) modify(prior);
    else insert(prior);
  };
}

function cellsUndo<T>(
  index: Parameters<typeof cellRange>[0], size: number, read: (cell: number) => T, write: (cell: number, value: T) => void,
): Undo {
  const cells = cellRange(index, size);
  if (!cells.ok) return nothing;
  const prior = cells.value.map((cell) => [cell, snapshot(read(cell))] as const);
  return () => {
    for (const [cell, value] of prior) write(cell, value);
  };
}

/** Captures what `update` may change; the returned function restores it. */
export function captureUndo(context: WriteContext, update: UpdateMessage): Undo {
  const entity = update.entity;
  if (!isSet(entity)) return nothing;
  const { target, index } = context;
  if (isSet(entity.table_entry)) return tableEntryUndo(context, entity.table_entry);
  if (isSet(entity.direct_counter_entry)) return tableEntryUndo(context, entity.direct_counter_entry.table_entry);
  if (isSet(entity.direct_meter_entry)) return tableEntryUndo(context, entity.direct_meter_entry.table_entry);
  if (isSet(entity.action_profile_member)) {
    const profile = entity.action_profile_member.action_profile_id ?? 0;
    const id = entity.action_profile_member.member_id ?? 0;
    return keyedUndo(
      () => [...target.members(profile)].find((member) => member.memberId === id),
      (member) => target.insertMember(member), (member) => target.modifyMember(member), () => target.deleteMember(profile, id),
    );
  }
  if (isSet(entity.action_profile_group)) {
    const profile = entity.action_profile_group.action_profile_id ?? 0;
    const id = entity.action_profile_group.group_id ?? 0;
    return keyedUndo(
      () => [...target.groups(profile)].find((group) => group.groupId === id),
      (group) => target.insertGroup(group), (group) => target.modifyGroup(group), () => target.deleteGroup(profile, id),
    );
  }
  if (isSet(entity.packet_replication_engine_entry)) {
    const { multicast_group_entry: multicast, clone_session_entry: clone } = entity.packet_replication_engine_entry;
    if (isSet(multicast)) {
      const id = multicast.multicast_group_id ?? 0;
      return keyedUndo(
        () => [...target.multicastGroups()].find((group) => group.multicastGroupId === id),
        (group) => target.insertMulticastGroup(group), (group) => target.modifyMulticastGroup(group), () => target.deleteMulticastGroup(id),
      );
    }
    if (isSet(clone)) {
      const id = clone.session_id ?? 0;
      return keyedUndo(
        () => [...target.cloneSessions()].find((session) => session.sessionId === id),
        (session) => target.insertCloneSession(session), (session) => target.modifyCloneSession(session), () => target.deleteCloneSession(id),
      );
    }
    return nothing;
  }
  if (isSet(entity.counter_entry)) {
    const counter = index.counters.get(entity.counter_entry.counter_id ?? 0);
    if (!counter) return nothing;
    return cellsUndo(entity.counter_entry.index, counter.size, (cell) => target.readCounter(counter.id, cell), (cell, value) => target.writeCounter(counter.id, cell, value));
  }
  if (isSet(entity.meter_entry)) {
    const meter = index.meters.get(entity.meter_entry.meter_id ?? 0);
    if (!meter) return nothing;
    return cellsUndo(entity.meter_entry.index, meter.size, (cell) => target.readMeter(meter.id, cell), (cell, value) => target.writeMeter(meter.id, cell, value));
  }
  if (isSet(entity.register_entry)) {
    const register = index.registers.get(entity.register_entry.register_id ?? 0);
    if (!register) return nothing;
    return cellsUndo(entity.register_entry.index, register.size, (cell) => target.readRegister(register.id, cell), (cell, value) => target.writeRegister(register.id, cell, value));
  }
  if (isSet(entity.value_set_entry)) {
    const id = entity.value_set_entry.value_set_id ?? 0;
    if (!index.valueSets.has(id)) return nothing;
    const prior = target.valueSetMembers(id);
    return () => target.writeValueSet(id, prior);
  }
  if (isSet(entity.digest_entry)) {
    const id = entity.digest_entry.digest_id ?? 0;
    if (!index.digests.has(id)) return nothing;
    const prior = target.getDigestConfig(id);
    return () => target.setDigestConfig(id, prior);
  }
  return nothing;
}

/**
 * Applies updates in order until one fails, then undoes the applied ones in
 * reverse. Statuses: the failing update's own error; the others ABORTED
 * (rolled back, or never attempted).
 */
export function applyAllOrNone(context: WriteContext, updates: readonly UpdateMessage[]): P4Status[] {
  const undos: Undo[] = [];
  for (let i = 0; i < updates.length; i++) {
    const undo = captureUndo(context, updates[i]);
    let status: P4Status;
    try {
      status = applyUpdate(context, updates[i]);
    } catch (error) {
      status = failure(Code.INTERNAL, `internal error: ${(error as Error).message}`);
    }
    if (status.code === Code.OK) {
      undos.push(undo);
      continue;
    }
    // A failed update may still have changed state (a target error mid-way): undo it too.
    undo();
    for (let j = undos.length - 1; j >= 0; j--) undos[j]();
    return updates.map((_, position) => position === i ? status
      : failure(Code.ABORTED, position < i ? 'rolled back: another update of the batch failed' : 'not attempted: another update of the batch failed'));
  }
  return updates.map(() => ({ code: Code.OK, message: '' }));
}
