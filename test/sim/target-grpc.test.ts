// SimTarget behind the real P4Runtime server over gRPC (127.0.0.1, ephemeral
// port): the server's own expectations (test/p4rt/server-*.test.ts) that
// depend on the target, run against the embedded switch with a program that
// has every entity kind (target-program/all-entities.p4), and checked in the
// packets as well as in the read-backs.

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEthernet, buildIpv4, tcpOverIpv4, udpOverIpv4 } from '../../src/packet/builders/index.js';
import { P4RuntimeClient } from '../../src/p4rt/client/client.js';
import { buildP4InfoIndex, idOf, type P4InfoIndex } from '../../src/p4rt/p4info-index.js';
import type { EntityMessage, TableEntryMessage, UpdateMessage } from '../../src/p4rt/server/messages.js';
import { encodeMessage } from '../../src/p4rt/proto.js';
import { startP4RuntimeServer, type RunningServer } from '../../src/p4rt/server/server.js';
import { Code } from '../../src/p4rt/server/status.js';
import type { OutputPacket } from '../../src/sim/switch.js';
import { pipelineFromFile } from '../../src/sim/process.js';
import { SimTarget } from '../../src/sim/target.js';

const programFile = fileURLToPath(new URL('./target-program/all-entities.p4', import.meta.url));
const bytes = (...values: number[]) => Uint8Array.from(values);
const hex = (data: Uint8Array) => Buffer.from(data).toString('hex');

let pipeline: { p4info: Record<string, unknown>; deviceConfig: Uint8Array };
let index: P4InfoIndex;
let server: RunningServer;
let target: SimTarget;
let client: P4RuntimeClient;
let now = 1_000_000_000n;
const transmitted: OutputPacket[] = [];
const id = (name: string) => {
  const found = idOf(index, name);
  if (!found) throw new Error(`no ${name} in the P4Info`);
  return found;
};

beforeAll(async () => {
  const loaded = pipelineFromFile(programFile);
  if (!loaded.ok) throw new Error(loaded.error);
  pipeline = loaded.value;
  const built = buildP4InfoIndex(pipeline.p4info);
  if (!built.ok) throw new Error(built.message);
  index = built.index;
  target = new SimTarget({ cpuPort: 510, clock: () => now, transmit: (packet) => transmitted.push(packet) });
  server = await startP4RuntimeServer({ target, address: '127.0.0.1:0', idleScanIntervalMs: 0 });
  client = new P4RuntimeClient(`127.0.0.1:${server.port}`, { electionId: 3n });
  expect((await client.arbitrate()).ok).toBe(true);
}, 30_000);

afterAll(async () => {
  client?.close();
  await server?.stop();
});

beforeEach(async () => {
  // VERIFY_AND_COMMIT clears all forwarding state: every case starts from the program as loaded.
  expect(await client.setPipeline(pipeline.p4info, pipeline.deviceConfig)).toMatchObject({ ok: true });
  transmitted.length = 0;
});

async function codes(updates: UpdateMessage[]): Promise<number[]> {
  const result = await client.write(updates);
  if (result.ok) return updates.map(() => Code.OK);
  expect(result.code).toBe(Code.UNKNOWN);
  return result.details!.map((detail) => detail.code);
}
const one = async (type: UpdateMessage['type'], entity: EntityMessage) => (await codes([{ type, entity }]))[0];
const entry = (table_entry: TableEntryMessage): EntityMessage => ({ table_entry });

const exactMatch = (dst: number, port = 1) => [{ field_id: 1, exact: { value: bytes(dst) } }, { field_id: 2, exact: { value: bytes(port) } }];
const setPort = (port: number) => ({ action: { action_id: id('ingress.set_port'), params: [{ param_id: 1, value: bytes(port) }] } });
const setNhop = (port: number, mac: number) => ({ action_id: id('ingress.set_nhop'), params: [{ param_id: 1, value: bytes(port) }, { param_id: 2, value: bytes(mac) }] });

