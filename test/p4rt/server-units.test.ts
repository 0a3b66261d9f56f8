// Pure parts of the server without gRPC: arbitration state machine, digest
// list timing, batch status encoding, P4Info index errors.

import { describe, expect, it } from 'vitest';
import { buildP4InfoIndex, idOf } from '../../src/p4rt/p4info-index.js';
import { Arbitration } from '../../src/p4rt/server/arbitration.js';
import { DigestLists, type DigestClock, type DigestListOut } from '../../src/p4rt/server/digests.js';
import { MemoryTarget } from '../../src/p4rt/server/memory-target.js';
import { P4RuntimeService } from '../../src/p4rt/server/service.js';
import { Code, failure, decodeBatchStatus, encodeBatchStatus, encodeBoundedBatchStatus, statusDetailsBudget } from '../../src/p4rt/server/status.js';
import type { DigestConfig } from '../../src/p4rt/target.js';
import { ids, p4info } from './server-fixtures.js';

const request = (electionId: bigint | undefined, deviceId = 1n, role = '') => ({ deviceId, role, electionId, roleConfig: undefined });

describe('Arbitration', () => {
  it('notifies everyone on a new primary, with OK only for the primary', () => {
    const arbitration = new Arbitration((deviceId) => deviceId === 1n);
    const first = arbitration.update(1, request(5n));
    expect(first.ok && first.notifications.map((item) => [item.clientId, item.update.status?.code])).toEqual([[1, Code.OK]]);
    const backup = arbitration.update(2, request(3n));
    expect(backup.ok && backup.notifications.map((item) => [item.clientId, item.update.status?.code])).toEqual([[2, Code.ALREADY_EXISTS]]);
    const takeover = arbitration.update(3, request(9n));
    expect(takeover.ok && takeover.notifications.map((item) => [item.clientId, item.update.status?.code])).toEqual([
      [1, Code.ALREADY_EXISTS], [2, Code.ALREADY_EXISTS], [3, Code.OK],
    ]);
    expect(arbitration.isPrimary(1n, '', 9n)).toBe(true);
    expect(arbitration.isPrimary(1n, '', 5n)).toBe(false);
  });

  it('leaves no primary after the primary leaves, and reports the highest id seen', () => {
    const arbitration = new Arbitration(() => true);
    arbitration.update(1, request(5n));
    arbitration.update(2, request(3n));
    const notifications = arbitration.leave(1);
    expect(notifications.map((item) => [item.clientId, item.update.status?.code, item.update.election_id])).toEqual([
      [2, Code.NOT_FOUND, { high: '0', low: '5' }],
    ]);
    expect(arbitration.primaryOf(1n, '')).toBeUndefined();
    expect(arbitration.leave(2)).toEqual([]);
  });

  it('leaves election_id unset before any primary existed and encodes 128-bit ids', () => {
    const arbitration = new Arbitration(() => true);
    const anonymous = arbitration.update(1, request(undefined));
    expect(anonymous.ok && anonymous.notifications[0].update.election_id).toBeUndefined();
    const big = arbitration.update(2, request((1n << 64n) + 7n));
    expect(big.ok && big.notifications.at(-1)?.update.election_id).toEqual({ high: '1', low: '7' });
  });

  it('rejects duplicates, unknown devices and changes of device or role', () => {
    const arbitration = new Arbitration((deviceId) => deviceId === 1n);
    arbitration.update(1, request(5n));
    expect(arbitration.update(2, request(5n))).toMatchObject({ ok: false, status: { code: Code.INVALID_ARGUMENT } });
    expect(arbitration.update(3, request(5n, 2n))).toMatchObject({ ok: false, status: { code: Code.NOT_FOUND } });
    expect(arbitration.update(1, request(5n, 1n, 'other'))).toMatchObject({ ok: false, status: { code: Code.FAILED_PRECONDITION } });
    // The same id in another role is fine (§5: tuples are unique per (device_id, role)).
    expect(arbitration.update(4, request(5n, 1n, 'other')).ok).toBe(true);
  });
});

describe('DigestLists', () => {
  function harness(config: DigestConfig) {
    let now = 0n;
    const timers: { at: bigint; callback: () => void }[] = [];
    const clock: DigestClock = {
      nowNs: () => now,
      schedule: (delayNs, callback) => {
        const timer = { at: now + delayNs, callback };
        timers.push(timer);
        return () => timers.splice(timers.indexOf(timer), 1);
      },
    };
    const sent: DigestListOut[] = [];
    const lists = new DigestLists(() => config, (list) => sent.push(list), clock);
    const advance = (delta: bigint) => {
      now += delta;
      for (const timer of timers.filter((item) => item.at <= now)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.callback();
      }
    };
    return { lists, sent, advance };
  }
  const value = (n: number) => ({ kind: 'bitstring' as const, value: BigInt(n) });

  it('flushes on max_timeout_ns and forgets sent data after ack_timeout_ns', () => {
    const { lists, sent, advance } = harness({ maxTimeoutNs: 100n, maxListSize: 10, ackTimeoutNs: 1000n });
    lists.receive(ids.digest, value(1));
    advance(99n);
    expect(sent).toHaveLength(0);
    advance(1n);
    expect(sent.map((list) => list.data.length)).toEqual([1]);
    lists.receive(ids.digest, value(1)); // cached, not acknowledged
    advance(200n);
    expect(sent).toHaveLength(1);
    advance(1000n); // ack timeout passed: the cache forgets it
    lists.receive(ids.digest, value(1));
    advance(100n);
    expect(sent).toHaveLength(2);
  });

  it('keeps no cache when ack_timeout_ns is 0', () => {
    const { lists, sent } = harness({ maxTimeoutNs: 0n, maxListSize: 0, ackTimeoutNs: 0n });
    lists.receive(ids.digest, value(4));
    lists.receive(ids.digest, value(4));
    expect(sent.map((list) => list.listId)).toEqual([1n, 2n]);
  });
});

