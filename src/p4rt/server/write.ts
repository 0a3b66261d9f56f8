// The updates of one WriteRequest (P4Runtime 1.4 §12). Batch semantics
// (§12.2): CONTINUE_ON_ERROR — every update is attempted in order and gets its
// own status; ROLLBACK_ON_ERROR and DATAPLANE_ATOMIC apply all or none
// (rollback.ts).

import { enumName, isSet, updateTypes, type Atomicity, type EntityMessage, type UpdateMessage } from './messages.js';
import { applyAllOrNone } from './rollback.js';
import { entityInScope, outOfScope, type RoleScope } from './roles.js';
import { Code, failure, type P4Status } from './status.js';
import type { WriteKind } from './table-entry.js';
import {
  writeCounter, writeDigest, writeDirectCounter, writeDirectMeter, writeMeter, writeRegister, writeReplication,
  writeValueSet,
} from './write-externs.js';
import { writeGroup, writeMember, writeTableEntry, type WriteContext } from './write-tables.js';

export function applyUpdate(context: WriteContext, update: UpdateMessage): P4Status {
  const type = enumName(update.type, updateTypes);
  if (type === undefined || type === 'UNSPECIFIED') return failure(Code.INVALID_ARGUMENT, 'update type must be INSERT, MODIFY or DELETE');
  if (!isSet(update.entity)) return failure(Code.INVALID_ARGUMENT, 'update has no entity');
  return applyEntity(context, type, update.entity);
}

function applyEntity(context: WriteContext, kind: WriteKind, entity: EntityMessage): P4Status {
  if (isSet(entity.table_entry)) return writeTableEntry(context, kind, entity.table_entry);
  if (isSet(entity.action_profile_member)) return writeMember(context, kind, entity.action_profile_member);
  if (isSet(entity.action_profile_group)) return writeGroup(context, kind, entity.action_profile_group);
  if (isSet(entity.counter_entry)) return writeCounter(context, kind, entity.counter_entry);
  if (isSet(entity.direct_counter_entry)) return writeDirectCounter(context, kind, entity.direct_counter_entry);
  if (isSet(entity.meter_entry)) return writeMeter(context, kind, entity.meter_entry);
  if (isSet(entity.direct_meter_entry)) return writeDirectMeter(context, kind, entity.direct_meter_entry);
  if (isSet(entity.packet_replication_engine_entry)) return writeReplication(context, kind, entity.packet_replication_engine_entry);
  if (isSet(entity.value_set_entry)) return writeValueSet(context, kind, entity.value_set_entry);
  if (isSet(entity.register_entry)) return writeRegister(context, kind, entity.register_entry);
  if (isSet(entity.digest_entry)) return writeDigest(context, kind, entity.digest_entry);
  if (isSet(entity.extern_entry)) return failure(Code.UNIMPLEMENTED, 'extern entries are not supported');
  return failure(Code.INVALID_ARGUMENT, 'entity has no entry set');
}

/** Applies every update in order; one status per update (§12.3). A throwing target is an INTERNAL error for that update. */
export function applyUpdates(context: WriteContext, updates: readonly UpdateMessage[]): P4Status[] {
  const statuses: P4Status[] = new Array(updates.length);
  for (let i = 0; i < updates.length; i++) {
    try {
      statuses[i] = applyUpdate(context, updates[i]);
    } catch (error) {
      statuses[i] = failure(Code.INTERNAL, `internal error: ${(error as Error).message}`);
    }
  }
  return statuses;
}

/**
 * One WriteRequest's updates under its atomicity (§12.2) and the writer's
 * role scope (§5 "Role Config": a role writes only the entities its config
 * lists; out of scope → PERMISSION_DENIED for that update). With
 * CONTINUE_ON_ERROR the in-scope updates still apply; an all-or-none batch
 * with an out-of-scope update applies nothing.
 */
export function applyBatch(
  context: WriteContext, updates: readonly UpdateMessage[], atomicity: Atomicity, scope: RoleScope | undefined, role: string,
): P4Status[] {
  const allOrNone = atomicity !== 'CONTINUE_ON_ERROR';
  // A fresh context per batch: its clock reading (batchNowNs) must not outlive the batch.
  const batch: WriteContext = { index: context.index, target: context.target };
  if (scope !== undefined) {
    const denied = updates.map((update) => !isSet(update.entity) || entityInScope(scope, update.entity) ? undefined : outOfScope(role));
    if (denied.some((status) => status !== undefined)) {
      if (allOrNone) return denied.map((status) => status ?? failure(Code.ABORTED, 'not attempted: another update of the batch failed'));
      const allowed = updates.filter((_, position) => denied[position] === undefined);
      const applied = applyUpdates(batch, allowed);
      let next = 0;
      return denied.map((status) => status ?? applied[next++]);
    }
  }
  return allOrNone ? applyAllOrNone(batch, updates) : applyUpdates(batch, updates);
}