function frame(dst: number, type = 0x0800, protocol: 'udp' | 'tcp' = 'udp', source = '10.0.0.1', destination = '10.1.2.3'): Uint8Array {
  const ip = { source, destination, ttl: 64 };
  const payload = type === 0x0800 || type === 0x9100
    ? protocol === 'udp' ? udpOverIpv4(ip, { sourcePort: 1, destinationPort: 2 }) : tcpOverIpv4(ip, { sourcePort: 1, destinationPort: 443 })
    : bytes(1, 2, 3, 4);
  return buildEthernet({ destination: Uint8Array.from([0, 0, 0, 0, 0, dst]), source: '02:00:00:00:00:01', etherType: type }, payload);
}

/** Sends a frame into the switch and returns the ports it left on. */
function send(port: number, data: Uint8Array): number[] {
  transmitted.length = 0;
  target.receive(port, data);
  return transmitted.map((packet) => packet.port);
}

describe('table entries on the embedded switch', () => {
  it('inserts an entry that forwards, reads it back canonical, and deletes it', async () => {
    expect(await one('INSERT', entry({ table_id: id('ingress.exact_table'), match: [{ field_id: 1, exact: { value: bytes(0, 0, 0x21) } }, { field_id: 2, exact: { value: bytes(0, 1) } }], action: setPort(7) }))).toBe(Code.OK);
    expect(send(1, frame(0x21))).toEqual([7]);
    expect(send(2, frame(0x21))).toEqual([0]); // other ingress port: NoAction leaves egress_spec 0
    const read = await client.read([{ table_entry: { table_id: id('ingress.exact_table'), match: exactMatch(0x21) } }]);
    expect(read.entities.map((e) => e.table_entry!.match!.map((f) => [...(f.exact!.value as Uint8Array)]))).toEqual([[[0x21], [1]]]);
    expect(await one('INSERT', entry({ table_id: id('ingress.exact_table'), match: exactMatch(0x21), action: setPort(8) }))).toBe(Code.ALREADY_EXISTS);
    expect(await one('MODIFY', entry({ table_id: id('ingress.exact_table'), match: exactMatch(0x21), action: setPort(9) }))).toBe(Code.OK);
    expect(send(1, frame(0x21))).toEqual([9]);
    expect(await one('DELETE', entry({ table_id: id('ingress.exact_table'), match: exactMatch(0x21) }))).toBe(Code.OK);
    expect(await one('DELETE', entry({ table_id: id('ingress.exact_table'), match: exactMatch(0x21) }))).toBe(Code.NOT_FOUND);
    expect(send(1, frame(0x21))).not.toContain(9);
  });

  it('reads back exactly what was written (read-write symmetry, §8.3)', async () => {
    const written: TableEntryMessage[] = [
      { table_id: id('ingress.exact_table'), match: exactMatch(0x22), action: setPort(0x23), controller_metadata: '5', metadata: bytes(7), idle_timeout_ns: '3000' },
      { table_id: id('ingress.ternary_table'), match: [{ field_id: 1, ternary: { value: bytes(0x86, 0xdd), mask: bytes(0xff, 0xff) } }, { field_id: 3, optional: { value: bytes(0) } }], priority: 7, action: { action: { action_id: id('ingress.drop') } } },
      { table_id: id('ingress.lpm_table'), match: [{ field_id: 1, lpm: { value: bytes(192, 168, 0, 0), prefix_len: 16 } }], action: setPort(9) },
    ];
    expect(await codes(written.map((item) => ({ type: 'INSERT', entity: entry(item) })))).toEqual([0, 0, 0]);
    for (const item of written) {
      const read = await client.read([{ table_entry: { table_id: item.table_id, match: item.match, priority: item.priority } }]);
      expect(read.entities).toHaveLength(1);
      expect(hex(encodeMessage('p4.v1.TableEntry', read.entities[0].table_entry!))).toBe(hex(encodeMessage('p4.v1.TableEntry', item)));
    }
  });

  it('matches LPM, ternary, range and optional entries by priority in the data plane', async () => {
    expect(await one('INSERT', entry({ table_id: id('ingress.lpm_table'), match: [{ field_id: 1, lpm: { value: bytes(10, 1, 0, 0), prefix_len: 16 } }], action: setPort(4) }))).toBe(Code.OK);
    expect(await one('INSERT', entry({ table_id: id('ingress.lpm_table'), match: [{ field_id: 1, lpm: { value: bytes(10, 1, 2, 0), prefix_len: 24 } }], action: setPort(5) }))).toBe(Code.OK);
    expect(send(1, frame(0x99, 0x0800, 'udp', '10.0.0.1', '10.1.2.3'))).toEqual([5]);
    expect(send(1, frame(0x99, 0x0800, 'udp', '10.0.0.1', '10.1.9.9'))).toEqual([4]);
    // TCP to 443 in range 400..500 → drop (priority 10) beats the protocol-6 entry that does nothing (priority 5).
    const ternary = (priority: number, match: TableEntryMessage['match'], action: string) =>
      entry({ table_id: id('ingress.ternary_table'), match, priority, action: { action: { action_id: id(action) } } });
    expect(await codes([
      { type: 'INSERT', entity: ternary(10, [{ field_id: 2, range: { low: bytes(400 >> 8, 400 & 0xff), high: bytes(500 >> 8, 500 & 0xff) } }], 'ingress.drop') },
      { type: 'INSERT', entity: ternary(5, [{ field_id: 3, optional: { value: bytes(6) } }], 'NoAction') },
    ])).toEqual([0, 0]);
    expect(send(1, frame(0x99, 0x0800, 'tcp'))).toEqual([]);
    expect(send(1, frame(0x99, 0x0800, 'udp'))).toEqual([5]);
  });

  it('answers RESOURCE_EXHAUSTED once a table holds its size', async () => {
    const small = (ttl: number) => ({ type: 'INSERT' as const, entity: entry({ table_id: id('ingress.small'), match: [{ field_id: 1, exact: { value: bytes(ttl) } }], action: { action: { action_id: id('ingress.drop') } } }) });
    expect(await codes([small(1), small(2), small(3)])).toEqual([Code.OK, Code.OK, Code.RESOURCE_EXHAUSTED]);
  });

  it('modifies and resets the default entry, in the data plane too', async () => {
    expect(await one('MODIFY', entry({ table_id: id('ingress.lpm_table'), is_default_action: true, action: { action: { action_id: id('ingress.drop') } } }))).toBe(Code.OK);
    const read = await client.read([{ table_entry: { table_id: id('ingress.lpm_table'), is_default_action: true } }]);
    expect(read.entities[0].table_entry).toMatchObject({ is_default_action: true, action: { action: { action_id: id('ingress.drop') } } });
    expect(await one('INSERT', entry({ table_id: id('ingress.exact_table'), match: exactMatch(0x31), action: setPort(3) }))).toBe(Code.OK);
    expect(send(1, frame(0x31))).toEqual([]);
    expect(await one('MODIFY', entry({ table_id: id('ingress.lpm_table'), is_default_action: true }))).toBe(Code.OK);
    expect(send(1, frame(0x31))).toEqual([3]);
  });

  it('reads the program const entries with is_const and refuses to change them', async () => {
    const read = await client.read([{ table_entry: { table_id: id('ingress.const_table') } }]);
    expect(read.entities).toHaveLength(1);
    expect(read.entities[0].table_entry).toMatchObject({ is_const: true, match: [{ field_id: 1, exact: { value: Buffer.from([47]) } }] });
    const constMatch = [{ field_id: 1, exact: { value: bytes(47) } }];
    expect(await one('DELETE', entry({ table_id: id('ingress.const_table'), match: constMatch }))).toBe(Code.PERMISSION_DENIED);
    // §9.1.4: the direct resources of a const entry are the one thing a client may MODIFY.
    const gre = buildEthernet({ destination: '00:00:00:00:00:99', source: '02:00:00:00:00:01', etherType: 0x0800 }, buildIpv4({ source: '10.0.0.1', destination: '10.1.2.3', protocol: 47 }, bytes(0, 0, 8, 0)));
    expect(send(1, gre)).toEqual([]);
    const counted = await client.read([{ direct_counter_entry: { table_entry: { table_id: id('ingress.const_table'), match: constMatch } } }]);
    expect(counted.entities[0].direct_counter_entry!.data).toMatchObject({ packet_count: '1' });
    expect(await one('MODIFY', { direct_counter_entry: { table_entry: { table_id: id('ingress.const_table'), match: constMatch }, data: { packet_count: '0', byte_count: '0' } } })).toBe(Code.OK);
    const reset = await client.read([{ direct_counter_entry: { table_entry: { table_id: id('ingress.const_table'), match: constMatch } } }]);
    expect(reset.entities[0].direct_counter_entry!.data).toEqual({ byte_count: '0', packet_count: '0' });
  });

  it('counts hits in the direct counter, keeps written counter data and resets the meter on MODIFY (§9.1.4)', async () => {
    expect(await one('INSERT', entry({ table_id: id('ingress.exact_table'), match: exactMatch(0x60), action: setPort(2), meter_config: { cir: '10', cburst: '20', pir: '30', pburst: '40' } }))).toBe(Code.OK);
    const packet = frame(0x60);
    send(1, packet);
    send(1, packet);
    const query = { table_entry: { table_id: id('ingress.exact_table'), match: exactMatch(0x60), counter_data: {}, meter_config: {} } };
    let read = await client.read([query]);
    expect(read.entities[0].table_entry!.counter_data).toEqual({ byte_count: String(2 * packet.length), packet_count: '2' });
    expect(read.entities[0].table_entry!.meter_config).toEqual({ cir: '10', cburst: '20', pir: '30', pburst: '40' });
    expect(await one('MODIFY', { direct_counter_entry: { table_entry: { table_id: id('ingress.exact_table'), match: exactMatch(0x60) }, data: { byte_count: '100', packet_count: '7' } } })).toBe(Code.OK);
    expect(await one('MODIFY', entry({ table_id: id('ingress.exact_table'), match: exactMatch(0x60), action: setPort(3) }))).toBe(Code.OK);
    read = await client.read([query]);
    expect(read.entities[0].table_entry!.meter_config).toBeUndefined();
    expect(read.entities[0].table_entry!.counter_data).toEqual({ byte_count: '100', packet_count: '7' });
  });
});

