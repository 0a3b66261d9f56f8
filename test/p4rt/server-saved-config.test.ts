// The saved-but-not-committed state of SetForwardingPipelineConfig
// (P4Runtime 1.4 §14): after VERIFY_AND_SAVE, writes "refer to fields in the
// new config" and are validated against it at once, the target keeps its
// forwarding state, reads see what COMMIT will produce, and COMMIT replays
// exactly the accepted writes and reports a replay it could not complete.
// Driven through P4RuntimeService without gRPC.

import { describe, expect, it } from 'vitest';
import type { TableEntryState } from '../../src/sim/entries.js';
import { MemoryTarget } from '../../src/p4rt/server/memory-target.js';
import type { UpdateMessage, WriteRequestMessage } from '../../src/p4rt/server/messages.js';
import { P4RuntimeService } from '../../src/p4rt/server/service.js';
import { Code, failure, type P4Status } from '../../src/p4rt/server/status.js';
import { bytes, constEntries, exactInsert, ids, p4info } from './server-fixtures.js';

const identity = { device_id: '1', election_id: { high: '0', low: '10' } };
const newTableId = 0x0200000a;
/** The saved config: the LPM table removed, a new exact table added. */
const nextP4Info = {
  ...p4info,
  tables: [
    ...p4info.tables.filter((table) => table.preamble.id !== ids.lpm),
    {
      preamble: { id: newTableId, name: 'ingress.new_table', alias: 'new_table' },
      match_fields: [{ id: 1, name: 'hdr.ipv4.ttl', bitwidth: 8, match_type: 'EXACT' }],
      action_refs: [{ id: ids.drop }, { id: ids.noAction }],
      size: '16',
    },
  ],
};

const newTableInsert = (ttl: number): UpdateMessage => ({
  type: 'INSERT',
  entity: { table_entry: { table_id: newTableId, match: [{ field_id: 1, exact: { value: bytes(ttl) } }], action: { action: { action_id: ids.drop } } } },
});
const lpmInsert: UpdateMessage = {
  type: 'INSERT',
  entity: { table_entry: { table_id: ids.lpm, match: [{ field_id: 1, lpm: { value: bytes(10, 0, 0, 0), prefix_len: 8 } }], action: { action: { action_id: ids.drop } } } },
};

async function setUp(target: MemoryTarget = new MemoryTarget({ initialEntries: constEntries })) {
  const service = new P4RuntimeService({ target });
  const client = service.openStream({ send: () => {}, terminate: () => {} });
  service.streamMessage(client, { arbitration: identity });
  const set = (action: 'VERIFY_AND_SAVE' | 'VERIFY_AND_COMMIT' | 'COMMIT', config: Record<string, unknown> | undefined) =>
    service.setPipeline({ ...identity, action, ...(config ? { config: { p4info: config } } : {}) }, undefined);
  expect(await set('VERIFY_AND_COMMIT', p4info)).toMatchObject({ code: Code.OK });
  const write = (updates: UpdateMessage[], atomicity: WriteRequestMessage['atomicity'] = 'CONTINUE_ON_ERROR') =>
    service.write({ ...identity, updates, atomicity });
  const readCount = (tableId: number) => {
    const iterator = service.read({ device_id: '1', entities: [{ table_entry: { table_id: tableId } }] });
    let count = 0;
    for (let step = iterator.next(); !step.done; step = iterator.next()) count += step.value.length;
    return count;
  };
  return { service, target, set, write, readCount };
}

const codes = (details: P4Status[] | undefined) => details?.map((status) => status.code);

