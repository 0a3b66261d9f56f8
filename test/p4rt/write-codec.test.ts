// The hand-written WriteRequest codec of the Write hot path
// (client/write-encode.ts, server/write-decode.ts) against protobufjs, the
// reference: random requests (seeded) both ways, a hex vector, truncations
// and bounded fuzzing. A decoder exception is saved to
// test/p4rt/write-codec-crashers/ and replayed forever.

import * as grpc from '@grpc/grpc-js';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/p4rt/bytestring.js';
import { encodeWriteRequest } from '../../src/p4rt/client/write-encode.js';
import { messageType } from '../../src/p4rt/proto.js';
import type { EntityMessage, UpdateMessage, WriteRequestMessage } from '../../src/p4rt/server/messages.js';
import { decodeWriteRequest, decodeWriteRequestReference } from '../../src/p4rt/server/write-decode.js';
import { exactInsert, startHarness } from './server-fixtures.js';

const CRASHERS = join(dirname(fileURLToPath(import.meta.url)), 'write-codec-crashers');
const updateTypeNames = ['UNSPECIFIED', 'INSERT', 'MODIFY', 'DELETE'];
const atomicityNames = ['CONTINUE_ON_ERROR', 'ROLLBACK_ON_ERROR', 'DATAPLANE_ATOMIC'];

/** Deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Semantic form for comparison: proto3 defaults dropped (absent and default
 * are the same value), 64-bit numbers as decimal text, bytes as hex, enums
 * as names; messages stay even when empty (presence matters).
 */
function normalize(value: unknown, key = ''): unknown {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Uint8Array) return value.length === 0 ? undefined : toHex(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => normalize(item));
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === 'bigint') return value === 0n ? undefined : value.toString();
  if (typeof value === 'number') {
    if (value === 0) return undefined;
    if (key === 'type') return updateTypeNames[value] ?? value;
    if (key === 'atomicity') return atomicityNames[value] ?? value;
    return value === 0 ? undefined : value;
  }
  if (typeof value === 'string') {
    if (/^-?\d+$/.test(value)) return value === '0' ? undefined : value;
    if ((key === 'type' && value === 'UNSPECIFIED') || (key === 'atomicity' && value === 'CONTINUE_ON_ERROR')) return undefined;
    return value === '' ? undefined : value;
  }
  if (value === false) return undefined;
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, inner] of Object.entries(value)) {
      const normalized = normalize(inner, name);
      if (normalized !== undefined) out[name] = normalized;
    }
    return out;
  }
  return value;
}

function randomBytes(next: () => number): Uint8Array {
  const length = Math.floor(next() * 18);
  return Uint8Array.from({ length }, () => Math.floor(next() * 256));
}

const long = (next: () => number): string =>
  next() < 0.5 ? String(Math.floor(next() * 1000)) : (BigInt(Math.floor(next() * 2 ** 32)) << 31n).toString();

function randomEntity(next: () => number): EntityMessage {
  const choice = next();
  if (choice < 0.1) return { action_profile_member: { action_profile_id: 3, member_id: Math.floor(next() * 100), action: { action_id: 7 } } };
  if (choice < 0.15) return { counter_entry: { counter_id: 9, index: { index: long(next) }, data: { byte_count: long(next) } } };
  if (choice < 0.18) return { packet_replication_engine_entry: { multicast_group_entry: { multicast_group_id: 2, replicas: [{ egress_port: 1, instance: 2 }] } } };
  const kinds = ['exact', 'ternary', 'lpm', 'range', 'optional'] as const;
  const match = Array.from({ length: Math.floor(next() * 3) }, (_, position) => {
    const kind = kinds[Math.floor(next() * kinds.length)];
    const field: Record<string, unknown> = { field_id: position + 1 };
    if (kind === 'ternary') field.ternary = { value: randomBytes(next), mask: randomBytes(next) };
    else if (kind === 'lpm') field.lpm = { value: randomBytes(next), prefix_len: Math.floor(next() * 40) - 4 };
    else if (kind === 'range') field.range = { low: randomBytes(next), high: randomBytes(next) };
    else field[kind] = { value: randomBytes(next) };
    if (next() < 0.03) field.other = { type_url: 'x', value: randomBytes(next) };
    return field;
  });
  const entry: Record<string, unknown> = { table_id: Math.floor(next() * 2 ** 32), match };
  const actionChoice = next();
  if (actionChoice < 0.6) {
    entry.action = { action: { action_id: Math.floor(next() * 2 ** 31), params: Array.from({ length: Math.floor(next() * 3) }, (_, id) => ({ param_id: id + 1, value: randomBytes(next) })) } };
  } else if (actionChoice < 0.7) entry.action = { action_profile_member_id: 5 };
  else if (actionChoice < 0.75) entry.action = { action_profile_action_set: { action_profile_actions: [{ action: { action_id: 1 }, weight: 2, watch_port: randomBytes(next) }] } };
  if (next() < 0.5) entry.priority = Math.floor(next() * 2000) - 1000;
  if (next() < 0.3) entry.controller_metadata = long(next);
  if (next() < 0.3) entry.idle_timeout_ns = next() < 0.5 ? `-${long(next)}` : long(next);
  if (next() < 0.3) entry.metadata = randomBytes(next);
  if (next() < 0.2) entry.is_default_action = true;
  if (next() < 0.1) entry.is_const = true;
  if (next() < 0.05) entry.counter_data = { packet_count: long(next) };
  if (next() < 0.05) entry.meter_config = { cir: long(next), eburst: '-1' };
  if (next() < 0.05) entry.time_since_last_hit = { elapsed_ns: long(next) };
  return { table_entry: entry };
}

