// Write updates for tables and action profiles (P4Runtime 1.4 §9.1, §9.2,
// §12 "Write RPC"): validated by table-entry.ts / field-match.ts, then applied
// to the target. Each function returns the status of its one update.

import type { ActionProfileGroup, TableEntryState } from '../../sim/entries.js';
import type { ForwardingTarget } from '../target.js';
import type { P4InfoIndex } from '../p4info-index.js';
import { parseAction } from './field-match.js';
import { bytesOf, int32, isSet, type ActionProfileGroupMessage, type ActionProfileMemberMessage, type TableEntryMessage } from './messages.js';
import { Code, failure, type P4Status } from './status.js';
import { parseTableEntryWrite, type WriteKind } from './table-entry.js';

export interface WriteContext {
  index: P4InfoIndex;
  target: ForwardingTarget;
  /**
   * Target time taken once per batch for the idle timers of inserted entries:
   * a batch is applied between two packets, so one reading serves it all.
   */
  batchNowNs?: bigint;
}

export function writeTableEntry(context: WriteContext, kind: WriteKind, message: TableEntryMessage): P4Status {
  const parsed = parseTableEntryWrite(context.index, message, kind);
  if (!parsed.ok) return parsed.status;
  const { table, entry, isDefault } = parsed.value;
  const { target } = context;
  if (isDefault) {
    if (!parsed.value.hasAction) return target.setDefaultEntry(table.id, undefined); // §9.1.3: reset to the program's default
    const current = target.getDefaultEntry(table.id);
    if (!parsed.value.hasCounterData && current) entry.counter = current.counter;
    return target.setDefaultEntry(table.id, entry);
  }
  // §9.1.4 "Constant Tables": only MODIFY of direct resources; everything else PERMISSION_DENIED.
  if (table.isConstTable && kind !== 'MODIFY') return failure(Code.PERMISSION_DENIED, `table ${table.name} is const`);
  if (parsed.value.hasAction && entry.action.kind === 'oneShot' && profileHasMembersOrGroups(context, table.implementationId)) {
    return failure(Code.INVALID_ARGUMENT, 'one-shot entries cannot be mixed with members and groups on one selector');
  }
  switch (kind) {
    case 'INSERT':
      entry.lastHitNs = context.batchNowNs ??= target.nowNs();
      return target.insertTableEntry(entry);
    case 'DELETE': {
      const existing = target.getTableEntry(table.id, entry.match, entry.priority);
      if (existing?.isConst) return failure(Code.PERMISSION_DENIED, 'entry is const');
      return target.deleteTableEntry(table.id, entry.match, entry.priority);
    }
    case 'MODIFY': {
      const existing = target.getTableEntry(table.id, entry.match, entry.priority);
      if (!existing) return failure(Code.NOT_FOUND, 'table entry not found');
      if ((table.isConstTable || existing.isConst) && parsed.value.hasAction) {
        return failure(Code.PERMISSION_DENIED, 'the action of a const entry cannot be modified');
      }
      const next: TableEntryState = {
        ...entry,
        // §9.1.2: an unset action in MODIFY keeps the action.
        action: parsed.value.hasAction ? entry.action : existing.action,
        // §9.1 "Direct Resources": unset counter_data keeps the counter; unset meter_config resets the meter (entry.meterConfig stays undefined).
        counter: parsed.value.hasCounterData ? entry.counter : existing.counter,
        lastHitNs: existing.lastHitNs,
        isConst: existing.isConst,
      };
      if (existing.isConst || table.isConstTable) {
        next.controllerMetadata = existing.controllerMetadata;
        next.metadata = existing.metadata;
        next.idleTimeoutNs = existing.idleTimeoutNs;
      }
      return target.modifyTableEntry(next);
    }
  }
}

function profileOf(context: WriteContext, id: number | undefined) {
  return context.index.actionProfiles.get(id ?? 0);
}

// §9.2.3: "All the tables associated with an action selector may either be
// programmed exclusively with one shots, or exclusively with
// ActionProfileMember and ActionProfileGroup messages … INVALID_ARGUMENT".
function profileHasMembersOrGroups(context: WriteContext, profileId: number): boolean {
  for (const _member of context.target.members(profileId)) return true;
  for (const _group of context.target.groups(profileId)) return true;
  return false;
}

function profileHasOneShots(context: WriteContext, profileId: number): boolean {
  for (const tableId of context.index.actionProfiles.get(profileId)?.tableIds ?? []) {
    for (const entry of context.target.tableEntries(tableId)) if (entry.action.kind === 'oneShot') return true;
  }
  return false;
}

