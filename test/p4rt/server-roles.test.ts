// Roles (P4Runtime 1.4 §5 "Default Role", "Role Config"; §12 Write; §13 Read
// role filter): the default role and a named role without role.config have
// full pipeline access; a role.config in the server's scheme limits writes,
// reads, pipeline pushes, packet I/O and notifications; any other role.config
// is INVALID_ARGUMENT at arbitration.

import { afterEach, describe, expect, it } from 'vitest';
import { P4RuntimeClient } from '../../src/p4rt/client/client.js';
import { MemoryTarget } from '../../src/p4rt/server/memory-target.js';
import type { EntityMessage, StreamResponseMessage, UpdateMessage } from '../../src/p4rt/server/messages.js';
import { encodeRoleConfig, entityInScope, parseRoleConfig, roleConfigTypeUrl } from '../../src/p4rt/server/roles.js';
import { P4RuntimeService } from '../../src/p4rt/server/service.js';
import { Code } from '../../src/p4rt/server/status.js';
import { bytes, constEntries, exactInsert, ids, p4info, startHarness, type Harness } from './server-fixtures.js';

const election = (low: number) => ({ high: '0', low: String(low) });
const lpmInsert: UpdateMessage = {
  type: 'INSERT',
  entity: { table_entry: { table_id: ids.lpm, match: [{ field_id: 1, lpm: { value: bytes(10, 0, 0, 0), prefix_len: 8 } }], action: { action: { action_id: ids.drop } } } },
};
const counterWrite: UpdateMessage = {
  type: 'MODIFY', entity: { counter_entry: { counter_id: ids.counter, index: { index: '1' }, data: { packet_count: '3' } } },
};

async function service() {
  const target = new MemoryTarget({ initialEntries: constEntries });
  const instance = new P4RuntimeService({ target });
  const received = new Map<number, StreamResponseMessage[]>();
  const terminated = new Map<number, number>();
  const join = (role: string, electionId: number, config?: ReturnType<typeof encodeRoleConfig>) => {
    const client = instance.openStream({
      send: (message) => received.set(client, [...(received.get(client) ?? []), message]),
      terminate: (status) => terminated.set(client, status.code),
    });
    instance.streamMessage(client, {
      arbitration: { device_id: '1', election_id: election(electionId), ...(role || config ? { role: { name: role, ...(config ? { config } : {}) } } : {}) },
    });
    return client;
  };
  join('', 10);
  expect(await instance.setPipeline({ device_id: '1', election_id: election(10), action: 'VERIFY_AND_COMMIT', config: { p4info } }, undefined)).toMatchObject({ code: Code.OK });
  const write = (role: string, electionId: number, updates: UpdateMessage[], atomicity: 'CONTINUE_ON_ERROR' | 'ROLLBACK_ON_ERROR' = 'CONTINUE_ON_ERROR') =>
    instance.write({ device_id: '1', role, election_id: election(electionId), updates, atomicity });
  const read = (role: string, entities: EntityMessage[]) => {
    const found: EntityMessage[] = [];
    const iterator = instance.read({ device_id: '1', role, entities });
    let step = iterator.next();
    for (; !step.done; step = iterator.next()) found.push(...step.value);
    return { entities: found, status: step.value.status };
  };
  return { instance, target, join, write, read, received, terminated };
}

