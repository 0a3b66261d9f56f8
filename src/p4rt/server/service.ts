// The P4Runtime service of one device, independent of gRPC: the RPC checks
// of P4Runtime 1.4 (§12 Write, §13 Read, §14/§15 pipeline, §16 stream,
// §17 Capabilities) over a ForwardingTarget. server.ts adapts it to grpc-js.

import { toCanonical } from '../bytestring.js';
import type { TableEntryState } from '../../sim/entries.js';
import type { ForwardingTarget } from '../target.js';
import { Arbitration, type ClientId } from './arbitration.js';
import { DigestLists, type DigestClock } from './digests.js';
import { encodeDigestValue, encodeTableEntry } from './encode.js';
import {
  atomicities, bytesOf, enumName, isSet, long64, pipelineActions, pipelineResponseTypes, type EntityMessage,
  type ForwardingPipelineConfigMessage, type GetPipelineRequestMessage, type ReadRequestMessage,
  type SetPipelineRequestMessage, type StreamRequestMessage, type StreamResponseMessage, type Uint128,
  type WriteRequestMessage,
} from './messages.js';
import { preparePipeline, reconcileAndCommit, type InstalledPipeline } from './pipeline.js';
import { readEntity } from './read.js';
import { entityInScope, idInScope, type RoleScope } from './roles.js';
import { SavedPipeline } from './saved-config.js';
import { Code, failure, ok, type P4Status } from './status.js';
import { handleStreamRequest } from './stream.js';
import { applyBatch } from './write.js';

/** P4Runtime version implemented (§17: full semantic version string). */
export const p4runtimeApiVersion = '1.4.1';

export interface ServiceOptions {
  target: ForwardingTarget;
  /** device_id this server answers for (default 1). */
  deviceId?: bigint;
  /** Entities per ReadResponse message (default 1000). */
  readChunkSize?: number;
  /** Wall clock for notification timestamps (ns since the epoch). */
  wallClockNs?: () => bigint;
  digestClock?: DigestClock;
}

export interface StreamSink {
  send(message: StreamResponseMessage): void;
  /** Terminates the stream with a status (arbitration errors, §5.3). */
  terminate(status: P4Status): void;
}

export interface WriteOutcome {
  status: P4Status;
  /** One status per update when some update failed (§12.3); absent otherwise. */
  details?: P4Status[];
}

export interface PipelineGetOutcome {
  status: P4Status;
  config?: { p4infoBytes?: Uint8Array; p4DeviceConfig?: Uint8Array; cookie?: string };
}

export function electionIdOf(value: Uint128 | null | undefined): bigint | undefined {
  if (!isSet(value)) return undefined;
  return (long64(value.high) << 64n) | long64(value.low);
}

export class P4RuntimeService {
  readonly deviceId: bigint;
  readonly arbitration: Arbitration;
  readonly target: ForwardingTarget;
  pipeline: InstalledPipeline | undefined;
  /** VERIFY_AND_SAVE: the saved config, its staged state and the writes to replay at COMMIT (§14). */
  private saved: SavedPipeline | undefined;
  private sinks = new Map<ClientId, StreamSink>();
  private nextClientId = 1;
  readonly digests: DigestLists;
  private readonly wallClockNs: () => bigint;
  private readonly readChunkSize: number;

  constructor(options: ServiceOptions) {
    this.target = options.target;
    this.deviceId = options.deviceId ?? 1n;
    this.readChunkSize = options.readChunkSize ?? 1000;
    this.wallClockNs = options.wallClockNs ?? (() => BigInt(Date.now()) * 1_000_000n);
    this.arbitration = new Arbitration((deviceId) => deviceId === this.deviceId);
    this.digests = new DigestLists(
      (digestId) => this.target.getDigestConfig(digestId),
      (list) => this.sendToPrimaries((scope) => idInScope(scope, list.digestId), {
        digest: {
          digest_id: list.digestId, list_id: list.listId.toString(),
          data: list.data.map(encodeDigestValue), timestamp: (this.wallClockNs()).toString(),
        },
      }),
      options.digestClock,
    );
    this.target.subscribe({
      // §5 "Role Config": PacketIn goes to the primaries whose role does packet I/O (full access included).
      packetIn: (payload, metadata) => this.sendToPrimaries((scope) => scope === undefined || scope.packetIo, {
        packet: {
          payload,
          metadata: [...metadata].map(([id, value]) => ({ metadata_id: id, value: toCanonical(value) })),
        },
      }),
      digest: (digestId, data) => this.digests.receive(digestId, data),
      idleTimeout: (entries) => this.notifyIdle(entries),
    });
  }

