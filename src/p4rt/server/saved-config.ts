// The saved-but-not-committed pipeline of SetForwardingPipelineConfig
// (P4Runtime 1.4 §14):
//
// - VERIFY_AND_SAVE: "saves the config … The forwarding state in the target
//   is not modified. However, any subsequent Read / Write requests must refer
//   to fields in the new config."
// - COMMIT: "realizes the last saved, but not yet committed, config. The
//   forwarding state in the target is updated by replaying the write requests
//   to the target device since the last config was saved."
//
// So between the two, writes are validated against the saved P4Info and
// answered with their real per-update statuses (§12.3), and reads answer for
// the state COMMIT will produce. Both run against a staging MemoryTarget that
// holds the saved pipeline; the target keeps forwarding with the old one.
// The accepted updates are kept in order and replayed at COMMIT, each batch
// with its own atomicity.

import type { ForwardingTarget } from '../target.js';
import { MemoryTarget } from './memory-target.js';
import type { Atomicity, UpdateMessage } from './messages.js';
import type { InstalledPipeline } from './pipeline.js';
import { Code, codeNames, failure, ok, type P4Status } from './status.js';
import { applyBatch } from './write.js';
import type { WriteContext } from './write-tables.js';

interface AcceptedBatch {
  atomicity: Atomicity;
  updates: UpdateMessage[];
}

export class SavedPipeline {
  private readonly staging: MemoryTarget;
  private readonly accepted: AcceptedBatch[] = [];

  constructor(readonly pipeline: InstalledPipeline, nowNs: () => bigint) {
    this.staging = new MemoryTarget({ nowNs });
    this.staging.commitPipeline(pipeline);
  }

  /** Read/Write context of the saved config: its P4Info, the staged state. */
  context(): WriteContext {
    return { index: this.pipeline.index, target: this.staging };
  }

  /** Remembers the updates of one batch that the staged state accepted, for COMMIT. */
  record(atomicity: Atomicity, updates: readonly UpdateMessage[], statuses: readonly P4Status[]): void {
    const accepted = updates.filter((_, position) => statuses[position].code === Code.OK);
    if (accepted.length > 0) this.accepted.push({ atomicity, updates: accepted });
  }

  /** Number of updates COMMIT will replay. */
  pendingUpdates(): number {
    let count = 0;
    for (const batch of this.accepted) count += batch.updates.length;
    return count;
  }

  /**
   * COMMIT: realizes the saved pipeline on the target (which clears its state
   * and loads the program's initial entries), then replays the accepted
   * writes. The writes were answered OK when they arrived, so a replayed
   * update the target refuses now (a capacity or const entry the staging
   * target does not model) breaks that promise: COMMIT then reports INTERNAL
   * with the count and the first failure rather than dropping it.
   */
  async commit(target: ForwardingTarget): Promise<{ committed: boolean; status: P4Status }> {
    const committed = await target.commitPipeline(this.pipeline);
    if (committed.code !== Code.OK) return { committed: false, status: committed };
    const context = { index: this.pipeline.index, target };
    let failed = 0;
    let first: P4Status | undefined;
    for (const batch of this.accepted) {
      // The writer's role scope was checked when the batch arrived.
      for (const status of applyBatch(context, batch.updates, batch.atomicity, undefined, '')) {
        if (status.code === Code.OK) continue;
        failed++;
        first ??= status;
      }
    }
    if (!first) return { committed: true, status: ok };
    return {
      committed: true,
      status: failure(Code.INTERNAL, `saved config committed, but ${failed} of ${this.pendingUpdates()} replayed updates failed; ` +
        `first: ${codeNames[first.code]} ${first.message}`),
    };
  }
}
