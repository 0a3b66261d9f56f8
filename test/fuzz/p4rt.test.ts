// Bounded fuzzing of P4Runtime request handling: mutated WriteRequest,
// ReadRequest, StreamMessageRequest and P4Info bytes are decoded and handed to
// the service; every outcome must be a value (status), never an exception.
// Crashers are kept under test/fuzz/p4rt-crashers/<kind>/ and replayed.

import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { P4RuntimeClient } from '../../src/p4rt/client/client.js';
import { buildP4InfoIndex } from '../../src/p4rt/p4info-index.js';
import { decodeMessage, encodeMessage } from '../../src/p4rt/proto.js';
import type { ReadRequestMessage, StreamRequestMessage, WriteRequestMessage } from '../../src/p4rt/server/messages.js';
import { MemoryTarget } from '../../src/p4rt/server/memory-target.js';
import { startP4RuntimeServer, type RunningServer } from '../../src/p4rt/server/server.js';
import { P4RuntimeService } from '../../src/p4rt/server/service.js';
import { Code } from '../../src/p4rt/server/status.js';
import { bytes, constEntries, exactInsert, ids, p4info } from '../p4rt/server-fixtures.js';
import { fuzz, loadCrashers, mutate, Random } from './pcap-mutate.js';

const election = { high: '0', low: '10' };
const writeSeeds: Record<string, unknown>[] = [
  { device_id: '1', election_id: election, updates: [exactInsert(1, 1, 1), exactInsert(2, 1, 1, 'MODIFY')] },
  {
    device_id: '1', election_id: election,
    updates: [
      { type: 'INSERT', entity: { table_entry: { table_id: ids.ternary, priority: 3, match: [{ field_id: 1, ternary: { value: bytes(8, 0), mask: bytes(0xff, 0) } }, { field_id: 2, range: { low: bytes(1), high: bytes(9) } }], action: { action: { action_id: ids.drop } } } } },
      { type: 'INSERT', entity: { table_entry: { table_id: ids.lpm, match: [{ field_id: 1, lpm: { value: bytes(10, 0, 0, 0), prefix_len: 8 } }], action: { action: { action_id: ids.drop } } } } },
      { type: 'INSERT', entity: { action_profile_member: { action_profile_id: ids.selector, member_id: 1, action: { action_id: ids.setNhop, params: [{ param_id: 1, value: bytes(1) }, { param_id: 2, value: bytes(2) }] } } } },
      { type: 'INSERT', entity: { action_profile_group: { action_profile_id: ids.selector, group_id: 1, members: [{ member_id: 1, weight: 1 }], max_size: 4 } } },
      { type: 'MODIFY', entity: { counter_entry: { counter_id: ids.counter, index: { index: '1' }, data: { byte_count: '5', packet_count: '1' } } } },
      { type: 'MODIFY', entity: { meter_entry: { meter_id: ids.meter, config: { cir: '1', cburst: '1', pir: '2', pburst: '2' } } } },
      { type: 'INSERT', entity: { packet_replication_engine_entry: { multicast_group_entry: { multicast_group_id: 1, replicas: [{ port: bytes(1), instance: 1 }] } } } },
      { type: 'MODIFY', entity: { value_set_entry: { value_set_id: ids.valueSet, members: [{ match: [{ field_id: 1, exact: { value: bytes(8, 0) } }] }] } } },
      { type: 'MODIFY', entity: { register_entry: { register_id: ids.register, data: { bitstring: bytes(1) } } } },
      { type: 'INSERT', entity: { digest_entry: { digest_id: ids.digest, config: { max_list_size: 1 } } } },
    ],
  },
];
// The same batches all-or-none: a failed batch must leave the state as it was.
writeSeeds.push(...writeSeeds.map((request) => ({ ...request, atomicity: 'ROLLBACK_ON_ERROR' })));
const writeSeedBytes = writeSeeds.map((request) => encodeSeed('p4.v1.WriteRequest', request));
const readSeeds = [
  { device_id: '1', entities: [{ table_entry: {} }, { counter_entry: { counter_id: ids.counter, index: { index: '2' } } }] },
  { device_id: '1', entities: [{ table_entry: { table_id: ids.exact, match: [{ field_id: 1, exact: { value: bytes(1) } }, { field_id: 2, exact: { value: bytes(1) } }], counter_data: {} } }, { action_profile_group: {} }, { direct_meter_entry: { table_entry: { table_id: ids.exact } } }] },
].map((request) => encodeSeed('p4.v1.ReadRequest', request));
const streamSeeds = [
  { arbitration: { device_id: '1', election_id: { high: '0', low: '3' }, role: { name: '' } } },
  { packet: { payload: bytes(1, 2, 3), metadata: [{ metadata_id: 1, value: bytes(1) }] } },
  { digest_ack: { digest_id: ids.digest, list_id: '1' } },
].map((request) => encodeSeed('p4.v1.StreamMessageRequest', request));
const p4infoSeed = encodeSeed('p4.config.v1.P4Info', p4info);

