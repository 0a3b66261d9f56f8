// The P4Runtime client library against the server: batching, per-update error
// details, chunked reads, stream helpers.

import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { P4RuntimeClient } from '../../src/p4rt/client/client.js';
import { p4runtimeServiceDefinition } from '../../src/p4rt/proto.js';
import { MemoryTarget } from '../../src/p4rt/server/memory-target.js';
import { startP4RuntimeServer, type RunningServer } from '../../src/p4rt/server/server.js';
import { Code } from '../../src/p4rt/server/status.js';
import { exactInsert, ids, p4info } from './server-fixtures.js';

let server: RunningServer;
let client: P4RuntimeClient;
const address = () => `127.0.0.1:${server.port}`;

beforeAll(async () => {
  server = await startP4RuntimeServer({ target: new MemoryTarget(), address: '127.0.0.1:0', idleScanIntervalMs: 0, readChunkSize: 100 });
  client = new P4RuntimeClient(address(), { electionId: 1n });
  expect((await client.arbitrate()).ok).toBe(true);
  expect((await client.setPipeline(p4info)).ok).toBe(true);
});
afterAll(async () => {
  client.close();
  await server.stop();
});

const exactUpdates = (count: number, offset = 0) =>
  Array.from({ length: count }, (_, i) => {
    const update = exactInsert(0, 1, 1);
    const value = offset + i;
    update.entity!.table_entry!.match![0].exact!.value = Uint8Array.of(value >> 16, (value >> 8) & 0xff, value & 0xff);
    return update;
  });

describe('P4RuntimeClient', () => {
  it('splits large writes into batches and reports one status per update', async () => {
    const updates = exactUpdates(2500);
    updates[1700] = updates[10]; // duplicate key → ALREADY_EXISTS in the second batch
    const result = await client.writeBatched(updates, 1000);
    expect(result.ok).toBe(false);
    expect(result.statuses).toHaveLength(2500);
    expect(result.statuses.filter((status) => status.code !== Code.OK).map((status) => status.code)).toEqual([Code.ALREADY_EXISTS]);
    expect(result.statuses[1700].code).toBe(Code.ALREADY_EXISTS);
  });

  it('surfaces the details of a 1000-update batch where every update fails', async () => {
    const updates = exactUpdates(1000, 100_000).map((update) => ({ ...update, type: 'DELETE' as const }));
    const result = await client.write(updates);
    expect(result).toMatchObject({ ok: false, code: Code.UNKNOWN });
    expect(!result.ok && result.details?.length).toBe(1000);
    expect(!result.ok && result.details?.every((detail) => detail.code === Code.NOT_FOUND)).toBe(true);
  });

  it('keeps the trailer within the HTTP/2 header limit for batches too large to detail', async () => {
    const updates = exactUpdates(2500, 200_000).map((update) => ({ ...update, type: 'DELETE' as const }));
    const result = await client.write(updates);
    expect(result).toMatchObject({ ok: false, code: Code.UNKNOWN });
    expect(!result.ok && result.details).toBeUndefined();
    expect((await client.capabilities()).ok).toBe(true);
  });

  it('collects a read streamed in several ReadResponse messages', async () => {
    const read = await client.read([{ table_entry: { table_id: ids.exact } }]);
    expect(read.ok).toBe(true);
    expect(read.entities).toHaveLength(2499);
    // The server chunks by readChunkSize (100): count the messages on a raw stub.
    const Stub = grpc.makeClientConstructor(p4runtimeServiceDefinition(), 'P4Runtime');
    const stub = new Stub(address(), grpc.credentials.createInsecure()) as grpc.Client & Record<string, Function>;
    const messages = await new Promise<number>((resolve, reject) => {
      let count = 0;
      const call = stub.Read({ device_id: '1', entities: [{ table_entry: { table_id: ids.exact } }] });
      call.on('data', () => count++);
      call.on('end', () => resolve(count));
      call.on('error', reject);
    });
    stub.close();
    expect(messages).toBe(25);
  });

  it('serializes concurrent writes from the primary (every update applied once)', async () => {
    const batches = Array.from({ length: 20 }, (_, index) => exactUpdates(50, 300_000 + index * 50));
    const results = await Promise.all(batches.map((batch) => client.write(batch)));
    expect(results.every((result) => result.ok)).toBe(true);
    const read = await client.read([{ table_entry: { table_id: ids.exact } }]);
    expect(read.entities).toHaveLength(2499 + 1000);
  });

  it('returns RPC failures as values', async () => {
    const stranger = new P4RuntimeClient(address(), { deviceId: 7n });
    expect(await stranger.read([{ table_entry: {} }])).toMatchObject({ ok: false, code: Code.NOT_FOUND, entities: [] });
    expect(await stranger.getPipeline()).toMatchObject({ ok: false, code: Code.NOT_FOUND });
    stranger.close();
    const unreachable = new P4RuntimeClient('127.0.0.1:1');
    const result = await unreachable.capabilities();
    expect(result).toMatchObject({ ok: false, code: Code.UNAVAILABLE });
    unreachable.close();
  });

  it('times out waiting for a stream message that never comes', async () => {
    const waited = await client.openStream().next((message) => message.digest !== undefined, 50);
    expect(waited).toMatchObject({ ok: false, code: Code.DEADLINE_EXCEEDED });
  });
});