describe('role config scheme', () => {
  it('parses the agreed scheme and rejects anything else with INVALID_ARGUMENT', () => {
    expect(parseRoleConfig('sdn', undefined)).toEqual({ ok: true, scope: undefined });
    const parsed = parseRoleConfig('sdn', encodeRoleConfig({ p4Ids: [ids.exact, ids.counter], packetIo: true }));
    expect(parsed.ok && parsed.scope).toEqual({
      p4Ids: new Set([ids.exact, ids.counter]), packetIo: true, canPushPipeline: false, packetReplication: false,
    });
    // One id per (unpacked) field is the same list.
    const unpacked = parseRoleConfig('sdn', { type_url: roleConfigTypeUrl, value: bytes(0x08, 0x05, 0x08, 0x07) });
    expect(unpacked.ok && [...unpacked.scope!.p4Ids]).toEqual([5, 7]);
    expect(parseRoleConfig('sdn', { type_url: 'type.googleapis.com/other.Config', value: bytes() })).toMatchObject({ ok: false, status: { code: Code.INVALID_ARGUMENT } });
    expect(parseRoleConfig('sdn', { type_url: roleConfigTypeUrl, value: bytes(0x0a, 0x05, 0x01) })).toMatchObject({ ok: false, status: { code: Code.INVALID_ARGUMENT } });
    expect(parseRoleConfig('', encodeRoleConfig({ p4Ids: [] }))).toMatchObject({ ok: false, status: { code: Code.INVALID_ARGUMENT } });
  });

  it('decides scope by the entity\'s owner; direct resources follow their table', () => {
    const scope = { p4Ids: new Set([ids.exact]), packetIo: false, canPushPipeline: false, packetReplication: false };
    expect(entityInScope(undefined, { table_entry: { table_id: ids.lpm } })).toBe(true);
    expect(entityInScope(scope, { table_entry: { table_id: ids.exact } })).toBe(true);
    expect(entityInScope(scope, { direct_counter_entry: { table_entry: { table_id: ids.exact } } })).toBe(true);
    expect(entityInScope(scope, { table_entry: { table_id: ids.lpm } })).toBe(false);
    expect(entityInScope(scope, { counter_entry: { counter_id: ids.counter } })).toBe(false);
    expect(entityInScope(scope, { packet_replication_engine_entry: { multicast_group_entry: {} } })).toBe(false);
    expect(entityInScope({ ...scope, packetReplication: true }, { packet_replication_engine_entry: { clone_session_entry: {} } })).toBe(true);
  });
});

describe('role-scoped Write and Read', () => {
  it('gives a named role without role.config full pipeline access (§5)', async () => {
    const { join, write, read } = await service();
    join('sdn', 1);
    expect(write('sdn', 1, [exactInsert(1, 1, 1), lpmInsert, counterWrite]).status.code).toBe(Code.OK);
    // The default role's primary is unaffected by the other role.
    expect(write('', 10, [exactInsert(2, 1, 1)]).status.code).toBe(Code.OK);
    // Two exact entries, the LPM entry and the program's const entry: no filter for a full-access role.
    expect(read('sdn', [{ table_entry: {} }]).entities).toHaveLength(4);
    expect(read('', [{ table_entry: {} }]).entities).toHaveLength(4);
  });

  it('limits a configured role to its entities: PERMISSION_DENIED per update, filtered reads', async () => {
    const { join, write, read } = await service();
    join('ports', 1, encodeRoleConfig({ p4Ids: [ids.exact, ids.counter] }));
    const mixed = write('ports', 1, [exactInsert(1, 1, 1), lpmInsert, counterWrite]);
    expect(mixed.details?.map((status) => status.code)).toEqual([Code.OK, Code.PERMISSION_DENIED, Code.OK]);
    // All-or-none batches apply nothing when one update is out of scope.
    const atomic = write('ports', 1, [exactInsert(2, 1, 1), lpmInsert], 'ROLLBACK_ON_ERROR');
    expect(atomic.details?.map((status) => status.code)).toEqual([Code.ABORTED, Code.PERMISSION_DENIED]);
    expect(write('', 10, [lpmInsert]).status.code).toBe(Code.OK);
    // §13: "The role field acts as a filter, restricting the reported entities based on the role to which the entity belongs."
    const scoped = read('ports', [{ table_entry: {} }, { counter_entry: {} }]);
    expect(scoped.entities.map((entity) => entity.table_entry?.table_id ?? entity.counter_entry?.counter_id)).toEqual([
      ids.exact, ...Array(16).fill(ids.counter),
    ]);
    expect(read('ports', [{ table_entry: { table_id: ids.lpm } }]).entities).toEqual([]);
    expect(read('', [{ table_entry: {} }]).entities).toHaveLength(3); // exact, lpm and the const entry
  });

  it('lets only a role allowed to push pipelines set one', async () => {
    const { instance, join } = await service();
    join('ports', 1, encodeRoleConfig({ p4Ids: [ids.exact] }));
    join('ops', 2, encodeRoleConfig({ p4Ids: [], canPushPipeline: true }));
    const push = (role: string, electionId: number) =>
      instance.setPipeline({ device_id: '1', role, election_id: election(electionId), action: 'VERIFY', config: { p4info } }, undefined);
    expect(await push('ports', 1)).toMatchObject({ code: Code.PERMISSION_DENIED });
    expect(await push('ops', 2)).toMatchObject({ code: Code.OK });
  });

  it('terminates the arbitration stream of a role.config outside the scheme', async () => {
    const { join, terminated, write } = await service();
    const client = join('sdn', 1, { type_url: 'type.googleapis.com/vendor.RoleConfig', value: bytes(1) });
    expect(terminated.get(client)).toBe(Code.INVALID_ARGUMENT);
    // The refused role did not become known: its writes are NOT_FOUND (§12).
    expect(write('sdn', 1, [exactInsert(1, 1, 1)]).status.code).toBe(Code.NOT_FOUND);
  });
});