  /**
   * PacketIn, digests and idle timeouts go to the primary of every role whose
   * scope covers them (§5 "Role Config": a role lists the entities it may
   * "receive notification messages" for); the default role and roles without
   * role.config have full pipeline access. True if some primary got it.
   */
  sendToPrimaries(inScope: (scope: RoleScope | undefined) => boolean, message: StreamResponseMessage): boolean {
    let sent = false;
    for (const { clientId, scope } of this.arbitration.primaries(this.deviceId)) {
      const sink = inScope(scope) ? this.sinks.get(clientId) : undefined;
      sink?.send(message);
      sent ||= sink !== undefined;
    }
    return sent;
  }

  // ---- Write (§12) ----

  /** §12 checks in order: device/role → NOT_FOUND, not primary → PERMISSION_DENIED, no pipeline → FAILED_PRECONDITION. */
  write(request: WriteRequestMessage): WriteOutcome {
    const role = request.role ?? '';
    if (long64(request.device_id) !== this.deviceId) return { status: failure(Code.NOT_FOUND, `device ${long64(request.device_id)} not found`) };
    if (role !== '' && !this.arbitration.hasRole(this.deviceId, role)) return { status: failure(Code.NOT_FOUND, `role "${role}" not found`) };
    if (!this.arbitration.isPrimary(this.deviceId, role, electionIdOf(request.election_id))) {
      return { status: failure(Code.PERMISSION_DENIED, 'not the primary client for this device and role') };
    }
    const atomicity = enumName(request.atomicity, atomicities);
    if (atomicity === undefined) return { status: failure(Code.INVALID_ARGUMENT, 'unknown atomicity') };
    // §12.2: DATAPLANE_ATOMIC only where no packet can see a half-applied batch.
    if (atomicity === 'DATAPLANE_ATOMIC' && !this.target.atomicBatches) {
      return { status: failure(Code.UNIMPLEMENTED, 'this target cannot apply a batch atomically for the data plane') };
    }
    const scope = this.arbitration.scopeOf(this.deviceId, role);
    const updates = request.updates ?? [];
    if (this.saved) {
      // §14 VERIFY_AND_SAVE: "subsequent Read / Write requests must refer to fields in the new config";
      // validated now against the staged state, replayed at COMMIT.
      const statuses = applyBatch(this.saved.context(), updates, atomicity, scope, role);
      this.saved.record(atomicity, updates, statuses);
      return batchOutcome(statuses);
    }
    if (!this.pipeline) return { status: failure(Code.FAILED_PRECONDITION, 'no forwarding pipeline config set') };
    // Updates run synchronously, one after the other: the batch is applied
    // between two packets whenever the target forwards on this thread.
    return batchOutcome(applyBatch({ index: this.pipeline.index, target: this.target }, updates, atomicity, scope, role));
  }

  // ---- Read (§13) ----

  /**
   * Chunks of entities, then the final status. Requests are validated in
   * order; a failing request contributes a p4.Error and no entities.
   */
  *read(request: ReadRequestMessage): Generator<EntityMessage[], WriteOutcome> {
    if (long64(request.device_id) !== this.deviceId) return { status: failure(Code.NOT_FOUND, `device ${long64(request.device_id)} not found`) };
    // §14: after VERIFY_AND_SAVE reads refer to the saved config and see the state COMMIT will produce.
    const context = this.saved?.context() ?? (this.pipeline && { index: this.pipeline.index, target: this.target });
    if (!context) return { status: failure(Code.FAILED_PRECONDITION, 'no forwarding pipeline config set') };
    // §13: "The role field acts as a filter, restricting the reported entities based on the role to which the entity belongs."
    const scope = this.arbitration.scopeOf(this.deviceId, request.role ?? '');
    const statuses: P4Status[] = [];
    let chunk: EntityMessage[] = [];
    for (const entity of request.entities ?? []) {
      let outcome;
      try {
        outcome = readEntity(context, entity);
      } catch (error) {
        outcome = { status: failure(Code.INTERNAL, `internal error: ${(error as Error).message}`), entities: [] };
      }
      statuses.push(outcome.status);
      for (const item of outcome.entities) {
        if (scope !== undefined && !entityInScope(scope, item)) continue;
        chunk.push(item);
        if (chunk.length >= this.readChunkSize) {
          yield chunk;
          chunk = [];
        }
      }
    }
    if (chunk.length > 0) yield chunk;
    if (statuses.every((status) => status.code === Code.OK)) return { status: ok };
    return { status: failure(Code.UNKNOWN, 'read failure'), details: statuses };
  }

