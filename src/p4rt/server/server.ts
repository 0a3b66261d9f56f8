// grpc-js adapter for P4RuntimeService (default 127.0.0.1:9559, the IANA port
// of P4Runtime). Besides wiring RPCs it does three things the protobufjs
// service definition cannot: keeps the raw P4Info bytes of
// SetForwardingPipelineConfig so GetForwardingPipelineConfig returns them
// exactly as received, puts batch errors in `grpc-status-details-bin`, and
// raises the message size limit (P4Runtime appendix "gRPC Server Maximum
// Receive Message Size").

import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs/minimal.js';
import { p4runtimeServiceDefinition } from '../proto.js';
import type {
  GetPipelineRequestMessage, ReadRequestMessage, SetPipelineRequestMessage, StreamRequestMessage, StreamResponseMessage,
  WriteRequestMessage,
} from './messages.js';
import { P4RuntimeService, type PipelineGetOutcome, type ServiceOptions, type WriteOutcome } from './service.js';
import { Code, encodeBoundedBatchStatus, type P4Status } from './status.js';
import { decodeWriteRequest } from './write-decode.js';

export const defaultAddress = '127.0.0.1:9559';
/** 128 MiB, as the P4Runtime appendix suggests for large device configs and batches. */
export const maxMessageBytes = 128 * 1024 * 1024;

export interface P4RuntimeServerOptions extends ServiceOptions {
  /** host:port; port 0 picks an ephemeral port. */
  address?: string;
  /**
   * Idle-timeout scan period; 0 disables the timer (tests call scanIdleTimeouts).
   * Default 1 s: notifications are best effort (§9.1 "Idle-timeout") and a scan walks every
   * entry of the tables with idle timeout, which the switch CPU should not do often.
   */
  idleScanIntervalMs?: number;
}

export interface RunningServer {
  port: number;
  service: P4RuntimeService;
  stop(): Promise<void>;
}

const rawP4InfoOf = new WeakMap<object, Uint8Array>();

/** Bytes of the last occurrence of a length-delimited field (protobuf wire format). */
export function lengthDelimitedField(bytes: Uint8Array, fieldNumber: number): Uint8Array | undefined {
  const reader = protobuf.Reader.create(bytes);
  let found: Uint8Array | undefined;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === fieldNumber && (tag & 7) === 2) found = reader.bytes();
    else reader.skipType(tag & 7);
  }
  return found;
}

/** GetForwardingPipelineConfigResponse { config = 1 { p4info = 1; p4_device_config = 2; cookie = 3 { cookie = 1 } } }. */
export function encodeGetPipelineResponse(outcome: PipelineGetOutcome): Buffer {
  const writer = protobuf.Writer.create();
  const config = outcome.config;
  if (config) {
    writer.uint32((1 << 3) | 2).fork();
    if (config.p4infoBytes && config.p4infoBytes.length > 0) writer.uint32((1 << 3) | 2).bytes(config.p4infoBytes);
    if (config.p4DeviceConfig && config.p4DeviceConfig.length > 0) writer.uint32((2 << 3) | 2).bytes(config.p4DeviceConfig);
    if (config.cookie !== undefined) writer.uint32((3 << 3) | 2).fork().uint32((1 << 3) | 0).uint64(config.cookie).ldelim();
    writer.ldelim();
  }
  const bytes = writer.finish();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function serviceDefinition(): grpc.ServiceDefinition {
  const base = p4runtimeServiceDefinition();
  const set = base.SetForwardingPipelineConfig;
  const get = base.GetForwardingPipelineConfig;
  return {
    ...base,
    Write: {
      ...base.Write,
      // One pass over the wire format instead of protobufjs decode + toObject (write-decode.ts).
      requestDeserialize: (bytes: Buffer) => {
        const decoded = decodeWriteRequest(bytes);
        // grpc-js answers a throwing deserializer with INTERNAL, as for any undecodable message.
        if (!decoded.ok) throw new Error(decoded.error);
        return decoded.value;
      },
    },
    SetForwardingPipelineConfig: {
      ...set,
      requestDeserialize: (bytes: Buffer) => {
        const request = set.requestDeserialize(bytes) as object;
        const config = lengthDelimitedField(bytes, 5);
        const p4info = config ? lengthDelimitedField(config, 1) : undefined;
        if (p4info) rawP4InfoOf.set(request, new Uint8Array(p4info));
        return request;
      },
    },
    GetForwardingPipelineConfig: { ...get, responseSerialize: (outcome: PipelineGetOutcome) => encodeGetPipelineResponse(outcome) },
  };
}

function grpcError(status: P4Status, details?: P4Status[]): Partial<grpc.StatusObject> & { code: number } {
  const metadata = new grpc.Metadata();
  const encoded = details ? encodeBoundedBatchStatus(status.code, status.message, details) : undefined;
  if (encoded) metadata.set('grpc-status-details-bin', Buffer.from(encoded));
  return { code: status.code, details: status.message, metadata };
}

/** Waits for write buffer space, or for the client to go away (then 'drain' never comes). */
function drainOrClose(call: grpc.ServerWritableStream<ReadRequestMessage, object>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      call.off('drain', done);
      call.off('cancelled', done);
      call.off('close', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
    call.on('close', done);
  });
}

