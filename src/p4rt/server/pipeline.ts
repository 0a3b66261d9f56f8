// Forwarding pipeline state of the server (P4Runtime 1.4 §14, §15): the
// committed config, a config saved by VERIFY_AND_SAVE, and the reconcile of
// RECONCILE_AND_COMMIT. The P4Info bytes are kept exactly as received so
// GetForwardingPipelineConfig returns them unchanged.

import type { ForwardingTarget, PipelineConfig } from '../target.js';
import { buildP4InfoIndex } from '../p4info-index.js';
import { parseDeviceConfig } from './device-config.js';
import type { EntityMessage, UpdateMessage } from './messages.js';
import { readEntity } from './read.js';
import { Code, type Result, rejection, success } from './status.js';
import { applyUpdates } from './write.js';

export interface InstalledPipeline extends PipelineConfig {
  p4infoBytes: Uint8Array;
  deviceConfigBytes: Uint8Array;
  /** undefined = no cookie given (differs from cookie 0). */
  cookie: string | undefined;
}

/** Validates P4Info and device config into a pipeline a target can be asked to realize. */
export function preparePipeline(
  p4info: Record<string, unknown> | null | undefined, p4infoBytes: Uint8Array, deviceConfigBytes: Uint8Array,
  cookie: string | undefined,
): Result<InstalledPipeline> {
  if (!p4info) return rejection(Code.INVALID_ARGUMENT, 'config.p4info is required');
  const index = buildP4InfoIndex(p4info);
  if (!index.ok) return rejection(Code.INVALID_ARGUMENT, `invalid P4Info: ${index.message}`);
  const deviceConfig = parseDeviceConfig(deviceConfigBytes);
  if (!deviceConfig.ok) return rejection(Code.INVALID_ARGUMENT, deviceConfig.message);
  return success({ p4info, index: index.index, deviceConfig: deviceConfig.config, p4infoBytes, deviceConfigBytes, cookie });
}

/** Wildcard reads that capture all forwarding state, in the order it must be written back. */
const stateQueries: EntityMessage[] = [
  { action_profile_member: {} },
  { action_profile_group: {} },
  { table_entry: { counter_data: {}, meter_config: {} } },
  { table_entry: { is_default_action: true, counter_data: {}, meter_config: {} } },
  { counter_entry: {} },
  { meter_entry: {} },
  { register_entry: {} },
  { packet_replication_engine_entry: { multicast_group_entry: {} } },
  { packet_replication_engine_entry: { clone_session_entry: {} } },
  { value_set_entry: {} },
  { digest_entry: {} },
];

function updateFor(entity: EntityMessage): UpdateMessage | undefined {
  if (entity.table_entry) {
    const entry = entity.table_entry;
    if (entry.is_const) return undefined; // the new program brings its own const entries
    if (entry.is_default_action) {
      // Only a changed default is state; a program default resets anyway.
      return { type: 'MODIFY', entity };
    }
    return { type: 'INSERT', entity };
  }
  if (entity.counter_entry || entity.meter_entry || entity.register_entry || entity.value_set_entry) return { type: 'MODIFY', entity };
  return { type: 'INSERT', entity };
}

/**
 * RECONCILE_AND_COMMIT: commit `next` and write back the state of the old
 * pipeline that still fits the new P4Info (same ids, valid against it).
 * Returns how many entities were kept and dropped.
 */
export async function reconcileAndCommit(
  target: ForwardingTarget, current: InstalledPipeline | undefined, next: InstalledPipeline,
): Promise<Result<{ kept: number; dropped: number }>> {
  const saved: EntityMessage[] = [];
  if (current) {
    const context = { index: current.index, target };
    for (const query of stateQueries) {
      const outcome = readEntity(context, query);
      if (outcome.status.code === Code.OK) saved.push(...outcome.entities);
    }
  }
  const committed = await target.commitPipeline(next);
  if (committed.code !== Code.OK) return { ok: false, status: committed };
  const updates = saved.map(updateFor).filter((update): update is UpdateMessage => update !== undefined);
  const statuses = applyUpdates({ index: next.index, target }, updates);
  const kept = statuses.filter((status) => status.code === Code.OK).length;
  return success({ kept, dropped: statuses.length - kept });
}