  // ---- SetForwardingPipelineConfig / GetForwardingPipelineConfig (§14, §15) ----

  async setPipeline(request: SetPipelineRequestMessage, rawP4Info: Uint8Array | undefined): Promise<P4Status> {
    const role = request.role ?? '';
    if (long64(request.device_id) !== this.deviceId) return failure(Code.NOT_FOUND, `device ${long64(request.device_id)} not found`);
    if (role !== '' && !this.arbitration.hasRole(this.deviceId, role)) return failure(Code.NOT_FOUND, `role "${role}" not found`);
    if (!this.arbitration.isPrimary(this.deviceId, role, electionIdOf(request.election_id))) {
      return failure(Code.PERMISSION_DENIED, 'not the primary client for this device and role');
    }
    const scope = this.arbitration.scopeOf(this.deviceId, role);
    if (scope !== undefined && !scope.canPushPipeline) return failure(Code.PERMISSION_DENIED, `role "${role}" may not set the pipeline`);
    const action = enumName(request.action, pipelineActions);
    if (action === 'COMMIT') {
      // §14: "Returns a NOT_FOUND error if no saved config is found … INVALID_ARGUMENT if a config is provided".
      if (isSet(request.config)) return failure(Code.INVALID_ARGUMENT, 'COMMIT takes no config');
      if (!this.saved) return failure(Code.NOT_FOUND, 'no saved config to commit');
      const saved = this.saved;
      const outcome = await saved.commit(this.target);
      if (!outcome.committed) return outcome.status;
      this.saved = undefined;
      this.install(saved.pipeline);
      return outcome.status;
    }
    if (action === undefined || action === 'UNSPECIFIED') return failure(Code.INVALID_ARGUMENT, 'SetForwardingPipelineConfig needs an action');
    if (!isSet(request.config)) return failure(Code.INVALID_ARGUMENT, `${action} needs a config`);
    const prepared = this.prepare(request.config, rawP4Info);
    if ('code' in prepared) return prepared;
    const verified = await this.target.verifyPipeline(prepared);
    if (verified.code !== Code.OK) return failure(Code.INVALID_ARGUMENT, verified.message);
    switch (action) {
      case 'VERIFY':
        return ok;
      case 'VERIFY_AND_SAVE':
        // A later save replaces the earlier one and its writes ("since the last config was saved").
        this.saved = new SavedPipeline(prepared, () => this.target.nowNs());
        return ok;
      case 'VERIFY_AND_COMMIT': {
        const committed = await this.target.commitPipeline(prepared);
        if (committed.code !== Code.OK) return failure(Code.INVALID_ARGUMENT, committed.message);
        this.saved = undefined;
        this.install(prepared);
        return ok;
      }
      case 'RECONCILE_AND_COMMIT': {
        const reconciled = await reconcileAndCommit(this.target, this.pipeline, prepared);
        if (!reconciled.ok) return failure(Code.INVALID_ARGUMENT, reconciled.status.message);
        this.saved = undefined;
        this.install(prepared);
        return ok;
      }
    }
  }

  private prepare(config: ForwardingPipelineConfigMessage, rawP4Info: Uint8Array | undefined): InstalledPipeline | P4Status {
    const cookie = isSet(config.cookie) ? long64(config.cookie.cookie).toString() : undefined;
    const prepared = preparePipeline(config.p4info, rawP4Info ?? new Uint8Array(0), bytesOf(config.p4_device_config), cookie);
    return prepared.ok ? prepared.value : prepared.status;
  }

  /**
   * Adopts a pipeline the target already runs (e.g. a program preloaded at
   * start-up), as if a controller had committed it: Read, Write and
   * GetForwardingPipelineConfig see it.
   */
  adoptPipeline(pipeline: InstalledPipeline): void {
    this.install(pipeline);
  }

  private install(pipeline: InstalledPipeline): void {
    this.pipeline = pipeline;
    this.digests.reset();
  }

