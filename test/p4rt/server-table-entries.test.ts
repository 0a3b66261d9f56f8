// TableEntry writes and reads over gRPC with the exact status code of each
// P4Runtime 1.4 rule (§8.3 bytestrings, §9.1 table entries, §12 batches).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMessage } from '../../src/p4rt/proto.js';
import type { TableEntryMessage, UpdateMessage } from '../../src/p4rt/server/messages.js';
import { Code } from '../../src/p4rt/server/status.js';
import { bytes, exactInsert, ids, startHarness, type Harness } from './server-fixtures.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

const update = (type: UpdateMessage['type'], table_entry: TableEntryMessage): UpdateMessage => ({ type, entity: { table_entry } });
const setPort = (port: Uint8Array) => ({ action: { action_id: ids.setPort, params: [{ param_id: 1, value: port }] } });
const drop = { action: { action_id: ids.drop } };
const exactMatch = (dst: number) => [
  { field_id: 1, exact: { value: bytes(dst) } },
  { field_id: 2, exact: { value: bytes(1) } },
];
const lpm = (value: Uint8Array, prefix_len: number): TableEntryMessage => ({
  table_id: ids.lpm, match: [{ field_id: 1, lpm: { value, prefix_len } }], action: drop,
});
const ternary = (fields: TableEntryMessage['match'], priority: number): TableEntryMessage => ({
  table_id: ids.ternary, match: fields, priority, action: drop,
});

async function expectCode(updates: UpdateMessage | UpdateMessage[], code: number): Promise<void> {
  const result = await harness.primary.write(Array.isArray(updates) ? updates : [updates]);
  if (code === Code.OK) {
    expect(result).toEqual({ ok: true, value: {} });
    return;
  }
  expect(result.ok).toBe(false);
  if (result.ok) return;
  // §12.3: a failed batch is UNKNOWN with one p4.Error per update.
  expect(result.code).toBe(Code.UNKNOWN);
  expect(result.details?.map((detail) => detail.code)).toEqual([code]);
}

