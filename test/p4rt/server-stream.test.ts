// StreamChannel over gRPC (P4Runtime 1.4 §16): PacketOut/PacketIn, digest
// lists and acks, idle-timeout notifications, StreamError.

import { afterEach, describe, expect, it } from 'vitest';
import { Code } from '../../src/p4rt/server/status.js';
import { bytes, exactInsert, ids, startHarness, type Harness } from './server-fixtures.js';

let harness: Harness;
afterEach(async () => {
  await harness?.close();
});

const streamError = (harnessClient = harness.primary) =>
  harnessClient.stream!.next((message) => message.error !== undefined, 3000).then((result) => {
    if (!result.ok) throw new Error(result.message);
    return result.value.error!;
  });

describe('packet I/O', () => {
  it('injects a PacketOut from the primary with width-checked metadata', async () => {
    harness = await startHarness();
    harness.primary.packetOut(bytes(1, 2, 3), [{ metadata_id: 1, value: bytes(0, 5) }]);
    for (let tries = 0; tries < 100 && harness.target.transmitted.length === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(harness.target.transmitted).toHaveLength(1);
    expect([...harness.target.transmitted[0].payload]).toEqual([1, 2, 3]);
    expect(harness.target.transmitted[0].metadata.get(1)).toBe(5n);
  });

  it('answers bad PacketOuts with a StreamError and keeps the stream open', async () => {
    harness = await startHarness();
    harness.primary.packetOut(bytes(1), [{ metadata_id: 9, value: bytes(1) }]);
    const unknown = await streamError();
    expect(unknown.canonical_code).toBe(Code.INVALID_ARGUMENT);
    expect(unknown.packet_out?.packet_out?.payload).toEqual(Buffer.from([1]));
    harness.primary.packetOut(bytes(2), []);
    expect((await streamError()).canonical_code).toBe(Code.INVALID_ARGUMENT); // egress_port missing
    harness.primary.packetOut(bytes(3), [{ metadata_id: 1, value: bytes(2, 0) }]);
    expect((await streamError()).canonical_code).toBe(Code.INVALID_ARGUMENT); // 512 does not fit 9 bits
    harness.primary.openStream().send({});
    expect((await streamError()).canonical_code).toBe(Code.INVALID_ARGUMENT);
    harness.primary.openStream().send({ other: { type_url: 'type.googleapis.com/x.Y', value: bytes() } });
    expect((await streamError()).canonical_code).toBe(Code.UNIMPLEMENTED);
    expect(harness.target.transmitted).toHaveLength(0);
    expect((await harness.primary.write([exactInsert(1, 1, 1)])).ok).toBe(true);
  });

  it('refuses PacketOut from a backup', async () => {
    harness = await startHarness();
    const backup = harness.client(3n);
    await backup.arbitrate();
    backup.packetOut(bytes(1), [{ metadata_id: 1, value: bytes(1) }]);
    expect((await streamError(backup)).canonical_code).toBe(Code.PERMISSION_DENIED);
  });

  it('delivers PacketIn to the primary only', async () => {
    harness = await startHarness();
    const backup = harness.client(3n);
    await backup.arbitrate();
    harness.target.emitPacketIn(bytes(9, 9), new Map([[1, 300n]]));
    const packet = await harness.primary.stream!.next((message) => message.packet !== undefined, 3000);
    expect(packet.ok && packet.value.packet).toEqual({ payload: Buffer.from([9, 9]), metadata: [{ metadata_id: 1, value: Buffer.from([1, 44]) }] });
    const none = await backup.stream!.next((message) => message.packet !== undefined, 200);
    expect(none.ok).toBe(false);
  });
});

describe('digests', () => {
  it('sends distinct digest messages in lists and suppresses duplicates until acknowledged', async () => {
    harness = await startHarness();
    const enable = await harness.primary.write([{
      type: 'INSERT',
      entity: { digest_entry: { digest_id: ids.digest, config: { max_timeout_ns: '1000000000', max_list_size: 2, ack_timeout_ns: '60000000000' } } },
    }]);
    expect(enable.ok).toBe(true);
    const learn = (mac: number) => ({ kind: 'struct' as const, members: [{ kind: 'bitstring' as const, value: BigInt(mac) }] });
    harness.target.emitDigest(ids.digest, learn(1));
    harness.target.emitDigest(ids.digest, learn(1)); // duplicate in buffer
    harness.target.emitDigest(ids.digest, learn(2)); // fills the list of 2
    const first = await harness.primary.stream!.next((message) => message.digest !== undefined, 3000);
    expect(first.ok).toBe(true);
    const list = first.ok ? first.value.digest! : undefined;
    expect(list?.digest_id).toBe(ids.digest);
    expect(list?.data).toEqual([
      { struct: { members: [{ bitstring: Buffer.from([1]) }] } },
      { struct: { members: [{ bitstring: Buffer.from([2]) }] } },
    ]);
    // Still unacknowledged: the same learned data is not sent again.
    harness.target.emitDigest(ids.digest, learn(1));
    harness.target.emitDigest(ids.digest, learn(2));
    harness.primary.ackDigest(ids.digest, list!.list_id);
    // Stream messages are handled in order: once the answer to this no-op arbitration arrives, the ack is processed.
    expect((await harness.primary.arbitrate()).ok).toBe(true);
    harness.target.emitDigest(ids.digest, learn(1));
    harness.target.emitDigest(ids.digest, learn(3));
    const second = await harness.primary.stream!.next((message) => message.digest !== undefined, 3000);
    expect(second.ok && second.value.digest!.data).toEqual([
      { struct: { members: [{ bitstring: Buffer.from([1]) }] } },
      { struct: { members: [{ bitstring: Buffer.from([3]) }] } },
    ]);
  });

  it('rejects an ack for an unknown digest with a StreamError', async () => {
    harness = await startHarness();
    harness.primary.ackDigest(0x17abcdef, '1');
    const error = await streamError();
    expect(error.canonical_code).toBe(Code.INVALID_ARGUMENT);
    expect(error.digest_list_ack?.digest_list_ack?.digest_id).toBe(0x17abcdef);
  });
});

describe('idle timeout', () => {
  it('notifies the primary of entries idle for their TTL and restarts their timers', async () => {
    let now = 1_000_000_000n;
    harness = await startHarness({ nowNs: () => now });
    const entry = exactInsert(0x10, 1, 1);
    entry.entity!.table_entry!.idle_timeout_ns = '500';
    expect((await harness.primary.write([entry, exactInsert(0x11, 1, 1)])).ok).toBe(true);
    now += 499n;
    expect(harness.server.service.scanIdleTimeouts()).toBe(0);
    now += 1n;
    expect(harness.server.service.scanIdleTimeouts()).toBe(1);
    const notification = await harness.primary.stream!.next((message) => message.idle_timeout_notification !== undefined, 3000);
    expect(notification.ok).toBe(true);
    const entries = notification.ok ? notification.value.idle_timeout_notification!.table_entry : [];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ table_id: ids.exact, idle_timeout_ns: '500' });
    // Timer restarted: nothing until another TTL passes; a hit also restarts it.
    expect(harness.server.service.scanIdleTimeouts()).toBe(0);
    now += 400n;
    harness.target.hitEntry(ids.exact, [{ kind: 'exact', value: 0x10n }, { kind: 'exact', value: 1n }], 0);
    now += 400n;
    expect(harness.server.service.scanIdleTimeouts()).toBe(0);
    const read = await harness.primary.read([{ table_entry: { table_id: ids.exact, match: entry.entity!.table_entry!.match, time_since_last_hit: {} } }]);
    expect(read.entities[0].table_entry?.time_since_last_hit).toEqual({ elapsed_ns: '400' });
  });

  it('forwards idle timeouts a self-aging target reports', async () => {
    harness = await startHarness();
    expect((await harness.primary.connect()).ok).toBe(true);
    const received = new Promise<number>((resolve) => harness.primary.onIdleTimeout((notification) => resolve(notification.table_entry.length)));
    const entry = harness.target.getDefaultEntry(ids.exact)!;
    harness.target.emitIdleTimeout([{ ...entry, match: [{ kind: 'exact', value: 1n }, { kind: 'exact', value: 2n }], idleTimeoutNs: 5n }]);
    expect(await received).toBe(1);
  });
});
