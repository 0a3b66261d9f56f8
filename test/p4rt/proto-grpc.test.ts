// The generated service definition works with a real @grpc/grpc-js server and
// client over loopback: unary, server-streaming and bidirectional methods.

import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { p4runtimeServiceDefinition } from '../../src/p4rt/proto.js';

describe('P4Runtime over gRPC', () => {
  const service = p4runtimeServiceDefinition();
  const server = new grpc.Server();
  let client: grpc.Client & Record<string, (...args: unknown[]) => unknown>;

  beforeAll(async () => {
    server.addService(service, {
      capabilities: (_call: unknown, callback: grpc.sendUnaryData<object>) => callback(null, { p4runtime_api_version: '1.4.0' }),
      read: (call: grpc.ServerWritableStream<{ entities?: object[] }, object>) => {
        for (const entity of call.request.entities ?? []) call.write({ entities: [entity] });
        call.end();
      },
      streamChannel: (call: grpc.ServerDuplexStream<{ arbitration?: { device_id: string } }, object>) => {
        call.on('data', (request) => call.write({ arbitration: { device_id: request.arbitration?.device_id, status: { code: 0 } } }));
        call.on('end', () => call.end());
      },
      write: (_call: unknown, callback: grpc.sendUnaryData<object>) => callback(null, {}),
      setForwardingPipelineConfig: (_call: unknown, callback: grpc.sendUnaryData<object>) => callback(null, {}),
      getForwardingPipelineConfig: (_call: unknown, callback: grpc.sendUnaryData<object>) => callback(null, { config: { cookie: { cookie: '7' } } }),
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    const Client = grpc.makeClientConstructor(service, 'p4.v1.P4Runtime');
    client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as typeof client;
  });

  afterAll(() => {
    client?.close();
    server.forceShutdown();
  });

  it('answers a unary call', async () => {
    const response = await new Promise((resolve, reject) =>
      client.Capabilities({}, (error: Error | null, value: unknown) => (error ? reject(error) : resolve(value))),
    );
    expect(response).toEqual({ p4runtime_api_version: '1.4.0' });
    const config = await new Promise((resolve, reject) =>
      client.GetForwardingPipelineConfig({ device_id: '1' }, (error: Error | null, value: unknown) => (error ? reject(error) : resolve(value))),
    );
    expect(config).toEqual({ config: { cookie: { cookie: '7' } } });
  });

  it('streams Read responses', async () => {
    const stream = client.Read({ device_id: '1', entities: [{ table_entry: { table_id: 5 } }, { counter_entry: { counter_id: 6 } }] }) as grpc.ClientReadableStream<object>;
    const received: object[] = [];
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (message: object) => received.push(message));
      stream.on('end', () => resolve());
      stream.on('error', reject);
    });
    expect(received).toEqual([{ entities: [{ table_entry: { table_id: 5 } }] }, { entities: [{ counter_entry: { counter_id: 6 } }] }]);
  });

  it('carries the bidirectional StreamChannel', async () => {
    const stream = client.StreamChannel() as grpc.ClientDuplexStream<object, object>;
    const ended = new Promise<void>((resolve, reject) => {
      stream.on('end', () => resolve());
      stream.on('error', reject);
    });
    const reply = new Promise((resolve) => stream.once('data', resolve));
    stream.write({ arbitration: { device_id: '3', election_id: { low: '1' } } });
    // protobufjs puts a field set explicitly on the wire even at its default.
    expect(await reply).toEqual({ arbitration: { device_id: '3', status: { code: 0 } } });
    stream.end();
    stream.resume();
    await ended;
  });
});