describe('action profiles on the embedded switch', () => {
  const member = (profile: string, member_id: number, port: number): EntityMessage =>
    ({ action_profile_member: { action_profile_id: id(profile), member_id, action: setNhop(port, 0xee) } });
  const protocolEntry = (table: string, action: TableEntryMessage['action']): EntityMessage =>
    entry({ table_id: id(table), match: [{ field_id: 1, exact: { value: bytes(17) } }], action });

  it('forwards through a member and refuses to delete it while in use (§9.2.1)', async () => {
    expect(await one('INSERT', member('ingress.profile', 1, 6))).toBe(Code.OK);
    expect(await one('INSERT', protocolEntry('ingress.profile_table', { action_profile_member_id: 2 }))).toBe(Code.NOT_FOUND);
    expect(await one('INSERT', protocolEntry('ingress.profile_table', { action_profile_member_id: 1 }))).toBe(Code.OK);
    send(1, frame(0x99));
    expect(transmitted.map((packet) => [packet.port, packet.bytes[5]])).toEqual([[6, 0xee]]);
    expect(await one('DELETE', member('ingress.profile', 1, 6))).toBe(Code.FAILED_PRECONDITION);
    expect(await one('DELETE', protocolEntry('ingress.profile_table', undefined))).toBe(Code.OK);
    expect(await one('DELETE', member('ingress.profile', 1, 6))).toBe(Code.OK);
  });

  it('enforces the action profile size (RESOURCE_EXHAUSTED)', async () => {
    const updates = [1, 2, 3, 4, 5].map((memberId): UpdateMessage => ({ type: 'INSERT', entity: member('ingress.profile', memberId, 1) }));
    expect(await codes(updates)).toEqual([0, 0, 0, 0, Code.RESOURCE_EXHAUSTED]);
  });

  it('selects a group member per flow and refuses to delete a group or member in use (§9.2.2)', async () => {
    expect(await codes([10, 11].map((memberId): UpdateMessage => ({ type: 'INSERT', entity: member('ingress.selector', memberId, memberId - 8) })))).toEqual([0, 0]);
    const group = { action_profile_group: { action_profile_id: id('ingress.selector'), group_id: 1, members: [{ member_id: 10, weight: 1 }, { member_id: 11, weight: 1 }], max_size: 4 } };
    expect(await one('INSERT', group)).toBe(Code.OK);
    const tcpEntry = entry({ table_id: id('ingress.selector_table'), match: [{ field_id: 1, exact: { value: bytes(6) } }], action: { action_profile_group_id: 1 } });
    expect(await one('INSERT', tcpEntry)).toBe(Code.OK);
    const ports = new Set<number>();
    for (let host = 1; host <= 24; host++) {
      const out = send(1, frame(0x99, 0x0800, 'tcp', `10.0.0.${host}`));
      expect(out).toHaveLength(1);
      ports.add(out[0]);
      // The selected member rewrote the destination MAC.
      expect(transmitted[0].bytes[5]).toBe(0xee);
    }
    expect([...ports].sort()).toEqual([2, 3]);
    expect(await one('DELETE', { action_profile_member: { action_profile_id: id('ingress.selector'), member_id: 10 } })).toBe(Code.FAILED_PRECONDITION);
    expect(await one('DELETE', group)).toBe(Code.FAILED_PRECONDITION);
  });
});