function randomRequest(next: () => number): WriteRequestMessage {
  const updates: UpdateMessage[] = Array.from({ length: Math.floor(next() * 6) }, () => {
    const update: UpdateMessage = { type: updateTypeNames[Math.floor(next() * 4)] as UpdateMessage['type'] };
    if (next() < 0.95) update.entity = randomEntity(next);
    return update;
  });
  return {
    device_id: long(next),
    ...(next() < 0.8 ? { election_id: { high: long(next), low: long(next) } } : {}),
    ...(next() < 0.2 ? { role: next() < 0.5 ? 'sdn' : 'räle' } : {}),
    ...(next() < 0.1 ? { role_id: long(next) } : {}),
    atomicity: atomicityNames[Math.floor(next() * 3)] as WriteRequestMessage['atomicity'],
    updates,
  };
}

const referenceEncode = (request: WriteRequestMessage) => {
  const type = messageType('p4.v1.WriteRequest');
  return type.encode(type.fromObject(request as Record<string, unknown>)).finish();
};

describe('WriteRequest codec', () => {
  it('encodes a route INSERT to the expected bytes', () => {
    const request: WriteRequestMessage = {
      device_id: '1', election_id: { high: '0', low: '10' }, atomicity: 'CONTINUE_ON_ERROR',
      updates: [{ type: 'INSERT', entity: { table_entry: { table_id: 5, match: [{ field_id: 1, lpm: { value: Uint8Array.of(10, 0, 0, 0), prefix_len: 8 } }], action: { action: { action_id: 7, params: [{ param_id: 1, value: Uint8Array.of(3) }] } } } } }],
    };
    // device_id 1 | election_id { low 10 } | updates { type INSERT, entity { table_entry { table_id 5, match {...}, action {...} } } }
    expect(toHex(encodeWriteRequest(request))).toBe(
      '0801' + '1a02100a' + '2223' + '0801' + '121f' + '121d' + '0805' + '120c' + '0801' + '2208' + '0a040a000000' + '1008' +
      '1a0b' + '0a09' + '0807' + '2205' + '1001' + '1a0103');
    expect(normalize(decodeWriteRequest(encodeWriteRequest(request)))).toEqual(normalize({ ok: true, value: request }));
  });

  it('agrees with protobufjs both ways on random requests', () => {
    const next = random(0xc0dec);
    for (let run = 0; run < 300; run++) {
      const request = randomRequest(next);
      const reference = referenceEncode(request);
      const expected = normalize(decodeWriteRequestReference(reference));
      // Hand encoder → reference decoder: the same message.
      expect(normalize(decodeWriteRequestReference(encodeWriteRequest(request))), `encode run ${run}`).toEqual(expected);
      // Reference encoder → hand decoder: the same message.
      expect(normalize(decodeWriteRequest(reference)), `decode run ${run}`).toEqual(expected);
    }
  });

  it('re-encodes its own decoding (bigint 64-bit fields) without loss, rare entities included', () => {
    const next = random(0xbee);
    for (let run = 0; run < 100; run++) {
      const reference = referenceEncode(randomRequest(next));
      const decoded = decodeWriteRequest(reference);
      expect(decoded.ok).toBe(true);
      const again = decoded.ok ? encodeWriteRequest(decoded.value) : new Uint8Array(0);
      expect(normalize(decodeWriteRequestReference(again)), `run ${run}`).toEqual(normalize(decodeWriteRequestReference(reference)));
    }
    // bigint 64-bit fields in an entity that goes through protobufjs.
    const counter = { counter_entry: { counter_id: 9, index: { index: 5n }, data: { byte_count: 7n, packet_count: 2n ** 62n } } } as unknown as EntityMessage;
    const decoded = decodeWriteRequestReference(encodeWriteRequest({ updates: [{ type: 'MODIFY', entity: counter }] }));
    expect(decoded.ok && decoded.value.updates![0].entity!.counter_entry).toEqual({
      counter_id: 9, index: { index: '5' }, data: { byte_count: '7', packet_count: '4611686018427387904' }, // int64 field
    });
  });

  it('answers every truncation of a valid request with a value', () => {
    const next = random(7);
    for (let run = 0; run < 20; run++) {
      const bytes = referenceEncode(randomRequest(next));
      for (let length = 0; length < bytes.length; length++) {
        const decoded = decodeWriteRequest(bytes.subarray(0, length));
        expect(typeof decoded.ok).toBe('boolean');
      }
    }
  });

  it('never throws on mutated input (bounded fuzzing)', () => {
    const next = random(0xf022);
    const started = Date.now();
    let runs = 0;
    for (; runs < 3000 && Date.now() - started < 2000; runs++) {
      const bytes = Array.from(referenceEncode(randomRequest(next)));
      for (let edits = 1 + Math.floor(next() * 4); edits > 0; edits--) {
        const position = Math.floor(next() * (bytes.length + 1));
        const choice = next();
        if (choice < 0.4 && bytes.length) bytes[position % bytes.length] = Math.floor(next() * 256);
        else if (choice < 0.7) bytes.splice(position, 0, Math.floor(next() * 256));
        else bytes.splice(position, 1 + Math.floor(next() * 3));
      }
      check(Uint8Array.from(bytes));
    }
    expect(runs).toBeGreaterThan(100);
  });

  it('replays every saved crasher without an exception', () => {
    const files = existsSync(CRASHERS) ? readdirSync(CRASHERS).filter((file) => file.endsWith('.bin')) : [];
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) check(new Uint8Array(readFileSync(join(CRASHERS, file))));
  });
});