describe('TableEntry validation (one rule per case)', () => {
  const cases: [string, UpdateMessage, number][] = [
    ['unknown table id', update('INSERT', { table_id: 0x02ffffff, action: drop }), Code.NOT_FOUND],
    ['unknown match field id', update('INSERT', { table_id: ids.exact, match: [...exactMatch(1), { field_id: 9, exact: { value: bytes(1) } }], action: setPort(bytes(1)) }), Code.INVALID_ARGUMENT],
    ['missing exact field', update('INSERT', { table_id: ids.exact, match: [exactMatch(1)[0]], action: setPort(bytes(1)) }), Code.INVALID_ARGUMENT],
    ['same field twice', update('INSERT', { table_id: ids.exact, match: [...exactMatch(1), exactMatch(2)[0]], action: setPort(bytes(1)) }), Code.INVALID_ARGUMENT],
    ['match kind differs from P4Info', update('INSERT', { table_id: ids.exact, match: [{ field_id: 1, lpm: { value: bytes(1), prefix_len: 8 } }, exactMatch(1)[1]], action: setPort(bytes(1)) }), Code.INVALID_ARGUMENT],
    ['match value wider than the field', update('INSERT', { table_id: ids.exact, match: [exactMatch(1)[0], { field_id: 2, exact: { value: bytes(2, 0) } }], action: setPort(bytes(1)) }), Code.OUT_OF_RANGE],
    ['empty bytestring', update('INSERT', { table_id: ids.exact, match: [exactMatch(1)[0], { field_id: 2, exact: { value: bytes() } }], action: setPort(bytes(1)) }), Code.OUT_OF_RANGE],
    ['LPM prefix longer than the field', update('INSERT', lpm(bytes(10, 0, 0, 0), 33)), Code.INVALID_ARGUMENT],
    ['LPM host bits set', update('INSERT', lpm(bytes(10, 0, 0, 1), 24)), Code.INVALID_ARGUMENT],
    ['LPM prefix 0 (must be omitted)', update('INSERT', lpm(bytes(0), 0)), Code.INVALID_ARGUMENT],
    ['ternary mask 0 (must be omitted)', update('INSERT', ternary([{ field_id: 1, ternary: { value: bytes(0), mask: bytes(0) } }], 1)), Code.INVALID_ARGUMENT],
    ['ternary value outside mask', update('INSERT', ternary([{ field_id: 1, ternary: { value: bytes(0x08, 0x01), mask: bytes(0xff, 0x00) } }], 1)), Code.INVALID_ARGUMENT],
    ['range low above high', update('INSERT', ternary([{ field_id: 2, range: { low: bytes(9), high: bytes(8) } }], 1)), Code.INVALID_ARGUMENT],
    ['full range (must be omitted)', update('INSERT', ternary([{ field_id: 2, range: { low: bytes(0), high: bytes(0xff, 0xff) } }], 1)), Code.INVALID_ARGUMENT],
    ['priority 0 with ternary fields', update('INSERT', ternary([{ field_id: 3, optional: { value: bytes(6) } }], 0)), Code.INVALID_ARGUMENT],
    ['priority on an exact table', update('INSERT', { table_id: ids.exact, match: exactMatch(1), priority: 5, action: setPort(bytes(1)) }), Code.INVALID_ARGUMENT],
    ['INSERT without action', update('INSERT', { table_id: ids.exact, match: exactMatch(1) }), Code.INVALID_ARGUMENT],
    ['action not in the table', update('INSERT', { table_id: ids.exact, match: exactMatch(1), action: { action: { action_id: ids.setNhop } } }), Code.INVALID_ARGUMENT],
    ['unknown action id', update('INSERT', { table_id: ids.exact, match: exactMatch(1), action: { action: { action_id: 0x01ffffff } } }), Code.INVALID_ARGUMENT],
    ['@defaultonly action in an entry', update('INSERT', { table_id: ids.exact, match: exactMatch(1), action: { action: { action_id: ids.noAction } } }), Code.PERMISSION_DENIED],
    ['missing action parameter', update('INSERT', { table_id: ids.exact, match: exactMatch(1), action: { action: { action_id: ids.setPort } } }), Code.INVALID_ARGUMENT],
    ['unknown action parameter', update('INSERT', { table_id: ids.exact, match: exactMatch(1), action: { action: { action_id: ids.setPort, params: [{ param_id: 1, value: bytes(1) }, { param_id: 2, value: bytes(1) }] } } }), Code.INVALID_ARGUMENT],
    ['action parameter too wide', update('INSERT', { table_id: ids.exact, match: exactMatch(1), action: setPort(bytes(0x02, 0x00)) }), Code.OUT_OF_RANGE],
    ['is_const in a write', update('INSERT', { table_id: ids.exact, match: exactMatch(1), action: setPort(bytes(1)), is_const: true }), Code.INVALID_ARGUMENT],
    ['idle timeout on a table without it', update('INSERT', { ...lpm(bytes(10, 0, 0, 0), 8), idle_timeout_ns: '1000' }), Code.INVALID_ARGUMENT],
    ['time_since_last_hit in a write', update('INSERT', { table_id: ids.exact, match: exactMatch(1), action: setPort(bytes(1)), time_since_last_hit: {} }), Code.INVALID_ARGUMENT],
    ['counter_data on a table without direct counter', update('INSERT', { ...lpm(bytes(11, 0, 0, 0), 8), counter_data: { packet_count: '1' } }), Code.INVALID_ARGUMENT],
    ['meter_config on a table without direct meter', update('INSERT', { ...lpm(bytes(12, 0, 0, 0), 8), meter_config: { cir: '1', cburst: '1', pir: '2', pburst: '2' } }), Code.INVALID_ARGUMENT],
    ['two-rate meter with eburst', update('INSERT', { table_id: ids.exact, match: exactMatch(1), action: setPort(bytes(1)), meter_config: { cir: '1', cburst: '1', pir: '2', pburst: '2', eburst: '3' } }), Code.INVALID_ARGUMENT],
    ['keyless table INSERT', update('INSERT', { table_id: ids.keyless, action: drop }), Code.INVALID_ARGUMENT],
    ['INSERT into a const table', update('INSERT', { table_id: ids.constTable, match: [{ field_id: 1, exact: { value: bytes(17) } }], action: drop }), Code.PERMISSION_DENIED],
    ['DELETE from a const table', update('DELETE', { table_id: ids.constTable, match: [{ field_id: 1, exact: { value: bytes(6) } }] }), Code.PERMISSION_DENIED],
    ['MODIFY the action of a const entry', update('MODIFY', { table_id: ids.constTable, match: [{ field_id: 1, exact: { value: bytes(6) } }], action: drop }), Code.PERMISSION_DENIED],
    ['default entry INSERT', update('INSERT', { table_id: ids.exact, is_default_action: true, action: drop }), Code.INVALID_ARGUMENT],
    ['default entry DELETE', update('DELETE', { table_id: ids.exact, is_default_action: true }), Code.INVALID_ARGUMENT],
    ['default entry with a match', update('MODIFY', { table_id: ids.exact, match: exactMatch(1), is_default_action: true, action: drop }), Code.INVALID_ARGUMENT],
    ['const default action', update('MODIFY', { table_id: ids.constTable, is_default_action: true, action: { action: { action_id: ids.noAction } } }), Code.PERMISSION_DENIED],
    ['@tableonly action as default', update('MODIFY', { table_id: ids.lpm, is_default_action: true, action: setPort(bytes(1)) }), Code.PERMISSION_DENIED],
    ['default entry with idle timeout', update('MODIFY', { table_id: ids.exact, is_default_action: true, action: drop, idle_timeout_ns: '5' }), Code.INVALID_ARGUMENT],
    ['member id on a direct table', update('INSERT', { table_id: ids.exact, match: exactMatch(1), action: { action_profile_member_id: 1 } }), Code.INVALID_ARGUMENT],
    ['direct action on an indirect table', update('INSERT', { table_id: ids.selectorTable, match: [{ field_id: 1, exact: { value: bytes(1) } }], action: drop }), Code.INVALID_ARGUMENT],
    ['group on a profile without selector', update('INSERT', { table_id: ids.profileTable, match: [{ field_id: 1, exact: { value: bytes(1) } }], action: { action_profile_group_id: 1 } }), Code.INVALID_ARGUMENT],
    ['member that does not exist', update('INSERT', { table_id: ids.profileTable, match: [{ field_id: 1, exact: { value: bytes(1) } }], action: { action_profile_member_id: 77 } }), Code.NOT_FOUND],
    ['MODIFY of a missing entry', update('MODIFY', { table_id: ids.exact, match: exactMatch(0xee), action: setPort(bytes(1)) }), Code.NOT_FOUND],
    ['DELETE of a missing entry', update('DELETE', { table_id: ids.exact, match: exactMatch(0xee) }), Code.NOT_FOUND],
    ['update type UNSPECIFIED', { type: 'UNSPECIFIED', entity: { table_entry: { table_id: ids.exact } } }, Code.INVALID_ARGUMENT],
    ['entity with nothing set', { type: 'INSERT', entity: {} }, Code.INVALID_ARGUMENT],
  ];
  it.each(cases)('%s', async (_name, item, code) => {
    await expectCode(item, code);
  });
});