describe('notifications by role', () => {
  it('sends PacketIn to primaries with packet I/O and idle timeouts for their tables', async () => {
    const { instance, target, join, write, received } = await service();
    const full = join('sdn', 1);
    const noPackets = join('ports', 2, encodeRoleConfig({ p4Ids: [ids.lpm] }));
    const withPackets = join('punt', 3, encodeRoleConfig({ p4Ids: [], packetIo: true }));
    received.clear();
    target.emitPacketIn(bytes(7), new Map([[1, 3n]]));
    const packets = (client: number) => (received.get(client) ?? []).filter((message) => message.packet).length;
    expect([packets(1), packets(full), packets(noPackets), packets(withPackets)]).toEqual([1, 1, 0, 1]);

    expect(write('', 10, [exactInsert(1, 1, 1)]).status.code).toBe(Code.OK);
    received.clear();
    target.emitIdleTimeout([...target.tableEntries(ids.exact)]);
    const idle = (client: number) => (received.get(client) ?? []).filter((message) => message.idle_timeout_notification).length;
    expect([idle(1), idle(full), idle(noPackets), idle(withPackets)]).toEqual([1, 1, 0, 0]);
    expect(instance.sendToPrimaries(() => false, {})).toBe(false);
  });

  it('sends digest lists to the primaries whose role covers the digest', async () => {
    const { target, join, write, received } = await service();
    const full = join('sdn', 1);
    const learner = join('learn', 2, encodeRoleConfig({ p4Ids: [ids.digest] }));
    const other = join('ports', 3, encodeRoleConfig({ p4Ids: [ids.exact] }));
    expect(write('', 10, [{ type: 'INSERT', entity: { digest_entry: { digest_id: ids.digest, config: { max_list_size: 1, max_timeout_ns: '0' } } } }]).status.code).toBe(Code.OK);
    received.clear();
    target.emitDigest(ids.digest, { kind: 'bitstring', value: 5n });
    const digests = (client: number) => (received.get(client) ?? []).filter((message) => message.digest).length;
    expect([digests(1), digests(full), digests(learner), digests(other)]).toEqual([1, 1, 1, 0]);
  });
});

describe('roles over gRPC', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness?.close();
  });

  it('sends role.config from the client and enforces it', async () => {
    harness = await startHarness();
    const scoped = new P4RuntimeClient(harness.address, { electionId: 1n, role: 'ports', roleConfig: encodeRoleConfig({ p4Ids: [ids.exact] }) });
    harness.clients.push(scoped);
    const answer = await scoped.arbitrate();
    expect(answer.ok).toBe(true);
    expect(answer.ok && answer.value?.role?.config?.type_url).toBe(roleConfigTypeUrl);
    const result = await scoped.write([exactInsert(1, 1, 1), lpmInsert]);
    expect(result).toMatchObject({ ok: false, code: Code.UNKNOWN });
    expect(!result.ok && result.details?.map((status) => status.code)).toEqual([Code.OK, Code.PERMISSION_DENIED]);
    expect((await scoped.read([{ table_entry: {} }])).entities.map((entity) => entity.table_entry?.table_id)).toEqual([ids.exact]);
  });
});
