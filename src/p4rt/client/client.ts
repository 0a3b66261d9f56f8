// P4Runtime client for the agent and tests: connect, arbitrate (become
// primary), set/get the pipeline, batched writes, reads, packet I/O and digest
// acks. Failures are values: a rejected RPC gives its status code, message and
// — for Write and Read batches — the per-update p4.Error list decoded from
// `grpc-status-details-bin` (P4Runtime 1.4 §10).

import * as grpc from '@grpc/grpc-js';
import { p4runtimeServiceDefinition } from '../proto.js';
import { decodeBatchStatus, type P4Status } from '../server/status.js';
import { lengthDelimitedField } from '../server/server.js';
import type {
  AnyMessage, EntityMessage, PipelineAction, PipelineResponseType, StreamRequestMessage, StreamResponseMessage, UpdateMessage,
  WriteRequestMessage,
} from '../server/messages.js';
import { StreamSession } from './stream.js';
import { encodeWriteRequest } from './write-encode.js';

export type RpcResult<T = undefined> =
  | { ok: true; value: T }
  | { ok: false; code: number; message: string; details?: P4Status[] };

export interface ClientOptions {
  deviceId?: bigint;
  electionId?: bigint;
  role?: string;
  /** role.config sent in arbitration (§5 "Role Config"); unset = full pipeline access. See server/roles.ts for the scheme. */
  roleConfig?: AnyMessage;
}

/** 128 MiB sends and receives; the trailer limit matters for large failing batches (appendix "gRPC Metadata Maximum Size"). */
const channelOptions: grpc.ChannelOptions = {
  'grpc.max_receive_message_length': 128 * 1024 * 1024,
  'grpc.max_send_message_length': 128 * 1024 * 1024,
};