describe('TableEntry lifecycle', () => {
  it('accepts leading zero bytes and reads back canonical values', async () => {
    await expectCode(update('INSERT', {
      table_id: ids.exact, match: [{ field_id: 1, exact: { value: bytes(0, 0, 0, 0, 0, 0x21) } }, { field_id: 2, exact: { value: bytes(0, 1) } }],
      action: setPort(bytes(0, 0, 7)), controller_metadata: '77', metadata: bytes(1, 2, 3),
    }), Code.OK);
    const read = await harness.primary.read([{ table_entry: { table_id: ids.exact, match: exactMatch(0x21) } }]);
    expect(read.entities).toHaveLength(1);
    const entry = read.entities[0].table_entry!;
    expect(entry.match!.map((field) => [...(field.exact!.value as Uint8Array)])).toEqual([[0x21], [1]]);
    expect([...(entry.action!.action!.params![0].value as Uint8Array)]).toEqual([7]);
    expect(entry.controller_metadata).toBe('77');
    expect([...(entry.metadata as Uint8Array)]).toEqual([1, 2, 3]);
  });

  it('reads back exactly what was written (read-write symmetry, §8.2)', async () => {
    const written: TableEntryMessage[] = [
      { table_id: ids.exact, match: exactMatch(0x22), action: setPort(bytes(0x01, 0x23)), controller_metadata: '5', metadata: bytes(7), idle_timeout_ns: '3000' },
      { table_id: ids.ternary, match: [{ field_id: 1, ternary: { value: bytes(0x86, 0xdd), mask: bytes(0xff, 0xff) } }, { field_id: 3, optional: { value: bytes(0) } }], priority: 7, action: drop },
      { table_id: ids.lpm, match: [{ field_id: 1, lpm: { value: bytes(192, 168, 0, 0), prefix_len: 16 } }], action: setPort(bytes(9)) },
    ];
    await expectCode(written.map((entry) => update('INSERT', entry)), Code.OK);
    for (const entry of written) {
      const read = await harness.primary.read([{ table_entry: { table_id: entry.table_id, match: entry.match, priority: entry.priority } }]);
      expect(read.entities).toHaveLength(1);
      // Same message on the wire: field by field, bytes canonical, defaults omitted.
      expect(Buffer.from(encodeMessage('p4.v1.TableEntry', read.entities[0].table_entry!)).toString('hex'))
        .toBe(Buffer.from(encodeMessage('p4.v1.TableEntry', entry)).toString('hex'));
    }
  });

  it('INSERT twice → ALREADY_EXISTS; MODIFY keeps the action when unset; DELETE removes', async () => {
    await expectCode(exactInsert(0x30, 1, 3), Code.OK);
    await expectCode(exactInsert(0x30, 1, 4), Code.ALREADY_EXISTS);
    await expectCode(update('MODIFY', { table_id: ids.exact, match: exactMatch(0x30), controller_metadata: '9' }), Code.OK);
    let read = await harness.primary.read([{ table_entry: { table_id: ids.exact, match: exactMatch(0x30) } }]);
    expect([...(read.entities[0].table_entry!.action!.action!.params![0].value as Uint8Array)]).toEqual([3]);
    expect(read.entities[0].table_entry!.controller_metadata).toBe('9');
    await expectCode(update('DELETE', { table_id: ids.exact, match: exactMatch(0x30), action: { action: { action_id: 12345 } } }), Code.OK);
    read = await harness.primary.read([{ table_entry: { table_id: ids.exact, match: exactMatch(0x30) } }]);
    expect(read.entities).toHaveLength(0);
  });

  it('reports every update of a batch in order (CONTINUE_ON_ERROR)', async () => {
    const result = await harness.primary.write([exactInsert(0x40, 1, 1), exactInsert(0x40, 1, 1), exactInsert(0x41, 1, 1)]);
    expect(result).toMatchObject({ ok: false, code: Code.UNKNOWN });
    expect(!result.ok && result.details?.map((detail) => detail.code)).toEqual([Code.OK, Code.ALREADY_EXISTS, Code.OK]);
    const read = await harness.primary.read([{ table_entry: { table_id: ids.exact, match: exactMatch(0x41) } }]);
    expect(read.entities).toHaveLength(1);
  });

  it('rolls a ROLLBACK_ON_ERROR batch back completely on the first failure', async () => {
    await expectCode([exactInsert(0x50, 1, 1), exactInsert(0x51, 1, 1)], Code.OK);
    const counterCell = { counter_entry: { counter_id: ids.counter, index: { index: '5' } } };
    await expectCode({ type: 'MODIFY', entity: { ...counterCell, counter_entry: { ...counterCell.counter_entry, data: { packet_count: '1' } } } }, Code.OK);
    const result = await harness.primary.write([
      exactInsert(0x52, 1, 1),
      exactInsert(0x50, 1, 9, 'MODIFY'),
      update('DELETE', { table_id: ids.exact, match: exactMatch(0x51) }),
      { type: 'MODIFY', entity: { counter_entry: { ...counterCell.counter_entry, data: { packet_count: '2' } } } },
      { type: 'INSERT', entity: { action_profile_member: { action_profile_id: ids.profile, member_id: 3, action: { action_id: ids.setNhop, params: [{ param_id: 1, value: bytes(1) }, { param_id: 2, value: bytes(1) }] } } } },
      exactInsert(0x50, 1, 1), // ALREADY_EXISTS: the whole batch is undone
      exactInsert(0x53, 1, 1),
    ], 'ROLLBACK_ON_ERROR');
    expect(result).toMatchObject({ ok: false, code: Code.UNKNOWN });
    expect(!result.ok && result.details?.map((detail) => detail.code)).toEqual([
      Code.ABORTED, Code.ABORTED, Code.ABORTED, Code.ABORTED, Code.ABORTED, Code.ALREADY_EXISTS, Code.ABORTED,
    ]);
    const entries = await harness.primary.read([{ table_entry: { table_id: ids.exact } }]);
    const keys = entries.entities.map((entity) => (entity.table_entry!.match![0].exact!.value as Uint8Array)[0]);
    expect(keys).toContain(0x50);
    expect(keys).toContain(0x51);
    expect(keys).not.toContain(0x52);
    expect(keys).not.toContain(0x53);
    const modified = await harness.primary.read([{ table_entry: { table_id: ids.exact, match: exactMatch(0x50) } }]);
    expect([...(modified.entities[0].table_entry!.action!.action!.params![0].value as Uint8Array)]).toEqual([1]);
    const counter = await harness.primary.read([counterCell]);
    expect(counter.entities[0].counter_entry?.data?.packet_count).toBe('1');
    const members = await harness.primary.read([{ action_profile_member: { action_profile_id: ids.profile } }]);
    expect(members.entities).toHaveLength(0);
  });

  it('applies ROLLBACK_ON_ERROR and DATAPLANE_ATOMIC batches that succeed', async () => {
    expect((await harness.primary.write([exactInsert(0x54, 1, 1)], 'ROLLBACK_ON_ERROR')).ok).toBe(true);
    expect((await harness.primary.write([exactInsert(0x55, 1, 1)], 'DATAPLANE_ATOMIC')).ok).toBe(true);
    const failed = await harness.primary.write([exactInsert(0x56, 1, 1), exactInsert(0x55, 1, 1)], 'DATAPLANE_ATOMIC');
    expect(!failed.ok && failed.details?.map((detail) => detail.code)).toEqual([Code.ABORTED, Code.ALREADY_EXISTS]);
    const read = await harness.primary.read([{ table_entry: { table_id: ids.exact, match: exactMatch(0x56) } }]);
    expect(read.entities).toHaveLength(0);
  });

  it('modifies and resets the default entry', async () => {
    await expectCode(update('MODIFY', { table_id: ids.exact, is_default_action: true, action: drop }), Code.OK);
    let read = await harness.primary.read([{ table_entry: { table_id: ids.exact, is_default_action: true } }]);
    expect(read.entities[0].table_entry).toMatchObject({ is_default_action: true, action: { action: { action_id: ids.drop } } });
    await expectCode(update('MODIFY', { table_id: ids.exact, is_default_action: true }), Code.OK);
    read = await harness.primary.read([{ table_entry: { table_id: ids.exact, is_default_action: true } }]);
    expect(read.entities[0].table_entry!.action!.action!.action_id).toBe(ids.noAction);
  });

  it('ternary, range and optional entries with priorities; wildcard and priority filters', async () => {
    await expectCode(update('INSERT', ternary([
      { field_id: 1, ternary: { value: bytes(0x08, 0x00), mask: bytes(0xff, 0x00) } },
      { field_id: 2, range: { low: bytes(80), high: bytes(443 >> 8, 443 & 0xff) } },
      { field_id: 3, optional: { value: bytes(6) } },
    ], 10)), Code.OK);
    await expectCode(update('INSERT', ternary([{ field_id: 3, optional: { value: bytes(17) } }], 20)), Code.OK);
    const all = await harness.primary.read([{ table_entry: { table_id: ids.ternary } }]);
    expect(all.entities).toHaveLength(3); // with the priority-7 entry of the symmetry test
    const byPriority = await harness.primary.read([{ table_entry: { table_id: ids.ternary, priority: 20 } }]);
    expect(byPriority.entities.map((entity) => entity.table_entry!.priority)).toEqual([20]);
    // Don't-care fields are omitted on read.
    expect(byPriority.entities[0].table_entry!.match).toEqual([{ field_id: 3, optional: { value: Buffer.from([17]) } }]);
  });

  it('reads const entries with is_const and every table with table_id 0', async () => {
    const read = await harness.primary.read([{ table_entry: {} }]);
    const constant = read.entities.find((entity) => entity.table_entry!.table_id === ids.constTable);
    expect(constant?.table_entry?.is_const).toBe(true);
    expect(read.entities.length).toBeGreaterThan(2);
  });

  it('keeps direct counter and meter data with the entry and returns them when asked', async () => {
    await expectCode(update('INSERT', {
      table_id: ids.exact, match: exactMatch(0x60), action: setPort(bytes(1)), idle_timeout_ns: '1000000000',
      counter_data: { byte_count: '100', packet_count: '2' }, meter_config: { cir: '10', cburst: '20', pir: '30', pburst: '40' },
    }), Code.OK);
    const plain = await harness.primary.read([{ table_entry: { table_id: ids.exact, match: exactMatch(0x60) } }]);
    expect(plain.entities[0].table_entry!.counter_data).toBeUndefined();
    expect(plain.entities[0].table_entry!.idle_timeout_ns).toBe('1000000000');
    const full = await harness.primary.read([{ table_entry: { table_id: ids.exact, match: exactMatch(0x60), counter_data: {}, meter_config: {}, time_since_last_hit: {} } }]);
    const entry = full.entities[0].table_entry!;
    expect(entry.counter_data).toEqual({ byte_count: '100', packet_count: '2' });
    expect(entry.meter_config).toEqual({ cir: '10', cburst: '20', pir: '30', pburst: '40' });
    expect(entry.time_since_last_hit).toBeDefined();
    // MODIFY without meter_config resets the meter; without counter_data keeps the counter (§9.1 "Direct Resources").
    await expectCode(update('MODIFY', { table_id: ids.exact, match: exactMatch(0x60), action: setPort(bytes(2)) }), Code.OK);
    const after = await harness.primary.read([{ table_entry: { table_id: ids.exact, match: exactMatch(0x60), counter_data: {}, meter_config: {} } }]);
    expect(after.entities[0].table_entry!.meter_config).toBeUndefined();
    expect(after.entities[0].table_entry!.counter_data).toEqual({ byte_count: '100', packet_count: '2' });
  });

  it('rejects a bad read request in place and still returns the others (§13.3)', async () => {
    const read = await harness.primary.read([{ table_entry: { table_id: 0x02abcdef } }, { table_entry: { table_id: ids.constTable } }, {}]);
    expect(read).toMatchObject({ ok: false, code: Code.UNKNOWN });
    expect(!read.ok && read.details?.map((detail) => detail.code)).toEqual([Code.NOT_FOUND, Code.OK, Code.INVALID_ARGUMENT]);
    expect(read.entities).toHaveLength(1);
  });
});