export function writeMember(context: WriteContext, kind: WriteKind, message: ActionProfileMemberMessage): P4Status {
  const profile = profileOf(context, message.action_profile_id);
  if (!profile) return failure(Code.NOT_FOUND, `action profile ${message.action_profile_id ?? 0} not found`);
  const memberId = int32(message.member_id);
  if (memberId === 0) return failure(Code.INVALID_ARGUMENT, 'member_id must be non-zero');
  if (kind === 'DELETE') return context.target.deleteMember(profile.id, memberId);
  if (kind === 'INSERT' && profileHasOneShots(context, profile.id)) {
    return failure(Code.INVALID_ARGUMENT, `action profile ${profile.name} is programmed with one-shot entries`);
  }
  // §9.2.1: "The action specification must be provided, or the server must return INVALID_ARGUMENT".
  if (!isSet(message.action)) return failure(Code.INVALID_ARGUMENT, 'member needs an action');
  // Members may be bound only to actions of the tables the profile implements.
  const table = context.index.tables.get(profile.tableIds[0] ?? 0);
  if (!table) return failure(Code.INVALID_ARGUMENT, `action profile ${profile.name} implements no table`);
  const action = parseAction(context.index, table.actionScopes, message.action, 'member');
  if (!action.ok) return action.status;
  const member = { actionProfileId: profile.id, memberId, action: action.value };
  return kind === 'INSERT' ? context.target.insertMember(member) : context.target.modifyMember(member);
}

export function writeGroup(context: WriteContext, kind: WriteKind, message: ActionProfileGroupMessage): P4Status {
  const profile = profileOf(context, message.action_profile_id);
  if (!profile) return failure(Code.NOT_FOUND, `action profile ${message.action_profile_id ?? 0} not found`);
  if (!profile.withSelector) return failure(Code.INVALID_ARGUMENT, `action profile ${profile.name} has no selector`);
  const groupId = int32(message.group_id);
  if (groupId === 0) return failure(Code.INVALID_ARGUMENT, 'group_id must be non-zero');
  if (kind === 'DELETE') return context.target.deleteGroup(profile.id, groupId);
  if (kind === 'INSERT' && profileHasOneShots(context, profile.id)) {
    return failure(Code.INVALID_ARGUMENT, `action profile ${profile.name} is programmed with one-shot entries`);
  }
  const members: ActionProfileGroup['members'] = [];
  const seen = new Set<number>();
  let weightSum = 0;
  for (const member of message.members ?? []) {
    const memberId = int32(member.member_id);
    const weight = int32(member.weight);
    // §9.2.2: weight 0 is invalid; duplicates are not allowed (weight repeats a member).
    if (weight <= 0) return failure(Code.INVALID_ARGUMENT, `member ${memberId}: weight must be positive`);
    if (seen.has(memberId)) return failure(Code.INVALID_ARGUMENT, `member ${memberId} listed twice`);
    if (profile.sumOfMembers && profile.maxMemberWeight > 0 && weight > profile.maxMemberWeight) {
      return failure(Code.INVALID_ARGUMENT, `member ${memberId}: weight exceeds maxMemberWeight`);
    }
    seen.add(memberId);
    weightSum += weight;
    const watchBytes = bytesOf(member.watch_port);
    const watchPort = watchBytes.length > 0 ? watchBytes.reduce((value, byte) => value * 256 + byte, 0) : member.watch || undefined;
    members.push({ memberId, weight, ...(watchPort !== undefined ? { watchPort } : {}) });
  }
  const maxSize = int32(message.max_size);
  // §9.2.2.1 rules on maxSize.
  if (maxSize < 0) return failure(Code.INVALID_ARGUMENT, 'max_size must not be negative');
  if (profile.maxGroupSize > 0 && (maxSize === 0 || maxSize > profile.maxGroupSize)) {
    return failure(Code.INVALID_ARGUMENT, `maxSize must be in 1..${profile.maxGroupSize}`);
  }
  const size = profile.sumOfMembers ? members.length : weightSum;
  if (maxSize > 0 && size > maxSize) return failure(Code.RESOURCE_EXHAUSTED, `group size ${size} exceeds maxSize ${maxSize}`);
  const group: ActionProfileGroup = { actionProfileId: profile.id, groupId, members, maxSize };
  if (kind === 'INSERT') return context.target.insertGroup(group);
  for (const existing of context.target.groups(profile.id)) {
    if (existing.groupId === groupId && existing.maxSize !== maxSize) {
      return failure(Code.INVALID_ARGUMENT, 'max_size cannot change in MODIFY');
    }
  }
  return context.target.modifyGroup(group);
}