/** WriteRequest straight to bytes by the hand encoder (write-encode.ts): no protobufjs fromObject/fork per message. */
function serializeWriteRequest(request: WriteRequestMessage): Buffer {
  const bytes = encodeWriteRequest(request);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function clientDefinition(): grpc.ServiceDefinition {
  const base = p4runtimeServiceDefinition();
  const get = base.GetForwardingPipelineConfig;
  return {
    ...base,
    Write: { ...base.Write, requestSerialize: serializeWriteRequest },
    // Keep the P4Info bytes as the server sent them, next to the decoded object.
    GetForwardingPipelineConfig: {
      ...get,
      responseDeserialize: (bytes: Buffer) => {
        const decoded = get.responseDeserialize(bytes) as Record<string, unknown>;
        const config = lengthDelimitedField(bytes, 1);
        const p4info = config ? lengthDelimitedField(config, 1) : undefined;
        return { ...decoded, p4infoBytes: p4info ? new Uint8Array(p4info) : undefined };
      },
    },
  };
}

export function failureOf(error: grpc.ServiceError | { code?: number; details?: string; metadata?: grpc.Metadata }): RpcResult<never> {
  const code = error.code ?? 2;
  const message = error.details ?? '';
  const raw = error.metadata?.get('grpc-status-details-bin')[0];
  const decoded = raw instanceof Buffer ? decodeBatchStatus(raw) : undefined;
  return decoded ? { ok: false, code, message, details: decoded.details } : { ok: false, code, message };
}

export function electionIdMessage(value: bigint): { high: string; low: string } {
  return { high: (value >> 64n).toString(), low: (value & 0xffff_ffff_ffff_ffffn).toString() };
}

export interface PipelineConfigRead {
  p4info?: Record<string, unknown>;
  /** The P4Info bytes exactly as the server returned them. */
  p4infoBytes?: Uint8Array;
  p4DeviceConfig?: Uint8Array;
  cookie?: string;
}

export class P4RuntimeClient {
  readonly deviceId: bigint;
  electionId: bigint | undefined;
  readonly role: string;
  readonly roleConfig: AnyMessage | undefined;
  private readonly stub: grpc.Client & Record<string, Function>;
  stream: StreamSession | undefined;

  constructor(readonly address: string, options: ClientOptions = {}) {
    this.deviceId = options.deviceId ?? 1n;
    this.electionId = options.electionId;
    this.role = options.role ?? '';
    this.roleConfig = options.roleConfig;
    const Constructor = grpc.makeClientConstructor(clientDefinition(), 'P4Runtime');
    this.stub = new Constructor(address, grpc.credentials.createInsecure(), channelOptions) as grpc.Client & Record<string, Function>;
  }

  /** Waits until the channel is connected (UNAVAILABLE-like failure as a value after `timeoutMs`). */
  connect(timeoutMs = 5000): Promise<RpcResult> {
    return new Promise((resolve) => {
      this.stub.waitForReady(Date.now() + timeoutMs, (error?: Error) =>
        resolve(error ? { ok: false, code: 14, message: error.message } : { ok: true, value: undefined }));
    });
  }

  private identity(): Record<string, unknown> {
    return {
      device_id: this.deviceId.toString(),
      ...(this.role ? { role: this.role } : {}),
      ...(this.electionId !== undefined ? { election_id: electionIdMessage(this.electionId) } : {}),
    };
  }

  private unary<T>(method: string, request: object): Promise<RpcResult<T>> {
    return new Promise((resolve) => {
      this.stub[method](request, (error: grpc.ServiceError | null, response: T) => {
        resolve(error ? failureOf(error) : { ok: true, value: response });
      });
    });
  }

  /** Opens the StreamChannel (again, if the server ended the previous one) and returns it. */
  openStream(): StreamSession {
    if (!this.stream || this.stream.ended) this.stream = new StreamSession(this.stub.StreamChannel() as grpc.ClientDuplexStream<StreamRequestMessage, StreamResponseMessage>);
    return this.stream;
  }

  /**
   * Sends a MasterArbitrationUpdate and waits for the server's answer: ok when
   * this client is primary, otherwise the advisory status (ALREADY_EXISTS: backup,
   * NOT_FOUND: no primary) or the status that ended the stream.
   */
  async arbitrate(electionId: bigint | undefined = this.electionId, timeoutMs = 5000): Promise<RpcResult<StreamResponseMessage['arbitration']>> {
    this.electionId = electionId;
    const stream = this.openStream();
    // An advisory received earlier is not the answer to this update.
    stream.discard((message) => message.arbitration !== undefined);
    const answer = stream.next((message) => message.arbitration !== undefined, timeoutMs);
    stream.send({
      arbitration: {
        device_id: this.deviceId.toString(),
        ...(this.role || this.roleConfig ? { role: { name: this.role, ...(this.roleConfig ? { config: this.roleConfig } : {}) } } : {}),
        ...(electionId !== undefined ? { election_id: electionIdMessage(electionId) } : {}),
      },
    });
    const message = await answer;
    if (!message.ok) return message;
    const status = message.value.arbitration!.status;
    if ((status?.code ?? 0) === 0) return { ok: true, value: message.value.arbitration };
    return { ok: false, code: status!.code!, message: status!.message ?? '' };
  }

  setPipeline(
    p4info: Record<string, unknown>, deviceConfig: Uint8Array = new Uint8Array(0),
    action: PipelineAction = 'VERIFY_AND_COMMIT', cookie?: bigint,
  ): Promise<RpcResult<unknown>> {
    const config = action === 'COMMIT' ? undefined : {
      p4info, p4_device_config: deviceConfig, ...(cookie !== undefined ? { cookie: { cookie: cookie.toString() } } : {}),
    };
    return this.unary('SetForwardingPipelineConfig', { ...this.identity(), action, ...(config ? { config } : {}) });
  }

  async getPipeline(responseType: PipelineResponseType = 'ALL'): Promise<RpcResult<PipelineConfigRead | undefined>> {
    const result = await this.unary<{ config?: Record<string, any>; p4infoBytes?: Uint8Array }>(
      'GetForwardingPipelineConfig', { device_id: this.deviceId.toString(), response_type: responseType },
    );
    if (!result.ok) return result;
    const config = result.value.config;
    if (!config) return { ok: true, value: undefined };
    return {
      ok: true,
      value: {
        p4info: config.p4info, p4infoBytes: result.value.p4infoBytes,
        p4DeviceConfig: config.p4_device_config ? new Uint8Array(config.p4_device_config) : undefined,
        cookie: config.cookie?.cookie ?? (config.cookie ? '0' : undefined),
      },
    };
  }

  capabilities(): Promise<RpcResult<{ p4runtime_api_version?: string }>> {
    return this.unary('Capabilities', {});
  }

  /** One WriteRequest; on failure the details hold one status per update (§12.3). */
  write(updates: UpdateMessage[], atomicity: 'CONTINUE_ON_ERROR' | 'ROLLBACK_ON_ERROR' | 'DATAPLANE_ATOMIC' = 'CONTINUE_ON_ERROR'): Promise<RpcResult<unknown>> {
    return this.unary('Write', { ...this.identity(), updates, atomicity });
  }

  /** Splits updates into WriteRequests of `batchSize`, sent in order; per-update statuses for all of them. */
  async writeBatched(updates: UpdateMessage[], batchSize = 1000): Promise<{ ok: boolean; statuses: P4Status[] }> {
    const statuses: P4Status[] = [];
    for (let start = 0; start < updates.length; start += batchSize) {
      const batch = updates.slice(start, start + batchSize);
      const result = await this.write(batch);
      if (result.ok) statuses.push(...batch.map(() => ({ code: 0, message: '' }) as P4Status));
      else if (result.details?.length === batch.length) statuses.push(...result.details);
      else statuses.push(...batch.map(() => ({ code: result.code, message: result.message }) as P4Status));
    }
    return { ok: statuses.every((status) => status.code === 0), statuses };
  }

  /** Reads to the end of the stream; on failure the entities read so far come with the status. */
  read(entities: EntityMessage[]): Promise<RpcResult<EntityMessage[]> & { entities: EntityMessage[] }> {
    return new Promise((resolve) => {
      const collected: EntityMessage[] = [];
      const call = this.stub.Read({ device_id: this.deviceId.toString(), ...(this.role ? { role: this.role } : {}), entities }) as grpc.ClientReadableStream<{ entities?: EntityMessage[] }>;
      call.on('data', (response) => collected.push(...(response.entities ?? [])));
      call.on('error', (error: grpc.ServiceError) => resolve({ ...failureOf(error), entities: collected }));
      call.on('end', () => resolve({ ok: true, value: collected, entities: collected }));
    });
  }

  /** Calls `handler` for every PacketIn; returns an unsubscribe function. */
  onPacketIn(handler: (packet: NonNullable<StreamResponseMessage['packet']>) => void): () => void {
    return this.openStream().on((message) => message.packet && handler(message.packet));
  }

  /** Calls `handler` for every DigestList (acknowledge with ackDigest); returns an unsubscribe function. */
  onDigest(handler: (list: NonNullable<StreamResponseMessage['digest']>) => void): () => void {
    return this.openStream().on((message) => message.digest && handler(message.digest));
  }

  /** Calls `handler` for every IdleTimeoutNotification; returns an unsubscribe function. */
  onIdleTimeout(handler: (notification: NonNullable<StreamResponseMessage['idle_timeout_notification']>) => void): () => void {
    return this.openStream().on((message) => message.idle_timeout_notification && handler(message.idle_timeout_notification));
  }

  /** Calls `handler` for every StreamError the server reports; returns an unsubscribe function. */
  onStreamError(handler: (error: NonNullable<StreamResponseMessage['error']>) => void): () => void {
    return this.openStream().on((message) => message.error && handler(message.error));
  }

  packetOut(payload: Uint8Array, metadata: { metadata_id: number; value: Uint8Array }[] = []): void {
    this.openStream().send({ packet: { payload, metadata } });
  }

  ackDigest(digestId: number, listId: string): void {
    this.openStream().send({ digest_ack: { digest_id: digestId, list_id: listId } });
  }

  close(): void {
    this.stream?.close();
    this.stub.close();
  }
}