describe('one-shot action profile programming (§9.2.3)', () => {
  it('spreads flows over the actions of a one-shot set and reads the set back as written', async () => {
    const set = { action_profile_action_set: { action_profile_actions: [{ action: setNhop(4, 0xee), weight: 1 }, { action: setNhop(5, 0xee), weight: 1 }] } };
    const oneShot = { table_id: id('ingress.selector_table'), match: [{ field_id: 1, exact: { value: bytes(6) } }], action: set };
    expect(await one('INSERT', entry(oneShot))).toBe(Code.OK);
    const ports = new Set<number>();
    for (let host = 1; host <= 24; host++) ports.add(send(1, frame(0x99, 0x0800, 'tcp', `10.0.0.${host}`))[0]);
    expect([...ports].sort()).toEqual([4, 5]);
    const read = await client.read([{ table_entry: { table_id: id('ingress.selector_table') } }]);
    expect(hex(encodeMessage('p4.v1.TableEntry', read.entities[0].table_entry!))).toBe(hex(encodeMessage('p4.v1.TableEntry', oneShot)));
  });
});

describe('indexed externs, PRE and value sets on the embedded switch', () => {
  it('counts per port in the indexed counter and writes cells with MODIFY', async () => {
    send(3, frame(0x99));
    send(3, frame(0x99));
    const cell = { counter_entry: { counter_id: id('ingress.port_counter'), index: { index: '3' } } };
    let read = await client.read([cell]);
    expect(read.entities[0].counter_entry!.data).toMatchObject({ packet_count: '2' });
    expect(await one('MODIFY', { counter_entry: { ...cell.counter_entry, data: { packet_count: '40', byte_count: '50' } } })).toBe(Code.OK);
    read = await client.read([cell]);
    expect(read.entities[0].counter_entry!.data).toEqual({ packet_count: '40', byte_count: '50' });
  });

  it('writes meter configs, resets them with an unset config, and reads them back', async () => {
    const cell = { meter_id: id('ingress.port_meter'), index: { index: '2' } };
    expect(await one('MODIFY', { meter_entry: { ...cell, config: { cir: '100', cburst: '10', pir: '200', pburst: '20' } } })).toBe(Code.OK);
    let read = await client.read([{ meter_entry: cell }]);
    expect(read.entities[0].meter_entry!.config).toEqual({ cir: '100', cburst: '10', pir: '200', pburst: '20' });
    expect(await one('MODIFY', { meter_entry: cell })).toBe(Code.OK);
    read = await client.read([{ meter_entry: cell }]);
    expect(read.entities[0].meter_entry!.config).toBeUndefined();
  });

  it('lets the program and the controller share a register cell', async () => {
    const cell = { register_id: id('ingress.flows'), index: { index: '0' } };
    expect(await one('MODIFY', { register_entry: { ...cell, data: { bitstring: bytes(100) } } })).toBe(Code.OK);
    send(1, frame(0x99));
    const read = await client.read([{ register_entry: cell }]);
    expect(read.entities[0].register_entry!.data).toEqual({ bitstring: Buffer.from([101]) });
  });

  it('replicates through a multicast group and clones through a clone session (§9.5)', async () => {
    const group = { multicast_group_id: 9, replicas: [{ port: bytes(4), instance: 1 }, { port: bytes(5), instance: 1 }] };
    expect(await one('INSERT', { packet_replication_engine_entry: { multicast_group_entry: group } })).toBe(Code.OK);
    expect(await one('INSERT', entry({ table_id: id('ingress.exact_table'), match: exactMatch(0x70), action: { action: { action_id: id('ingress.flood'), params: [{ param_id: 1, value: bytes(9) }] } } }))).toBe(Code.OK);
    expect(send(1, frame(0x70, 0x88b5)).sort()).toEqual([4, 5]);
    expect(await one('MODIFY', { packet_replication_engine_entry: { multicast_group_entry: { ...group, replicas: [{ port: bytes(6), instance: 1 }] } } })).toBe(Code.OK);
    expect(send(1, frame(0x70, 0x88b5))).toEqual([6]);
    const read = await client.read([{ packet_replication_engine_entry: { multicast_group_entry: { multicast_group_id: 9 } } }]);
    expect(read.entities[0].packet_replication_engine_entry!.multicast_group_entry!.replicas).toHaveLength(1);
    // Clone session 5 (the program clones ethertype 0x9001 to it).
    expect(await one('INSERT', { packet_replication_engine_entry: { clone_session_entry: { session_id: 5, replicas: [{ port: bytes(8), instance: 0 }] } } })).toBe(Code.OK);
    expect(await one('INSERT', entry({ table_id: id('ingress.exact_table'), match: exactMatch(0x71), action: setPort(2) }))).toBe(Code.OK);
    expect(send(1, frame(0x71, 0x9001)).sort()).toEqual([2, 8]);
    expect(await one('DELETE', { packet_replication_engine_entry: { clone_session_entry: { session_id: 5 } } })).toBe(Code.OK);
    expect(send(1, frame(0x71, 0x9001))).toEqual([2]);
  });

  it('parses an ethertype as IPv4 once it is in the value set (§9.6)', async () => {
    expect(await one('INSERT', entry({ table_id: id('ingress.lpm_table'), match: [{ field_id: 1, lpm: { value: bytes(10, 1, 0, 0), prefix_len: 16 } }], action: setPort(4) }))).toBe(Code.OK);
    expect(send(1, frame(0x99, 0x9100))).toEqual([0]);
    const valueSet = { value_set_id: id('SimParser.ethertypes'), members: [{ match: [{ field_id: 1, exact: { value: bytes(0x91, 0x00) } }] }] };
    expect(await one('MODIFY', { value_set_entry: valueSet })).toBe(Code.OK);
    expect(send(1, frame(0x99, 0x9100))).toEqual([4]);
    const read = await client.read([{ value_set_entry: { value_set_id: id('SimParser.ethertypes') } }]);
    expect(read.entities[0].value_set_entry!.members).toHaveLength(1);
  });
});

