// StfTarget over P4Runtime: the control-plane half of an STF file (`add`,
// `setdefault`, `remove`, multicast groups, clone sessions, counters) becomes
// Write and Read RPCs of a primary client, so the same vectors that prove the
// P4 program also prove the P4Runtime path to it. The data-plane half (packet,
// expect) goes through ports, which stand for the wires (a PortHarness).
// Names resolve against the P4Info with the STF resolver, then encode as the
// server would read them back (src/p4rt/server/encode.ts), so bytestrings are
// canonical (P4Runtime §8.4).

import { fail, ok, type Result } from '../packet/bytes.js';
import type { P4RuntimeClient } from '../p4rt/client/client.js';
import { buildP4InfoIndex, type P4InfoIndex } from '../p4rt/p4info-index.js';
import { encodeAction, encodeCloneSession, encodeMatch, encodeMulticastGroup } from '../p4rt/server/encode.js';
import { long64, type EntityMessage, type TableEntryMessage, type UpdateMessage } from '../p4rt/server/messages.js';
import { codeNames } from '../p4rt/server/status.js';
import type { StfKey } from '../sim/stf/ast.js';
import { toP4InfoView } from '../sim/stf/p4info-view.js';
import { findTable, resolveAction, resolveCounter, resolveMatch, type P4InfoView } from '../sim/stf/resolve.js';
import type {
  StfActionArgument, StfCloneDestination, StfCounterCell, StfCounterValue, StfOutputPacket, StfReplica, StfTarget,
} from '../sim/stf/target.js';

/** The wires: inject a frame into a switch port, collect what came out (PortHarness fits). */
export interface DataPlane {
  packetIn(port: number, data: Uint8Array): Promise<void>;
  collectOutputs(): StfOutputPacket[];
  wait(): Promise<void>;
}

/** One RPC failure as a line: the per-update error when there is one. */
export function describeFailure(result: { code: number; message: string; details?: { code: number; message: string }[] }): string {
  const detail = result.details?.find((status) => status.code !== 0);
  const status = detail ?? result;
  return `${codeNames[status.code] ?? status.code}: ${status.message}`;
}

export class P4RuntimeStfTarget implements StfTarget {
  private readonly multicastGroups = new Set<number>();
  private readonly cloneSessions = new Set<number>();
  /** Clone sessions made with mirroring_add_mc: the group whose replicas they copy. */
  private readonly cloneGroups = new Map<number, number>();
  private readonly groupReplicas = new Map<number, StfReplica[]>();

  private constructor(
    private readonly client: P4RuntimeClient,
    readonly view: P4InfoView,
    readonly index: P4InfoIndex,
    private readonly dataPlane: DataPlane,
  ) {}

  static create(client: P4RuntimeClient, p4info: Record<string, unknown>, dataPlane: DataPlane): Result<P4RuntimeStfTarget> {
    const view = toP4InfoView(p4info);
    if (!view.ok) return view;
    const index = buildP4InfoIndex(p4info);
    if (!index.ok) return fail(index.message);
    return ok(new P4RuntimeStfTarget(client, view.value, index.index, dataPlane));
  }

  private async write(updates: UpdateMessage[]): Promise<Result<void>> {
    const result = await this.client.write(updates);
    return result.ok ? ok(undefined) : fail(describeFailure(result));
  }

  /** The TableEntry message of an STF entry (for writes and for direct counter reads). */
  tableEntry(table: string, keys: StfKey[], priority?: number, action?: { name: string; args: StfActionArgument[] }): Result<TableEntryMessage> {
    const match = resolveMatch(this.view, table, keys, priority);
    if (!match.ok) return match;
    const message: TableEntryMessage = {
      table_id: match.value.tableId,
      match: encodeMatch(this.index.tables.get(match.value.tableId)?.matchFields ?? [], match.value.match),
    };
    if (match.value.priority !== 0) message.priority = match.value.priority;
    if (action) {
      const invocation = resolveAction(this.view, table, action.name, action.args);
      if (!invocation.ok) return invocation;
      message.action = { action: encodeAction(this.index, invocation.value) };
    }
    return ok(message);
  }

  async addEntry(table: string, keys: StfKey[], action: string, args: StfActionArgument[], priority?: number): Promise<Result<void>> {
    const entry = this.tableEntry(table, keys, priority, { name: action, args });
    return entry.ok ? this.write([{ type: 'INSERT', entity: { table_entry: entry.value } }]) : entry;
  }

  async setDefault(table: string, action: string, args: StfActionArgument[]): Promise<Result<void>> {
    const found = findTable(this.view, table);
    if (!found.ok) return found;
    const invocation = resolveAction(this.view, table, action, args);
    if (!invocation.ok) return invocation;
    // §9.1.3: the default entry is written with MODIFY, is_default_action and no match.
    const message: TableEntryMessage = { table_id: found.value.preamble.id, is_default_action: true, action: { action: encodeAction(this.index, invocation.value) } };
    return this.write([{ type: 'MODIFY', entity: { table_entry: message } }]);
  }

