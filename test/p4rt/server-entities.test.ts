// Non-table entities over gRPC: action profiles (§9.2), counters (§9.3),
// meters (§9.4), PRE (§9.5), value sets (§9.6), registers (§9.7), digests (§9.8).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityMessage, UpdateMessage } from '../../src/p4rt/server/messages.js';
import { Code } from '../../src/p4rt/server/status.js';
import { bytes, ids, startHarness, type Harness } from './server-fixtures.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

async function codes(updates: UpdateMessage[]): Promise<number[]> {
  const result = await harness.primary.write(updates);
  if (result.ok) return updates.map(() => Code.OK);
  expect(result.code).toBe(Code.UNKNOWN);
  return result.details!.map((detail) => detail.code);
}
const one = async (type: UpdateMessage['type'], entity: EntityMessage) => (await codes([{ type, entity }]))[0];
const nhop = (port: number) => ({ action_id: ids.setNhop, params: [{ param_id: 1, value: bytes(port) }, { param_id: 2, value: bytes(0xaa) }] });
const member = (member_id: number, action_profile_id = ids.selector, port = 1): EntityMessage =>
  ({ action_profile_member: { action_profile_id, member_id, action: nhop(port) } });
const group = (group_id: number, members: { member_id: number; weight: number }[], max_size = 8): EntityMessage =>
  ({ action_profile_group: { action_profile_id: ids.selector, group_id, members, max_size } });
const selectorEntry = (protocol: number, action: object): EntityMessage =>
  ({ table_entry: { table_id: ids.selectorTable, match: [{ field_id: 1, exact: { value: bytes(protocol) } }], action } });

describe('action profile members and groups', () => {
  it('follows the member rules of §9.2.1', async () => {
    expect(await one('INSERT', member(1))).toBe(Code.OK);
    expect(await one('INSERT', member(1))).toBe(Code.ALREADY_EXISTS);
    expect(await one('INSERT', { action_profile_member: { action_profile_id: ids.selector, member_id: 2 } })).toBe(Code.INVALID_ARGUMENT);
    expect(await one('INSERT', member(3, 0x11abcdef))).toBe(Code.NOT_FOUND);
    expect(await one('INSERT', { action_profile_member: { action_profile_id: ids.selector, member_id: 4, action: { action_id: ids.drop } } })).toBe(Code.INVALID_ARGUMENT);
    expect(await one('MODIFY', member(99))).toBe(Code.NOT_FOUND);
    expect(await one('MODIFY', member(1, ids.selector, 5))).toBe(Code.OK);
    expect(await one('DELETE', member(98))).toBe(Code.NOT_FOUND);
  });

  it('follows the group rules of §9.2.2 and refuses to delete what is in use', async () => {
    expect(await one('INSERT', member(10))).toBe(Code.OK);
    expect(await one('INSERT', member(11))).toBe(Code.OK);
    expect(await one('INSERT', group(1, [{ member_id: 10, weight: 0 }]))).toBe(Code.INVALID_ARGUMENT);
    expect(await one('INSERT', group(1, [{ member_id: 10, weight: 1 }, { member_id: 10, weight: 2 }]))).toBe(Code.INVALID_ARGUMENT);
    expect(await one('INSERT', group(1, [{ member_id: 12, weight: 1 }]))).toBe(Code.NOT_FOUND);
    expect(await one('INSERT', group(1, [{ member_id: 10, weight: 1 }], 9))).toBe(Code.INVALID_ARGUMENT); // max_size > max_group_size 8
    expect(await one('INSERT', group(1, [{ member_id: 10, weight: 5 }, { member_id: 11, weight: 5 }]))).toBe(Code.RESOURCE_EXHAUSTED);
    expect(await one('INSERT', group(1, [{ member_id: 10, weight: 1 }, { member_id: 11, weight: 2 }]))).toBe(Code.OK);
    expect(await one('INSERT', group(1, [{ member_id: 10, weight: 1 }]))).toBe(Code.ALREADY_EXISTS);
    expect(await one('MODIFY', group(1, [{ member_id: 10, weight: 1 }], 4))).toBe(Code.INVALID_ARGUMENT); // max_size changed
    expect(await one('MODIFY', group(2, [{ member_id: 10, weight: 1 }]))).toBe(Code.NOT_FOUND);
    expect(await one('DELETE', member(10))).toBe(Code.FAILED_PRECONDITION); // in group 1
    expect(await one('INSERT', selectorEntry(1, { action_profile_group_id: 1 }))).toBe(Code.OK);
    expect(await one('INSERT', selectorEntry(2, { action_profile_group_id: 7 }))).toBe(Code.NOT_FOUND);
    expect(await one('DELETE', group(1, []))).toBe(Code.FAILED_PRECONDITION); // used by a table entry
    expect(await one('DELETE', selectorEntry(1, {}))).toBe(Code.OK);
    expect(await one('DELETE', group(1, []))).toBe(Code.OK);
    expect(await one('DELETE', member(10))).toBe(Code.OK);
    const read = await harness.primary.read([{ action_profile_member: { action_profile_id: ids.selector } }, { action_profile_group: {} }]);
    expect(read.entities.map((entity) => entity.action_profile_member?.member_id).sort()).toEqual([1, 11]);
  });

  it('programs one-shot action sets and reads them back as written', async () => {
    const oneShot = {
      action_profile_action_set: {
        action_profile_actions: [
          { action: nhop(1), weight: 1, watch_port: bytes(1) },
          { action: nhop(2), weight: 2 },
        ],
      },
    };
    // Members 1 and 11 still live in the selector: one shots may not be mixed in (§9.2.3).
    expect(await one('INSERT', selectorEntry(9, oneShot))).toBe(Code.INVALID_ARGUMENT);
    expect(await codes([{ type: 'DELETE', entity: member(1) }, { type: 'DELETE', entity: member(11) }])).toEqual([Code.OK, Code.OK]);
    expect(await one('INSERT', selectorEntry(9, oneShot))).toBe(Code.OK);
    expect(await one('INSERT', member(20))).toBe(Code.INVALID_ARGUMENT);
    const tooHeavy = { action_profile_action_set: { action_profile_actions: [{ action: nhop(1), weight: 9 }] } };
    expect(await one('INSERT', selectorEntry(10, tooHeavy))).toBe(Code.INVALID_ARGUMENT);
    const zeroWeight = { action_profile_action_set: { action_profile_actions: [{ action: nhop(1), weight: 0 }] } };
    expect(await one('INSERT', selectorEntry(11, zeroWeight))).toBe(Code.INVALID_ARGUMENT);
    const read = await harness.primary.read([{ table_entry: { table_id: ids.selectorTable, match: [{ field_id: 1, exact: { value: bytes(9) } }] } }]);
    const actions = read.entities[0].table_entry!.action!.action_profile_action_set!.action_profile_actions!;
    expect(actions.map((item) => item.weight)).toEqual([1, 2]);
    expect([...(actions[0].watch_port as Uint8Array)]).toEqual([1]);
  });

  it('enforces the action profile size (RESOURCE_EXHAUSTED)', async () => {
    const inserts = [1, 2, 3, 4, 5].map((id) => ({ type: 'INSERT' as const, entity: member(id, ids.profile) }));
    expect(await codes(inserts)).toEqual([Code.OK, Code.OK, Code.OK, Code.OK, Code.RESOURCE_EXHAUSTED]);
    // Groups need a selector.
    expect(await one('INSERT', { action_profile_group: { action_profile_id: ids.profile, group_id: 1 } })).toBe(Code.INVALID_ARGUMENT);
  });
});