  getPipeline(request: GetPipelineRequestMessage): PipelineGetOutcome {
    if (long64(request.device_id) !== this.deviceId) return { status: failure(Code.NOT_FOUND, `device ${long64(request.device_id)} not found`) };
    const responseType = enumName(request.response_type, pipelineResponseTypes);
    if (responseType === undefined) return { status: failure(Code.INVALID_ARGUMENT, 'unknown response_type') };
    // §15: with no config known, the top-level config is unset.
    if (!this.pipeline) return { status: ok };
    const { p4infoBytes, deviceConfigBytes, cookie } = this.pipeline;
    const withCookie = cookie === undefined ? {} : { cookie };
    switch (responseType) {
      case 'ALL': return { status: ok, config: { p4infoBytes, p4DeviceConfig: deviceConfigBytes, ...withCookie } };
      case 'COOKIE_ONLY': return { status: ok, config: withCookie };
      case 'P4INFO_AND_COOKIE': return { status: ok, config: { p4infoBytes, ...withCookie } };
      case 'DEVICE_CONFIG_AND_COOKIE': return { status: ok, config: { p4DeviceConfig: deviceConfigBytes, ...withCookie } };
    }
  }

  capabilities(): { p4runtime_api_version: string } {
    return { p4runtime_api_version: p4runtimeApiVersion };
  }

  // ---- StreamChannel (§16) ----

  openStream(sink: StreamSink): ClientId {
    const clientId = this.nextClientId++;
    this.sinks.set(clientId, sink);
    return clientId;
  }

  streamMessage(clientId: ClientId, message: StreamRequestMessage): void {
    const sink = this.sinks.get(clientId);
    if (sink) handleStreamRequest(this, clientId, sink, message);
  }

  /** Delivers arbitration notifications to their streams. */
  notify(notifications: { clientId: ClientId; update: StreamResponseMessage['arbitration'] }[]): void {
    for (const { clientId, update } of notifications) this.sinks.get(clientId)?.send({ arbitration: update });
  }

  closeStream(clientId: ClientId): void {
    if (!this.sinks.delete(clientId)) return;
    this.notify(this.arbitration.leave(clientId));
  }

  // ---- idle timeout (§9.1 "Idle-timeout", §16.4) ----

  /**
   * Finds entries idle for at least their TTL, notifies the primary (one
   * message per table) and restarts their timers. Called periodically.
   */
  scanIdleTimeouts(): number {
    if (!this.pipeline || this.target.detectsIdleTimeouts) return 0;
    const { index } = this.pipeline;
    const now = this.target.nowNs();
    let notified = 0;
    for (const table of index.tables.values()) {
      if (!table.supportsIdleTimeout) continue;
      const expired: TableEntryState[] = [];
      for (const entry of this.target.tableEntries(table.id)) {
        if (entry.idleTimeoutNs > 0n && now - entry.lastHitNs >= entry.idleTimeoutNs) expired.push(entry);
      }
      if (expired.length === 0) continue;
      // "After generating an idle notification, the P4Runtime server must reset the timer".
      for (const entry of expired) this.target.modifyTableEntry({ ...entry, lastHitNs: now });
      this.notifyIdle(expired);
      notified += expired.length;
    }
    return notified;
  }

  /** One IdleTimeoutNotification per call and role, with the entries of that role's tables; never an empty one (§16.4). */
  private notifyIdle(entries: TableEntryState[]): void {
    if (!this.pipeline || entries.length === 0) return;
    const options = { counterData: false, meterConfig: false, timeSinceLastHit: false, isDefault: false, nowNs: 0n };
    const index = this.pipeline.index;
    const timestamp = this.wallClockNs().toString();
    for (const { clientId, scope } of this.arbitration.primaries(this.deviceId)) {
      const sink = this.sinks.get(clientId);
      const mine = scope === undefined ? entries : entries.filter((entry) => idInScope(scope, entry.tableId));
      if (!sink || mine.length === 0) continue;
      sink.send({ idle_timeout_notification: { table_entry: mine.map((entry) => encodeTableEntry(index, entry, options)), timestamp } });
    }
  }
}

/** §12.3: OK, or UNKNOWN with one p4.Error per update. */
function batchOutcome(statuses: readonly P4Status[]): WriteOutcome {
  for (let i = 0; i < statuses.length; i++) {
    if (statuses[i].code !== Code.OK) return { status: failure(Code.UNKNOWN, 'write failure'), details: [...statuses] };
  }
  return { status: ok };
}