  async removeEntry(table: string, keys: StfKey[], priority?: number): Promise<Result<void>> {
    const entry = this.tableEntry(table, keys, priority);
    return entry.ok ? this.write([{ type: 'DELETE', entity: { table_entry: entry.value } }]) : entry;
  }

  async removeAllEntries(): Promise<Result<void>> {
    const read = await this.client.read([{ table_entry: {} }]);
    if (!read.ok) return fail(describeFailure(read));
    const deletes = read.value
      .filter((entity) => entity.table_entry && !entity.table_entry.is_const)
      .map((entity): UpdateMessage => ({ type: 'DELETE', entity: { table_entry: { ...entity.table_entry, action: undefined } } }));
    return deletes.length === 0 ? ok(undefined) : this.write(deletes);
  }

  packetIn(port: number, data: Uint8Array): Promise<void> {
    return this.dataPlane.packetIn(port, data);
  }

  collectOutputs(): StfOutputPacket[] {
    return this.dataPlane.collectOutputs();
  }

  wait(): Promise<void> {
    return this.dataPlane.wait();
  }

  async writeMulticastGroup(groupId: number, replicas: StfReplica[]): Promise<Result<void>> {
    const type = this.multicastGroups.has(groupId) ? 'MODIFY' : 'INSERT';
    const group = encodeMulticastGroup({ multicastGroupId: groupId, replicas, metadata: new Uint8Array(0) });
    const written = await this.write([{ type, entity: { packet_replication_engine_entry: { multicast_group_entry: group } } }]);
    if (!written.ok) return written;
    this.multicastGroups.add(groupId);
    this.groupReplicas.set(groupId, replicas);
    // A P4Runtime clone session lists its replicas: follow the group it was made from, as BMv2 does.
    for (const [sessionId, cloneGroup] of this.cloneGroups) {
      if (cloneGroup !== groupId) continue;
      const refreshed = await this.writeSession(sessionId, replicas);
      if (!refreshed.ok) return refreshed;
    }
    return ok(undefined);
  }

  async writeCloneSession(sessionId: number, destination: StfCloneDestination): Promise<Result<void>> {
    if (destination.kind === 'port') {
      this.cloneGroups.delete(sessionId);
      return this.writeSession(sessionId, [{ egressPort: destination.port, instance: 0 }]);
    }
    const replicas = this.groupReplicas.get(destination.groupId);
    if (!replicas) return fail(`no multicast group ${destination.groupId}`);
    const written = await this.writeSession(sessionId, replicas);
    if (written.ok) this.cloneGroups.set(sessionId, destination.groupId);
    return written;
  }

  private async writeSession(sessionId: number, replicas: StfReplica[]): Promise<Result<void>> {
    const type = this.cloneSessions.has(sessionId) ? 'MODIFY' : 'INSERT';
    const session = encodeCloneSession({ sessionId, replicas, classOfService: 0, packetLengthBytes: 0 });
    const written = await this.write([{ type, entity: { packet_replication_engine_entry: { clone_session_entry: session } } }]);
    if (written.ok) this.cloneSessions.add(sessionId);
    return written;
  }

  async deleteCloneSession(sessionId: number): Promise<Result<void>> {
    this.cloneGroups.delete(sessionId);
    this.cloneSessions.delete(sessionId);
    return this.write([{ type: 'DELETE', entity: { packet_replication_engine_entry: { clone_session_entry: { session_id: sessionId } } } }]);
  }

  async readCounter(counter: string, cell: StfCounterCell): Promise<Result<StfCounterValue>> {
    const resolved = resolveCounter(this.view, counter);
    if (!resolved.ok) return resolved;
    let query: EntityMessage;
    if (resolved.value.kind === 'indirect') {
      if (cell.kind !== 'index') return fail(`counter ${counter} is indexed, not per entry`);
      query = { counter_entry: { counter_id: resolved.value.id, index: { index: cell.index.toString() } } };
    } else {
      if (cell.kind !== 'entry') return fail(`counter ${counter} is a direct counter: name an entry handle`);
      const entry = this.tableEntry(cell.table, cell.keys, cell.priority);
      if (!entry.ok) return entry;
      query = { direct_counter_entry: { table_entry: entry.value } };
    }
    const read = await this.client.read([query]);
    if (!read.ok) return fail(describeFailure(read));
    const data = read.value[0]?.counter_entry?.data ?? read.value[0]?.direct_counter_entry?.data;
    if (!data) return fail(`counter ${counter}: nothing read back`);
    return ok({ packets: long64(data.packet_count), bytes: long64(data.byte_count) });
  }
}
