// Entity builders by P4Info name, checked against the server's validation.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAction, buildPacketOut, buildTableEntry, decodePacketIn, update } from '../../src/p4rt/client/entities.js';
import { buildP4InfoIndex, type P4InfoIndex } from '../../src/p4rt/p4info-index.js';
import { ids, p4info, startHarness, type Harness } from './server-fixtures.js';

let harness: Harness;
let index: P4InfoIndex;
beforeAll(async () => {
  harness = await startHarness();
  const built = buildP4InfoIndex(p4info);
  if (!built.ok) throw new Error(built.message);
  index = built.index;
});
afterAll(async () => {
  await harness.close();
});

describe('entity builders', () => {
  it('builds entries the server accepts and reads back identically', async () => {
    const lpm = buildTableEntry(index, {
      table: 'lpm_table',
      match: { 'hdr.ipv4.dst': { lpm: 0x0a010000n, prefixLength: 16 } },
      action: { name: 'ingress.set_port', params: { port: 300n } },
    });
    const ternary = buildTableEntry(index, {
      table: 'ingress.ternary_table',
      match: { 'hdr.ethernet.type': { ternary: 0x0800n, mask: 0xffffn }, 'hdr.tcp.dport': { range: [1n, 1023n] } },
      action: { name: 'drop' },
      priority: 5,
      controllerMetadata: 99n,
    });
    expect(lpm.ok && ternary.ok).toBe(true);
    if (!lpm.ok || !ternary.ok) return;
    expect(lpm.value).toEqual({
      table_id: ids.lpm,
      match: [{ field_id: 1, lpm: { value: Uint8Array.of(10, 1, 0, 0), prefix_len: 16 } }],
      action: { action: { action_id: ids.setPort, params: [{ param_id: 1, value: Uint8Array.of(1, 44) }] } },
    });
    const written = await harness.primary.write([update('INSERT', { table_entry: lpm.value }), update('INSERT', { table_entry: ternary.value })]);
    expect(written.ok).toBe(true);
    const read = await harness.primary.read([{ table_entry: { table_id: ids.ternary } }]);
    expect(read.entities[0].table_entry).toMatchObject({ priority: 5, controller_metadata: '99' });
  });

  it('reports unknown names and values that do not fit', () => {
    expect(buildTableEntry(index, { table: 'nope' })).toEqual({ ok: false, error: 'unknown table nope' });
    expect(buildTableEntry(index, { table: 'lpm_table', match: { dst: { exact: 1n } } }).ok).toBe(false);
    expect(buildAction(index, { name: 'set_port', params: {} })).toMatchObject({ ok: false });
    expect(buildAction(index, { name: 'set_port', params: { port: 512n } })).toMatchObject({ ok: false });
    expect(buildAction(index, { name: 'set_port', params: { port: 1n, speed: 2n } })).toMatchObject({ ok: false });
    expect(buildPacketOut(index, Uint8Array.of(1), { egress_port: 1n << 9n })).toMatchObject({ ok: false });
  });

  it('builds PacketOut and decodes PacketIn metadata by name', async () => {
    const packet = buildPacketOut(index, Uint8Array.of(7), { egress_port: 3n });
    expect(packet.ok).toBe(true);
    if (!packet.ok) return;
    harness.primary.packetOut(packet.value.payload as Uint8Array, packet.value.metadata as { metadata_id: number; value: Uint8Array }[]);
    harness.target.emitPacketIn(Uint8Array.of(8), new Map([[1, 257n]]));
    const received = await harness.primary.stream!.next((message) => message.packet !== undefined, 3000);
    expect(received.ok && decodePacketIn(index, received.value.packet!)).toEqual({ payload: Buffer.from([8]), metadata: { ingress_port: 257n } });
    for (let tries = 0; tries < 100 && harness.target.transmitted.length === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(harness.target.transmitted.at(-1)?.metadata.get(1)).toBe(3n);
  });
});