describe('table capacity', () => {
  it('answers RESOURCE_EXHAUSTED once a table holds its P4Info size', async () => {
    const insert = (ttl: number): UpdateMessage => ({
      type: 'INSERT',
      entity: { table_entry: { table_id: ids.small, match: [{ field_id: 1, exact: { value: bytes(ttl) } }], action: { action: { action_id: ids.drop } } } },
    });
    expect(await codes([insert(1), insert(2), insert(3)])).toEqual([Code.OK, Code.OK, Code.RESOURCE_EXHAUSTED]);
  });
});

describe('counters, meters and registers', () => {
  it('writes and reads indexed counters; index rules and MODIFY-only', async () => {
    const data = { byte_count: '1500', packet_count: '1' };
    expect(await one('MODIFY', { counter_entry: { counter_id: ids.counter, index: { index: '3' }, data } })).toBe(Code.OK);
    expect(await one('INSERT', { counter_entry: { counter_id: ids.counter, index: { index: '3' }, data } })).toBe(Code.INVALID_ARGUMENT);
    expect(await one('DELETE', { counter_entry: { counter_id: ids.counter, index: { index: '3' } } })).toBe(Code.INVALID_ARGUMENT);
    expect(await one('MODIFY', { counter_entry: { counter_id: ids.counter, index: { index: '-1' }, data } })).toBe(Code.INVALID_ARGUMENT);
    expect(await one('MODIFY', { counter_entry: { counter_id: ids.counter, index: { index: '16' }, data } })).toBe(Code.OUT_OF_RANGE);
    expect(await one('MODIFY', { counter_entry: { counter_id: 0x12abcdef, data } })).toBe(Code.NOT_FOUND);
    const cell = await harness.primary.read([{ counter_entry: { counter_id: ids.counter, index: { index: '3' } } }]);
    expect(cell.entities).toEqual([{ counter_entry: { counter_id: ids.counter, index: { index: '3' }, data } }]);
    const all = await harness.primary.read([{ counter_entry: { counter_id: ids.counter } }]);
    expect(all.entities).toHaveLength(16);
    const everything = await harness.primary.read([{ counter_entry: {} }]);
    expect(everything.entities).toHaveLength(16);
  });

  it('writes meters, resets them with an unset config, and reads them back', async () => {
    const config = { cir: '100', cburst: '10', pir: '200', pburst: '20' };
    expect(await one('MODIFY', { meter_entry: { meter_id: ids.meter, index: { index: '1' }, config } })).toBe(Code.OK);
    let read = await harness.primary.read([{ meter_entry: { meter_id: ids.meter, index: { index: '1' } } }]);
    expect(read.entities[0].meter_entry?.config).toEqual(config);
    expect(await one('MODIFY', { meter_entry: { meter_id: ids.meter, index: { index: '1' } } })).toBe(Code.OK);
    read = await harness.primary.read([{ meter_entry: { meter_id: ids.meter, index: { index: '1' } } }]);
    expect(read.entities[0].meter_entry?.config).toBeUndefined();
    expect(await one('MODIFY', { meter_entry: { meter_id: ids.meter, index: { index: '8' }, config } })).toBe(Code.OUT_OF_RANGE);
    expect(await one('MODIFY', { meter_entry: { meter_id: ids.meter, config: { ...config, eburst: '5' } } })).toBe(Code.INVALID_ARGUMENT);
  });

  it('modifies direct counters and meters of an existing entry only', async () => {
    const match = [{ field_id: 1, exact: { value: bytes(0x77) } }, { field_id: 2, exact: { value: bytes(1) } }];
    const key = { table_id: ids.exact, match };
    expect(await one('MODIFY', { direct_counter_entry: { table_entry: key, data: { packet_count: '5' } } })).toBe(Code.NOT_FOUND);
    expect(await one('INSERT', { table_entry: { ...key, action: { action: { action_id: ids.setPort, params: [{ param_id: 1, value: bytes(1) }] } } } })).toBe(Code.OK);
    expect(await one('MODIFY', { direct_counter_entry: { table_entry: key, data: { packet_count: '5' } } })).toBe(Code.OK);
    expect(await one('INSERT', { direct_counter_entry: { table_entry: key, data: { packet_count: '5' } } })).toBe(Code.INVALID_ARGUMENT);
    expect(await one('MODIFY', { direct_meter_entry: { table_entry: key, config: { cir: '1', cburst: '2', pir: '3', pburst: '4' } } })).toBe(Code.OK);
    const read = await harness.primary.read([{ direct_counter_entry: { table_entry: key } }, { direct_meter_entry: { table_entry: key } }]);
    expect(read.entities[0].direct_counter_entry?.data).toEqual({ byte_count: '0', packet_count: '5' });
    expect(read.entities[1].direct_meter_entry?.config).toEqual({ cir: '1', cburst: '2', pir: '3', pburst: '4' });
    expect(await one('MODIFY', { direct_counter_entry: { table_entry: { table_id: ids.lpm }, data: {} } })).toBe(Code.INVALID_ARGUMENT);
  });

  it('writes register cells as bitstrings of the register width', async () => {
    expect(await one('MODIFY', { register_entry: { register_id: ids.register, index: { index: '2' }, data: { bitstring: bytes(0, 0, 1, 0) } } })).toBe(Code.OK);
    expect(await one('MODIFY', { register_entry: { register_id: ids.register, index: { index: '2' }, data: { bitstring: bytes(1, 0, 0, 0, 0) } } })).toBe(Code.OUT_OF_RANGE);
    expect(await one('MODIFY', { register_entry: { register_id: ids.register, index: { index: '2' }, data: { bool: true } } })).toBe(Code.INVALID_ARGUMENT);
    expect(await one('MODIFY', { register_entry: { register_id: ids.register, index: { index: '4' }, data: { bitstring: bytes(1) } } })).toBe(Code.OUT_OF_RANGE);
    const read = await harness.primary.read([{ register_entry: { register_id: ids.register, index: { index: '2' } } }]);
    expect([...(read.entities[0].register_entry!.data!.bitstring as Uint8Array)]).toEqual([1, 0]);
  });
});