function check(bytes: Uint8Array): void {
  try {
    const decoded = decodeWriteRequest(bytes);
    if (decoded.ok) encodeWriteRequest(decoded.value);
  } catch (error) {
    if (!existsSync(CRASHERS)) mkdirSync(CRASHERS, { recursive: true });
    const name = `${createHash('sha1').update(bytes).digest('hex').slice(0, 16)}.bin`;
    writeFileSync(join(CRASHERS, name), bytes);
    throw new Error(`WriteRequest codec threw (saved as ${name}): ${(error as Error).message}`);
  }
}

describe('WriteRequest encoder on loose input', () => {
  it('writes out-of-range numbers as protobufjs does instead of corrupting the message', () => {
    const request = {
      device_id: '1', atomicity: 1.7 as unknown as WriteRequestMessage['atomicity'],
      updates: [{ type: 'INSERT', entity: { table_entry: { table_id: -5, priority: 2.9, match: [{ field_id: 2 ** 33 + 1, exact: { value: 'AQI=' } }] } } }],
    } as WriteRequestMessage;
    const decoded = decodeWriteRequestReference(encodeWriteRequest(request));
    expect(decoded.ok).toBe(true);
    const entry = decoded.ok ? decoded.value.updates![0].entity!.table_entry! : undefined;
    expect(entry?.table_id).toBe(4294967291);
    expect(entry?.priority).toBe(2);
    expect(entry?.match?.[0].field_id).toBe(1);
    expect([...(entry?.match?.[0].exact?.value as Uint8Array)]).toEqual([1, 2]); // base64 text is accepted like protobufjs
    expect(decoded.ok && decoded.value.atomicity).toBe('ROLLBACK_ON_ERROR');
  });
});

describe('Write over gRPC with the hand codec', () => {
  it('answers an undecodable WriteRequest with a status and keeps serving', async () => {
    const harness = await startHarness();
    try {
      const raw = new grpc.Client(harness.address, grpc.credentials.createInsecure());
      const error = await new Promise<{ code?: number } | null>((resolve) =>
        raw.makeUnaryRequest('/p4.v1.P4Runtime/Write', (value: Buffer) => value, (value: Buffer) => value,
          Buffer.from([0x22, 0xff, 0xff, 0xff, 0xff, 0x07]), (failure) => resolve(failure)));
      raw.close();
      expect(error?.code).toBe(13); // INTERNAL, as grpc-js answers any undecodable request
      expect((await harness.primary.write([exactInsert(1, 1, 1)])).ok).toBe(true);
      expect((await harness.primary.read([{ table_entry: { table_id: 0 } }])).entities.length).toBe(2);
    } finally {
      await harness.close();
    }
  });
});