describe('batch status encoding', () => {
  it('round-trips one p4.v1.Error per update', () => {
    const details = [{ code: Code.OK, message: '' }, { code: Code.NOT_FOUND, message: 'gone' }] as const;
    const decoded = decodeBatchStatus(encodeBatchStatus(Code.UNKNOWN, 'write failure', [...details]));
    expect(decoded).toEqual({ code: Code.UNKNOWN, message: 'write failure', details: [...details] });
    expect(decodeBatchStatus(Uint8Array.of(0x1a, 0x05, 0x00))).toBeUndefined();
  });

  it('drops messages, then details, to stay within the trailer budget', () => {
    const many = Array.from({ length: 1000 }, () => ({ code: Code.NOT_FOUND, message: 'table entry not found in this table' }));
    const bounded = encodeBoundedBatchStatus(Code.UNKNOWN, 'write failure', many)!;
    expect(bounded.length).toBeLessThanOrEqual(statusDetailsBudget);
    expect(decodeBatchStatus(bounded)?.details.every((detail) => detail.code === Code.NOT_FOUND && detail.message === '')).toBe(true);
    expect(encodeBoundedBatchStatus(Code.UNKNOWN, 'write failure', [...many, ...many])).toBeUndefined();
  });
});

describe('P4Info index', () => {
  it('indexes the fixture by id, name and alias', () => {
    const built = buildP4InfoIndex(p4info);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(idOf(built.index, 'ingress.exact_table')).toBe(ids.exact);
    expect(idOf(built.index, 'exact_table')).toBe(ids.exact);
    expect(built.index.tables.get(ids.exact)).toMatchObject({ directCounterId: ids.directCounter, directMeterId: ids.directMeter, supportsIdleTimeout: true, size: 4096 });
    expect(built.index.tables.get(ids.ternary)?.needsPriority).toBe(true);
    expect(built.index.controllerPackets.get('packet_out')?.metadata).toEqual([{ id: 1, name: 'egress_port', bitwidth: 9 }]);
  });

  it('reports a malformed P4Info as a value', () => {
    expect(buildP4InfoIndex(undefined)).toMatchObject({ ok: false });
    expect(buildP4InfoIndex({ actions: [{ preamble: { id: 1, name: 'a' } }, { preamble: { id: 1, name: 'b' } }] })).toMatchObject({ ok: false });
    expect(buildP4InfoIndex({ tables: [{ preamble: { id: 2, name: 't' }, match_fields: [{ id: 1, name: 'f', bitwidth: 8 }] }] })).toMatchObject({ ok: false });
  });
});

describe('P4RuntimeService with a target that forwards concurrently', () => {
  it('answers DATAPLANE_ATOMIC with UNIMPLEMENTED', () => {
    class ConcurrentTarget extends MemoryTarget {
      override readonly atomicBatches = false;
    }
    const service = new P4RuntimeService({ target: new ConcurrentTarget() });
    const client = service.openStream({ send: () => {}, terminate: () => {} });
    service.streamMessage(client, { arbitration: { device_id: '1', election_id: { high: '0', low: '1' } } });
    const outcome = service.write({ device_id: '1', election_id: { high: '0', low: '1' }, atomicity: 'DATAPLANE_ATOMIC', updates: [] });
    expect(outcome.status.code).toBe(Code.UNIMPLEMENTED);
  });
});

describe('P4RuntimeService with a target that refuses', () => {
  it('answers INVALID_ARGUMENT when the target cannot realize the pipeline, and keeps none', async () => {
    class RefusingTarget extends MemoryTarget {
      override verifyPipeline() {
        return failure(Code.INVALID_ARGUMENT, 'program does not fit');
      }
    }
    const service = new P4RuntimeService({ target: new RefusingTarget() });
    const client = service.openStream({ send: () => {}, terminate: () => {} });
    service.streamMessage(client, { arbitration: { device_id: '1', election_id: { high: '0', low: '1' } } });
    const status = await service.setPipeline({ device_id: '1', election_id: { high: '0', low: '1' }, action: 'VERIFY_AND_COMMIT', config: { p4info } }, undefined);
    expect(status).toEqual({ code: Code.INVALID_ARGUMENT, message: 'program does not fit' });
    expect(service.pipeline).toBeUndefined();
  });
});