describe('packet I/O and digests through the stream', () => {
  it('sends a PacketOut out of the port in its metadata and punts to the CPU port as PacketIn', async () => {
    const out = frame(0x99, 0x88b5);
    const packetOut = index.controllerPackets.get('packet_out')!;
    const port = packetOut.metadata.find((field) => field.name === 'egress_port')!.id;
    const pad = packetOut.metadata.find((field) => field.name === 'pad')!.id;
    const errors: unknown[] = [];
    client.onStreamError((error) => errors.push(error));
    client.packetOut(out, [{ metadata_id: port, value: bytes(6) }, { metadata_id: pad, value: bytes(0) }]);
    for (let wait = 0; transmitted.length === 0 && wait < 100; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(errors).toEqual([]);
    expect(transmitted.map((packet) => [packet.port, hex(packet.bytes)])).toEqual([[6, hex(out)]]);

    const lldp = frame(0x99, 0x88cc);
    target.receive(3, lldp);
    const message = await client.openStream().next((item) => item.packet !== undefined, 3000);
    if (!message.ok) throw new Error(message.message);
    const packetIn = index.controllerPackets.get('packet_in')!;
    const ingressPort = packetIn.metadata.find((field) => field.name === 'ingress_port')!.id;
    expect(message.value.packet!.metadata).toContainEqual({ metadata_id: ingressPort, value: Buffer.from([3]) });
    expect(hex(message.value.packet!.payload as Uint8Array)).toBe(hex(lldp));
  });

  it('delivers digests only once enabled, in lists (§9.8)', async () => {
    const learn = frame(0x99, 0x9000);
    target.receive(2, learn);
    expect(await one('INSERT', { digest_entry: { digest_id: id('learn_t'), config: { max_timeout_ns: '0', max_list_size: 1, ack_timeout_ns: '1000000000' } } })).toBe(Code.OK);
    target.receive(2, learn);
    const message = await client.openStream().next((item) => item.digest !== undefined, 3000);
    if (!message.ok) throw new Error(message.message);
    expect(message.value.digest!.digest_id).toBe(id('learn_t'));
    expect(message.value.digest!.data).toEqual([{ struct: { members: [{ bitstring: Buffer.from([2, 0, 0, 0, 0, 1]) }, { bitstring: Buffer.from([2]) }] } }]);
  });
});

describe('idle timeout on the embedded switch (§9.1.5)', () => {
  it('notifies an entry idle for its TTL; a packet hitting it restarts the timer', async () => {
    const idle = entry({ table_id: id('ingress.exact_table'), match: exactMatch(0x50), action: setPort(2), idle_timeout_ns: '500' });
    expect(await one('INSERT', idle)).toBe(Code.OK);
    now += 400n;
    expect(send(1, frame(0x50))).toEqual([2]); // hit: lastHitNs = now
    now += 400n;
    expect(server.service.scanIdleTimeouts()).toBe(0);
    now += 100n;
    expect(server.service.scanIdleTimeouts()).toBe(1);
    const message = await client.openStream().next((item) => item.idle_timeout_notification !== undefined, 3000);
    if (!message.ok) throw new Error(message.message);
    expect(message.value.idle_timeout_notification!.table_entry).toMatchObject([{ table_id: id('ingress.exact_table'), idle_timeout_ns: '500' }]);
    const read = await client.read([{ table_entry: { table_id: id('ingress.exact_table'), match: exactMatch(0x50), time_since_last_hit: {} } }]);
    expect(read.entities[0].table_entry!.time_since_last_hit).toEqual({ elapsed_ns: '0' });
  });
});

describe('pipeline changes on the embedded switch', () => {
  it('RECONCILE_AND_COMMIT keeps the entries; VERIFY_AND_COMMIT clears them', async () => {
    expect(await one('INSERT', entry({ table_id: id('ingress.exact_table'), match: exactMatch(0x41), action: setPort(4) }))).toBe(Code.OK);
    expect(await client.setPipeline(pipeline.p4info, pipeline.deviceConfig, 'RECONCILE_AND_COMMIT')).toMatchObject({ ok: true });
    expect(send(1, frame(0x41))).toEqual([4]);
    expect(await client.setPipeline(pipeline.p4info, pipeline.deviceConfig)).toMatchObject({ ok: true });
    expect(send(1, frame(0x41))).toEqual([0]);
  });

  it('rejects a P4Info that does not match the program and keeps the old pipeline', async () => {
    expect(await one('INSERT', entry({ table_id: id('ingress.exact_table'), match: exactMatch(0x42), action: setPort(4) }))).toBe(Code.OK);
    const widened = structuredClone(pipeline.p4info) as { tables: { match_fields: { bitwidth: number }[] }[]; actions: { preamble: { name: string } }[] };
    widened.tables[0].match_fields[0].bitwidth = 64;
    const result = await client.setPipeline(widened, pipeline.deviceConfig);
    expect(result).toMatchObject({ ok: false, code: Code.INVALID_ARGUMENT });
    expect(result.ok ? '' : result.message).toContain('table "ingress.exact_table": P4Info has [hdr.ethernet.dst:64:EXACT');
    const renamed = structuredClone(pipeline.p4info) as typeof widened;
    renamed.actions[1].preamble.name = 'ingress.teleport';
    expect(await client.setPipeline(renamed, pipeline.deviceConfig)).toMatchObject({ ok: false, code: Code.INVALID_ARGUMENT });
    expect(send(1, frame(0x42))).toEqual([4]);
  });
});