describe('packet replication engine, value sets and digests', () => {
  it('programs multicast groups and clone sessions (§9.5)', async () => {
    const replicas = [{ port: bytes(1), instance: 1 }, { port: bytes(2), instance: 1 }];
    expect(await one('INSERT', { packet_replication_engine_entry: { multicast_group_entry: { multicast_group_id: 0, replicas } } })).toBe(Code.INVALID_ARGUMENT);
    expect(await one('INSERT', { packet_replication_engine_entry: { multicast_group_entry: { multicast_group_id: 5, replicas, metadata: bytes(9) } } })).toBe(Code.OK);
    expect(await one('INSERT', { packet_replication_engine_entry: { multicast_group_entry: { multicast_group_id: 5, replicas } } })).toBe(Code.ALREADY_EXISTS);
    expect(await one('INSERT', { packet_replication_engine_entry: { multicast_group_entry: { multicast_group_id: 6, replicas: [replicas[0], replicas[0]] } } })).toBe(Code.INVALID_ARGUMENT);
    expect(await one('MODIFY', { packet_replication_engine_entry: { multicast_group_entry: { multicast_group_id: 7, replicas } } })).toBe(Code.NOT_FOUND);
    expect(await one('INSERT', { packet_replication_engine_entry: { clone_session_entry: { session_id: 0 } } })).toBe(Code.INVALID_ARGUMENT);
    expect(await one('INSERT', { packet_replication_engine_entry: { clone_session_entry: { session_id: 100, replicas: [{ egress_port: 3, instance: 0 }], class_of_service: 2, packet_length_bytes: 128 } } })).toBe(Code.OK);
    const read = await harness.primary.read([
      { packet_replication_engine_entry: { multicast_group_entry: {} } },
      { packet_replication_engine_entry: { clone_session_entry: { session_id: 100 } } },
    ]);
    expect(read.entities[0].packet_replication_engine_entry?.multicast_group_entry).toEqual({
      multicast_group_id: 5, replicas: [{ port: Buffer.from([1]), instance: 1 }, { port: Buffer.from([2]), instance: 1 }], metadata: Buffer.from([9]),
    });
    expect(read.entities[1].packet_replication_engine_entry?.clone_session_entry).toMatchObject({ session_id: 100, class_of_service: 2, packet_length_bytes: 128 });
    expect(await one('DELETE', { packet_replication_engine_entry: { multicast_group_entry: { multicast_group_id: 5 } } })).toBe(Code.OK);
    expect(await one('DELETE', { packet_replication_engine_entry: { multicast_group_entry: { multicast_group_id: 5 } } })).toBe(Code.NOT_FOUND);
  });

  it('replaces value set members with MODIFY only (§9.6)', async () => {
    const member = (value: number) => ({ match: [{ field_id: 1, exact: { value: bytes(value >> 8, value & 0xff) } }] });
    expect(await one('INSERT', { value_set_entry: { value_set_id: ids.valueSet, members: [member(0x22f3)] } })).toBe(Code.INVALID_ARGUMENT);
    expect(await one('MODIFY', { value_set_entry: { value_set_id: ids.valueSet, members: [member(0x22f3), member(0x22f3)] } })).toBe(Code.ALREADY_EXISTS);
    expect(await one('MODIFY', { value_set_entry: { value_set_id: ids.valueSet, members: [1, 2, 3, 4, 5].map(member) } })).toBe(Code.RESOURCE_EXHAUSTED);
    expect(await one('MODIFY', { value_set_entry: { value_set_id: ids.valueSet, members: [member(0x22f3), member(0x893b)] } })).toBe(Code.OK);
    const read = await harness.primary.read([{ value_set_entry: { value_set_id: ids.valueSet } }]);
    expect(read.entities[0].value_set_entry?.members).toHaveLength(2);
  });

  it('enables, modifies and disables digests (§9.8)', async () => {
    const config = { max_timeout_ns: '0', max_list_size: 1, ack_timeout_ns: '1000000000' };
    expect(await one('MODIFY', { digest_entry: { digest_id: ids.digest, config } })).toBe(Code.NOT_FOUND);
    expect(await one('INSERT', { digest_entry: { digest_id: ids.digest } })).toBe(Code.INVALID_ARGUMENT);
    expect(await one('INSERT', { digest_entry: { digest_id: 0x17abcdef, config } })).toBe(Code.NOT_FOUND);
    expect(await one('INSERT', { digest_entry: { digest_id: ids.digest, config } })).toBe(Code.OK);
    expect(await one('INSERT', { digest_entry: { digest_id: ids.digest, config } })).toBe(Code.ALREADY_EXISTS);
    const read = await harness.primary.read([{ digest_entry: {} }]);
    expect(read.entities).toEqual([{ digest_entry: { digest_id: ids.digest, config } }]);
    expect(await one('DELETE', { digest_entry: { digest_id: ids.digest } })).toBe(Code.OK);
    expect(await one('DELETE', { digest_entry: { digest_id: ids.digest } })).toBe(Code.NOT_FOUND);
    expect(await one('INSERT', { extern_entry: { extern_type_id: 0x81, extern_id: 1 } } as EntityMessage)).toBe(Code.UNIMPLEMENTED);
  });
});