let service: P4RuntimeService;
beforeAll(() => {
  const target = new MemoryTarget({ initialEntries: constEntries });
  service = new P4RuntimeService({ target });
  const primary = service.openStream({ send: () => {}, terminate: () => {} });
  service.streamMessage(primary, { arbitration: { device_id: '1', election_id: election } });
  const index = buildP4InfoIndex(p4info);
  if (!index.ok) throw new Error(index.message);
  service.pipeline = { p4info, index: index.index, deviceConfig: { format: 'softmesh-p4/1', main: '', files: {}, defines: {} }, p4infoBytes: p4infoSeed, deviceConfigBytes: new Uint8Array(0), cookie: undefined };
  target.commitPipeline(service.pipeline);
});

/** Everything the fuzzed writes can change, as text (bigints in hex). */
function stateDigest(): string {
  const target = service.target;
  const index = service.pipeline!.index;
  const parts: unknown[] = [];
  for (const table of index.tables.values()) parts.push([...target.tableEntries(table.id)].map((entry) => [entry.match, entry.priority, entry.action, entry.counter, entry.meterConfig]), target.getDefaultEntry(table.id)?.action);
  parts.push([...target.members(0)], [...target.groups(0)], [...target.multicastGroups()], [...target.cloneSessions()]);
  for (const counter of index.counters.values()) for (let cell = 0; cell < counter.size; cell++) parts.push(target.readCounter(counter.id, cell));
  for (const meter of index.meters.values()) for (let cell = 0; cell < meter.size; cell++) parts.push(target.readMeter(meter.id, cell) ?? null);
  for (const register of index.registers.values()) for (let cell = 0; cell < register.size; cell++) parts.push(target.readRegister(register.id, cell));
  for (const set of index.valueSets.values()) parts.push(target.valueSetMembers(set.id));
  for (const digest of index.digests.values()) parts.push(target.getDigestConfig(digest.id) ?? null);
  return JSON.stringify(parts, (_, value) => (typeof value === 'bigint' ? value.toString(16) : value instanceof Uint8Array ? [...value] : value));
}

/**
 * Seeds as plain Uint8Array copies: protobufjs may return a Node Buffer, whose
 * slice() is a view, and the mutator would then corrupt the seed itself.
 */
function encodeSeed(type: string, message: object): Uint8Array {
  return Uint8Array.from(encodeMessage(type, message));
}

function checkStatus(status: { code: number; message: string }): void {
  if (!Number.isInteger(status.code) || status.code < 0 || status.code > 16) throw new Error(`bad status code ${status.code}`);
}

