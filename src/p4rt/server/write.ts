// The updates of one WriteRequest (P4Runtime 1.4 §12). Batch semantics
// (§12.2): CONTINUE_ON_ERROR — every update is attempted in order and gets its
// own status. ROLLBACK_ON_ERROR and DATAPLANE_ATOMIC are optional and answered
// with UNIMPLEMENTED by the caller.

import { enumName, isSet, updateTypes, type EntityMessage, type UpdateMessage } from './messages.js';
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