describe('VERIFY_AND_SAVE … COMMIT (§14)', () => {
  it('validates writes against the saved config at once and leaves the target untouched until COMMIT', async () => {
    const { target, set, write, readCount } = await setUp();
    expect(write([exactInsert(1, 1, 1)]).status.code).toBe(Code.OK);
    expect(await set('VERIFY_AND_SAVE', nextP4Info)).toMatchObject({ code: Code.OK });

    const tooWidePort = exactInsert(2, 1, 1);
    tooWidePort.entity!.table_entry!.action!.action!.params![0].value = bytes(2, 0); // 512 needs 10 bits
    const outcome = write([newTableInsert(5), lpmInsert, tooWidePort, exactInsert(3, 1, 1)]);
    // The LPM table is not in the saved config: its update fails now, not silently at COMMIT.
    expect(outcome.status.code).toBe(Code.UNKNOWN);
    expect(codes(outcome.details)).toEqual([Code.OK, Code.NOT_FOUND, Code.OUT_OF_RANGE, Code.OK]);

    // "The forwarding state in the target is not modified."
    expect([...target.tableEntries(ids.exact)]).toHaveLength(1);
    expect([...target.tableEntries(newTableId)]).toHaveLength(0);
    // Reads refer to the saved config and see the state COMMIT will produce.
    expect(readCount(newTableId)).toBe(1);
    expect(readCount(ids.exact)).toBe(1);

    expect(await set('COMMIT', undefined)).toMatchObject({ code: Code.OK });
    expect([...target.tableEntries(newTableId)].map((entry) => entry.match[0])).toEqual([{ kind: 'exact', value: 5n }]);
    // COMMIT realizes the config (state cleared) and replays only the accepted writes.
    expect([...target.tableEntries(ids.exact)].map((entry) => entry.match[0])).toEqual([{ kind: 'exact', value: 3n }]);
    expect(readCount(ids.exact)).toBe(1);
  });

  it('answers duplicates while saved and replays all-or-none batches only when they were accepted', async () => {
    const { target, set, write } = await setUp();
    expect(await set('VERIFY_AND_SAVE', nextP4Info)).toMatchObject({ code: Code.OK });
    expect(write([newTableInsert(1)]).status.code).toBe(Code.OK);
    expect(codes(write([newTableInsert(1), newTableInsert(2)]).details)).toEqual([Code.ALREADY_EXISTS, Code.OK]);
    const rolledBack = write([newTableInsert(3), lpmInsert], 'ROLLBACK_ON_ERROR');
    expect(codes(rolledBack.details)).toEqual([Code.ABORTED, Code.NOT_FOUND]);
    expect(write([newTableInsert(4), newTableInsert(5)], 'ROLLBACK_ON_ERROR').status.code).toBe(Code.OK);
    expect(await set('COMMIT', undefined)).toMatchObject({ code: Code.OK });
    const values = [...target.tableEntries(newTableId)].map((entry) => (entry.match[0] as { value: bigint }).value).sort();
    expect(values).toEqual([1n, 2n, 4n, 5n]);
  });

  it('reports a replay the target refuses at COMMIT instead of dropping it', async () => {
    class FullAfterCommit extends MemoryTarget {
      override insertTableEntry(entry: TableEntryState): P4Status {
        return entry.tableId === newTableId && entry.match[0].kind === 'exact' && entry.match[0].value === 9n
          ? failure(Code.RESOURCE_EXHAUSTED, 'hardware table full')
          : super.insertTableEntry(entry);
      }
    }
    const { service, target, set, write } = await setUp(new FullAfterCommit());
    expect(await set('VERIFY_AND_SAVE', nextP4Info)).toMatchObject({ code: Code.OK });
    expect(write([newTableInsert(8), newTableInsert(9)]).status.code).toBe(Code.OK);
    const commit = await set('COMMIT', undefined);
    expect(commit.code).toBe(Code.INTERNAL);
    expect(commit.message).toMatch(/1 of 2 replayed updates failed.*RESOURCE_EXHAUSTED hardware table full/);
    // The config itself is realized; the rest of the state is there.
    expect(service.pipeline?.index.tables.has(newTableId)).toBe(true);
    expect([...target.tableEntries(newTableId)]).toHaveLength(1);
    expect(await set('COMMIT', undefined)).toMatchObject({ code: Code.NOT_FOUND });
  });

  it('forgets the saved config and its writes on a later save or commit', async () => {
    const { target, set, write, readCount } = await setUp();
    expect(await set('VERIFY_AND_SAVE', nextP4Info)).toMatchObject({ code: Code.OK });
    expect(write([newTableInsert(1)]).status.code).toBe(Code.OK);
    // "replaying the write requests … since the last config was saved".
    expect(await set('VERIFY_AND_SAVE', nextP4Info)).toMatchObject({ code: Code.OK });
    expect(readCount(newTableId)).toBe(0);
    expect(write([newTableInsert(2)]).status.code).toBe(Code.OK);
    expect(await set('COMMIT', undefined)).toMatchObject({ code: Code.OK });
    expect([...target.tableEntries(newTableId)].map((entry) => entry.match[0])).toEqual([{ kind: 'exact', value: 2n }]);

    expect(await set('VERIFY_AND_SAVE', p4info)).toMatchObject({ code: Code.OK });
    expect(write([lpmInsert]).status.code).toBe(Code.OK);
    expect(await set('VERIFY_AND_COMMIT', nextP4Info)).toMatchObject({ code: Code.OK });
    expect(await set('COMMIT', undefined)).toMatchObject({ code: Code.NOT_FOUND });
    expect(write([lpmInsert]).details?.[0].code).toBe(Code.NOT_FOUND);
  });

  it('accepts a first pipeline by VERIFY_AND_SAVE and COMMIT', async () => {
    const target = new MemoryTarget();
    const service = new P4RuntimeService({ target });
    const client = service.openStream({ send: () => {}, terminate: () => {} });
    service.streamMessage(client, { arbitration: identity });
    expect(service.write({ ...identity, updates: [exactInsert(1, 1, 1)] }).status.code).toBe(Code.FAILED_PRECONDITION);
    expect(await service.setPipeline({ ...identity, action: 'VERIFY_AND_SAVE', config: { p4info } }, undefined)).toMatchObject({ code: Code.OK });
    expect(service.write({ ...identity, updates: [exactInsert(1, 1, 1)] }).status.code).toBe(Code.OK);
    expect(await service.setPipeline({ ...identity, action: 'COMMIT' }, undefined)).toMatchObject({ code: Code.OK });
    expect([...target.tableEntries(ids.exact)]).toHaveLength(1);
  });
});
