// SetForwardingPipelineConfig / GetForwardingPipelineConfig / Capabilities
// over gRPC (P4Runtime 1.4 §14, §15, §17) and the softmesh device config.

import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs/minimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeMessage } from '../../src/p4rt/proto.js';
import { encodeDeviceConfig, parseDeviceConfig } from '../../src/p4rt/server/device-config.js';
import { Code } from '../../src/p4rt/server/status.js';
import { p4runtimeApiVersion } from '../../src/p4rt/server/service.js';
import { bytes, exactInsert, ids, p4info, startHarness, type Harness } from './server-fixtures.js';

let harness: Harness;
afterEach(async () => {
  await harness?.close();
});

const lpmInsert = {
  type: 'INSERT' as const,
  entity: { table_entry: { table_id: ids.lpm, match: [{ field_id: 1, lpm: { value: bytes(10, 0, 0, 0), prefix_len: 8 } }], action: { action: { action_id: ids.drop } } } },
};
const countExact = async () => (await harness.primary.read([{ table_entry: { table_id: ids.exact } }])).entities.length;

describe('SetForwardingPipelineConfig', () => {
  it('needs a pipeline before Read and Write, and answers Get without config', async () => {
    harness = await startHarness({ commit: false });
    expect(await harness.primary.read([{ table_entry: {} }])).toMatchObject({ ok: false, code: Code.FAILED_PRECONDITION });
    expect(await harness.primary.getPipeline()).toEqual({ ok: true, value: undefined });
  });

  it('VERIFY changes nothing; VERIFY_AND_COMMIT clears forwarding state', async () => {
    harness = await startHarness();
    expect((await harness.primary.write([exactInsert(1, 1, 1)])).ok).toBe(true);
    expect((await harness.primary.setPipeline(p4info, undefined, 'VERIFY')).ok).toBe(true);
    expect(await countExact()).toBe(1);
    expect((await harness.primary.setPipeline(p4info, undefined, 'VERIFY_AND_COMMIT')).ok).toBe(true);
    expect(await countExact()).toBe(0);
  });

  it('VERIFY_AND_SAVE then COMMIT replays the writes made in between', async () => {
    harness = await startHarness();
    expect(await harness.primary.setPipeline(p4info, undefined, 'COMMIT')).toMatchObject({ ok: false, code: Code.NOT_FOUND });
    expect((await harness.primary.setPipeline(p4info, undefined, 'VERIFY_AND_SAVE')).ok).toBe(true);
    expect((await harness.primary.write([exactInsert(2, 1, 1)])).ok).toBe(true);
    expect((await harness.primary.setPipeline(p4info, undefined, 'COMMIT')).ok).toBe(true);
    expect(await countExact()).toBe(1);
  });

  it('RECONCILE_AND_COMMIT keeps the state that still fits the new P4Info', async () => {
    harness = await startHarness();
    expect((await harness.primary.write([exactInsert(3, 1, 1), lpmInsert])).ok).toBe(true);
    expect((await harness.primary.write([{ type: 'MODIFY', entity: { counter_entry: { counter_id: ids.counter, index: { index: '1' }, data: { packet_count: '7' } } } }])).ok).toBe(true);
    const withoutLpm = { ...p4info, tables: p4info.tables.filter((table) => table.preamble.id !== ids.lpm) };
    expect((await harness.primary.setPipeline(withoutLpm, undefined, 'RECONCILE_AND_COMMIT')).ok).toBe(true);
    expect(await countExact()).toBe(1);
    expect(await harness.primary.read([{ table_entry: { table_id: ids.lpm } }])).toMatchObject({ ok: false, code: Code.UNKNOWN });
    const counter = await harness.primary.read([{ counter_entry: { counter_id: ids.counter, index: { index: '1' } } }]);
    expect(counter.entities[0].counter_entry?.data?.packet_count).toBe('7');
  });

  it('rejects bad requests with INVALID_ARGUMENT and keeps the old pipeline', async () => {
    harness = await startHarness();
    expect(await harness.primary.setPipeline({ tables: [{ preamble: { id: 5, name: 't' }, action_refs: [{ id: 77 }] }] })).toMatchObject({ ok: false, code: Code.INVALID_ARGUMENT });
    expect(await harness.primary.setPipeline(p4info, bytes(0x7b))).toMatchObject({ ok: false, code: Code.INVALID_ARGUMENT });
    expect(await harness.primary.setPipeline(p4info, undefined, 'UNSPECIFIED')).toMatchObject({ ok: false, code: Code.INVALID_ARGUMENT });
    expect((await harness.primary.write([exactInsert(4, 1, 1)])).ok).toBe(true);
  });

  it('returns the P4Info bytes exactly as received, for every response type', async () => {
    harness = await startHarness();
    // P4Info with a field unknown to this server (number 5000, varint): a re-encoding would drop it.
    const p4infoBytes = Uint8Array.from([...encodeMessage('p4.config.v1.P4Info', p4info), 0xc0, 0xb8, 0x02, 0x01]);
    const deviceConfig = encodeDeviceConfig('main.p4', { 'main.p4': '// empty' });
    const writer = protobuf.Writer.create();
    writer.uint32((1 << 3) | 0).uint64(1);
    writer.uint32((3 << 3) | 2).fork().uint32((2 << 3) | 0).uint64(10).ldelim();
    writer.uint32((4 << 3) | 0).int32(3); // VERIFY_AND_COMMIT
    writer.uint32((5 << 3) | 2).fork()
      .uint32((1 << 3) | 2).bytes(p4infoBytes)
      .uint32((2 << 3) | 2).bytes(deviceConfig)
      .uint32((3 << 3) | 2).fork().uint32((1 << 3) | 0).uint64(42).ldelim()
      .ldelim();
    const raw = new grpc.Client(harness.address, grpc.credentials.createInsecure());
    const status = await new Promise<grpc.ServiceError | null>((resolve) =>
      raw.makeUnaryRequest('/p4.v1.P4Runtime/SetForwardingPipelineConfig', (value: Buffer) => value, (value: Buffer) => value,
        Buffer.from(writer.finish()), (error) => resolve(error)));
    raw.close();
    expect(status).toBeNull();

    const all = await harness.primary.getPipeline('ALL');
    expect(all.ok && [...all.value!.p4infoBytes!]).toEqual([...p4infoBytes]);
    expect(all.ok && [...all.value!.p4DeviceConfig!]).toEqual([...deviceConfig]);
    expect(all.ok && all.value!.cookie).toBe('42');
    const cookieOnly = await harness.primary.getPipeline('COOKIE_ONLY');
    expect(cookieOnly.ok && cookieOnly.value).toMatchObject({ cookie: '42', p4infoBytes: undefined, p4DeviceConfig: undefined });
    const p4infoAndCookie = await harness.primary.getPipeline('P4INFO_AND_COOKIE');
    expect(p4infoAndCookie.ok && p4infoAndCookie.value!.p4DeviceConfig).toBeUndefined();
    expect(p4infoAndCookie.ok && p4infoAndCookie.value!.p4infoBytes?.length).toBe(p4infoBytes.length);
    const deviceAndCookie = await harness.primary.getPipeline('DEVICE_CONFIG_AND_COOKIE');
    expect(deviceAndCookie.ok && deviceAndCookie.value).toMatchObject({ cookie: '42', p4infoBytes: undefined });
  });

  it('reports the implemented P4Runtime version', async () => {
    harness = await startHarness();
    expect(await harness.primary.capabilities()).toEqual({ ok: true, value: { p4runtime_api_version: p4runtimeApiVersion } });
    expect(p4runtimeApiVersion).toMatch(/^1\.4\.\d+$/);
  });
});

describe('softmesh device config', () => {
  it('round-trips and rejects malformed documents as values', () => {
    const encoded = encodeDeviceConfig('a.p4', { 'a.p4': 'x', 'b.p4': 'y' }, { DEBUG: '1' });
    expect(parseDeviceConfig(encoded)).toEqual({ ok: true, config: { format: 'softmesh-p4/1', main: 'a.p4', files: { 'a.p4': 'x', 'b.p4': 'y' }, defines: { DEBUG: '1' } } });
    expect(parseDeviceConfig(new Uint8Array(0))).toMatchObject({ ok: true, config: { main: '' } });
    const text = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    expect(parseDeviceConfig(Uint8Array.of(0xff, 0xfe)).ok).toBe(false);
    expect(parseDeviceConfig(text({ format: 'other', main: 'a', files: { a: '' } })).ok).toBe(false);
    expect(parseDeviceConfig(text({ format: 'softmesh-p4/1', main: 'missing.p4', files: { 'a.p4': '' } })).ok).toBe(false);
    expect(parseDeviceConfig(text({ format: 'softmesh-p4/1', main: 'a.p4', files: { 'a.p4': 1 } })).ok).toBe(false);
  });
});