const bodies: Record<string, (input: Uint8Array) => void> = {
  write(input) {
    const decoded = decodeMessage<WriteRequestMessage>('p4.v1.WriteRequest', input);
    if (!decoded.ok) return;
    // Start from the freshly committed pipeline so each input (and each saved crasher) runs the same way.
    service.target.commitPipeline(service.pipeline!);
    const before = stateDigest();
    const outcome = service.write(decoded.value);
    checkStatus(outcome.status);
    if (outcome.details && outcome.details.length !== (decoded.value.updates?.length ?? 0)) throw new Error('one status per update expected');
    if (decoded.value.atomicity === 'ROLLBACK_ON_ERROR' && outcome.status.code !== Code.OK && stateDigest() !== before) {
      throw new Error('a failed ROLLBACK_ON_ERROR batch changed the state');
    }
  },
  read(input) {
    const decoded = decodeMessage<ReadRequestMessage>('p4.v1.ReadRequest', input);
    if (!decoded.ok) return;
    const iterator = service.read(decoded.value);
    let step = iterator.next();
    while (!step.done) step = iterator.next();
    checkStatus(step.value.status);
  },
  stream(input) {
    const decoded = decodeMessage<StreamRequestMessage>('p4.v1.StreamMessageRequest', input);
    if (!decoded.ok) return;
    const client = service.openStream({ send: () => {}, terminate: checkStatus });
    service.streamMessage(client, decoded.value);
    service.closeStream(client);
  },
  p4info(input) {
    const decoded = decodeMessage<Record<string, unknown>>('p4.config.v1.P4Info', input);
    if (!decoded.ok) return;
    const index = buildP4InfoIndex(decoded.value);
    if (!index.ok && typeof index.message !== 'string') throw new Error('index error without message');
  },
};
const seeds: Record<string, Uint8Array[]> = { write: writeSeedBytes, read: readSeeds, stream: streamSeeds, p4info: [p4infoSeed] };

describe('fuzz: P4Runtime request handling', () => {
  it.each(Object.keys(bodies))('saved %s crashers replay without exceptions', (kind) => {
    for (const crasher of loadCrashers(`p4rt-crashers/${kind}`)) expect(() => bodies[kind](crasher.bytes), crasher.name).not.toThrow();
  });

  it.each(Object.keys(bodies))('mutated %s requests give statuses, never exceptions (bounded: 1500 inputs or 1 s)', (kind) => {
    const run = fuzz(`p4rt-crashers/${kind}`, seeds[kind], bodies[kind], { seed: 0x9454 + kind.length, count: 1500, budgetMs: 1000 });
    expect(run.crashers).toEqual([]);
    expect(run.tried).toBeGreaterThan(50);
  });
});

describe('malformed requests over gRPC', () => {
  let server: RunningServer;
  let client: P4RuntimeClient;
  beforeAll(async () => {
    server = await startP4RuntimeServer({ target: new MemoryTarget(), address: '127.0.0.1:0', idleScanIntervalMs: 0 });
    client = new P4RuntimeClient(`127.0.0.1:${server.port}`, { electionId: 10n });
    await client.arbitrate();
    await client.setPipeline(p4info);
  });
  afterAll(async () => {
    client.close();
    await server.stop();
  });

  it('answers undecodable and mutated Write bytes with a status and keeps serving', async () => {
    const raw = new grpc.Client(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure());
    const random = new Random(0xbad);
    const inputs = [Uint8Array.of(0x22, 0x10, 0x00), ...Array.from({ length: 30 }, () => mutate(writeSeedBytes[1], random))];
    for (const input of inputs) {
      const code = await new Promise<number>((resolve) =>
        raw.makeUnaryRequest('/p4.v1.P4Runtime/Write', (value: Buffer) => value, (value: Buffer) => value, Buffer.from(input),
          (error) => resolve(error?.code ?? Code.OK)));
      expect(code).toBeGreaterThanOrEqual(0);
      expect(code).toBeLessThanOrEqual(16);
    }
    // The first input is truncated (an update of 16 bytes holding 1): gRPC reports a request it cannot parse as INTERNAL.
    const undecodable = await new Promise<number>((resolve) =>
      raw.makeUnaryRequest('/p4.v1.P4Runtime/Write', (value: Buffer) => value, (value: Buffer) => value, Buffer.from(inputs[0]),
        (error) => resolve(error?.code ?? Code.OK)));
    expect(undecodable).toBe(Code.INTERNAL);
    raw.close();
    const result = await client.write([exactInsert(0x99, 1, 1)]);
    expect(result.ok).toBe(true);
  });
});