function finishUnary(outcome: WriteOutcome, callback: grpc.sendUnaryData<object>): void {
  if (outcome.status.code === Code.OK) callback(null, {});
  else callback(grpcError(outcome.status, outcome.details));
}

export function createHandlers(service: P4RuntimeService): grpc.UntypedServiceImplementation {
  return {
    Write(call: grpc.ServerUnaryCall<WriteRequestMessage, object>, callback: grpc.sendUnaryData<object>) {
      finishUnary(service.write(call.request), callback);
    },
    async Read(call: grpc.ServerWritableStream<ReadRequestMessage, object>) {
      // Materialize first: the response reflects one state even if writes arrive while it streams (§13.3).
      const iterator = service.read(call.request);
      const chunks = [];
      let step = iterator.next();
      for (; !step.done; step = iterator.next()) chunks.push(step.value);
      const outcome = step.value;
      for (const entities of chunks) {
        if (call.cancelled) return;
        if (!call.write({ entities })) await drainOrClose(call);
      }
      if (outcome.status.code === Code.OK) call.end();
      else call.emit('error', grpcError(outcome.status, outcome.details));
    },
    async SetForwardingPipelineConfig(call: grpc.ServerUnaryCall<SetPipelineRequestMessage, object>, callback: grpc.sendUnaryData<object>) {
      const status = await service.setPipeline(call.request, rawP4InfoOf.get(call.request));
      finishUnary({ status }, callback);
    },
    GetForwardingPipelineConfig(call: grpc.ServerUnaryCall<GetPipelineRequestMessage, PipelineGetOutcome>, callback: grpc.sendUnaryData<PipelineGetOutcome>) {
      const outcome = service.getPipeline(call.request);
      if (outcome.status.code === Code.OK) callback(null, outcome);
      else callback(grpcError(outcome.status));
    },
    Capabilities(_call: grpc.ServerUnaryCall<object, object>, callback: grpc.sendUnaryData<object>) {
      callback(null, service.capabilities());
    },
    StreamChannel(call: grpc.ServerDuplexStream<StreamRequestMessage, StreamResponseMessage>) {
      let open = true;
      const clientId = service.openStream({
        send: (message) => {
          if (open) call.write(message);
        },
        terminate: (status) => {
          if (!open) return;
          open = false;
          call.emit('error', grpcError(status));
        },
      });
      call.on('data', (message: StreamRequestMessage) => {
        if (open) service.streamMessage(clientId, message);
      });
      const close = () => {
        service.closeStream(clientId);
        if (open) {
          open = false;
          call.end();
        }
      };
      call.on('end', close);
      call.on('cancelled', close);
      call.on('error', () => service.closeStream(clientId));
      call.on('close', () => service.closeStream(clientId));
    },
  };
}

export async function startP4RuntimeServer(options: P4RuntimeServerOptions): Promise<RunningServer> {
  const service = new P4RuntimeService(options);
  const server = new grpc.Server({
    'grpc.max_receive_message_length': maxMessageBytes,
    'grpc.max_send_message_length': maxMessageBytes,
  });
  server.addService(serviceDefinition(), createHandlers(service));
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(options.address ?? defaultAddress, grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound));
  });
  const interval = options.idleScanIntervalMs ?? 1000;
  const timer = interval > 0 ? setInterval(() => service.scanIdleTimeouts(), interval) : undefined;
  timer?.unref();
  return {
    port,
    service,
    stop: () => new Promise<void>((resolve) => {
      if (timer) clearInterval(timer);
      service.digests.reset();
      server.tryShutdown(() => resolve());
      // Streams never end by themselves; force after a grace period.
      setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, 500).unref();
    }),
  };
}
