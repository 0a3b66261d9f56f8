// The embedded switch process end to end: P4Runtime server on 127.0.0.1
// (ephemeral port), four switch ports attached to UDP sockets of this test
// (ephemeral ports), and a P4Runtime client that pushes softmesh.p4, becomes
// primary, programs a softwire and a P2MP branch, exchanges packets through
// the sockets, reads counters back, and sends malformed requests.

import { createSocket, type Socket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { P4RuntimeStfTarget } from '../../src/demo/p4rt-stf-target.js';
import { baseEntries, mplsEntries, softwireEntries } from '../../src/demo/scenario.js';
import {
  buildArp, buildEthernet, buildMplsStack, decodeEthernet, decodeIpv4, decodeIpv6, dissect, EtherType, udpOverIpv4,
} from '../../src/packet/builders/index.js';
import { P4RuntimeClient } from '../../src/p4rt/client/client.js';
import { idOf } from '../../src/p4rt/p4info-index.js';
import { encodeDeviceConfig } from '../../src/p4rt/server/device-config.js';
import { bytesOf, long64 } from '../../src/p4rt/server/messages.js';
import { toCanonical } from '../../src/p4rt/bytestring.js';
import type { UdpAttachment } from '../../src/sim/ports/index.js';
import { pipelineFromFile, startSimProcess, type SimProcess } from '../../src/sim/process.js';
import { runStf } from '../../src/sim/stf/runner.js';

const programFile = fileURLToPath(new URL('../../p4/v1model/softmesh.p4', import.meta.url));

/** A host-side UDP socket standing for the device at the other end of one switch port. */
class Wire {
  private readonly queue: Uint8Array[] = [];
  private waiting: ((frame: Uint8Array | undefined) => void) | undefined;
  constructor(readonly socket: Socket) {
    socket.on('message', (message) => {
      const frame = new Uint8Array(message);
      if (this.waiting) {
        const waiting = this.waiting;
        this.waiting = undefined;
        waiting(frame);
      } else this.queue.push(frame);
    });
  }
  get port(): number {
    return this.socket.address().port;
  }
  static async open(): Promise<Wire> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new Wire(socket);
  }
  /** The next frame the switch sent to this wire, or undefined after `timeoutMs`. */
  next(timeoutMs = 2000): Promise<Uint8Array | undefined> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolve(undefined);
      }, timeoutMs);
      this.waiting = (frame) => {
        clearTimeout(timer);
        resolve(frame);
      };
    });
  }
  pending(): number {
    return this.queue.length;
  }
}

let sim: SimProcess;
let client: P4RuntimeClient;
let pipeline: { p4info: Record<string, unknown>; deviceConfig: Uint8Array };
const wires = new Map<number, Wire>();
let ids: (name: string) => number;

/** Sends a frame from the wire of `port` into the switch. */
function send(port: number, frame: Uint8Array): void {
  const attachment = sim.ports.attachment(port) as UdpAttachment;
  wires.get(port)!.socket.send(frame, attachment.local.port, '127.0.0.1');
}

const routerMac = '02:00:00:00:00:aa';
const clientFrame = buildEthernet(
  { destination: routerMac, source: '02:00:00:00:01:01', etherType: EtherType.ipv4 },
  udpOverIpv4({ source: '192.0.2.1', destination: '198.51.100.1', identification: 7 }, { sourcePort: 1000, destinationPort: 2000 }, new Uint8Array(20)),
);

beforeAll(async () => {
  const loaded = pipelineFromFile(programFile);
  if (!loaded.ok) throw new Error(loaded.error);
  pipeline = loaded.value;
  for (const port of [1, 2, 3, 4]) wires.set(port, await Wire.open());
  const ports = [...wires].map(([port, wire]) => ({
    port, kind: 'udp' as const, local: { address: '127.0.0.1', port: 0 }, remote: { address: '127.0.0.1', port: wire.port },
  }));
  const started = await startSimProcess({ grpcAddress: '127.0.0.1:0', ports });
  if (!started.ok) throw new Error(started.error);
  sim = started.value;
  client = new P4RuntimeClient(sim.address, { electionId: 5n });
  expect(await client.arbitrate()).toMatchObject({ ok: true });
  expect(await client.setPipeline(pipeline.p4info, pipeline.deviceConfig)).toMatchObject({ ok: true });
  const stf = P4RuntimeStfTarget.create(client, pipeline.p4info, { packetIn: async () => undefined, collectOutputs: () => [], wait: async () => undefined });
  if (!stf.ok) throw new Error(stf.error);
  ids = (name) => idOf(stf.value.index, name);
  const report = await runStf(baseEntries + softwireEntries + mplsEntries, stf.value);
  expect(report.failures).toEqual([]);
  // P2MP branch: label 500 → group 7 → (port 3, instance 1) and (port 4, instance 2), each rewritten by p2mp_replicas.
  const group = await client.write([{
    type: 'INSERT',
    entity: { packet_replication_engine_entry: { multicast_group_entry: { multicast_group_id: 7, replicas: [{ port: toCanonical(3n), instance: 1 }, { port: toCanonical(4n), instance: 2 }] } } },
  }]);
  expect(group).toMatchObject({ ok: true });
}, 30_000);

afterAll(async () => {
  client?.close();
  await sim?.close();
  for (const wire of wires.values()) wire.socket.close();
});

describe('softmesh sim over UDP ports and P4Runtime', () => {
  it('encapsulates an IPv4 packet from a client port into the IPv4-in-IPv6 softwire', async () => {
    send(1, clientFrame);
    const frame = await wires.get(2)!.next();
    expect(frame).toBeDefined();
    expect(dissect(frame!).summary).toMatch(
      /^eth 02:00:00:00:00:aa>02:00:00:00:02:02 ipv6 2001:db8:ffff::1>2001:db8:ffff::2 nh=4 hlim=63 \| ipv4 192\.0\.2\.1>198\.51\.100\.1 proto=17 ttl=63 udp 1000>2000 len=28 payload=20B$/,
    );
    const ethernet = decodeEthernet(frame!);
    if (!ethernet.ok) throw new Error(ethernet.error);
    const outer = decodeIpv6(ethernet.value.payload);
    if (!outer.ok) throw new Error(outer.error);
    expect(outer.value.payload.length).toBe(clientFrame.length - 14);
    const inner = decodeIpv4(outer.value.payload);
    expect(inner.ok && inner.value.ttl).toBe(63);
  });

  it('replicates a P2MP label to both branches with their own out labels', async () => {
    const frame = buildEthernet(
      { destination: routerMac, source: '02:00:00:00:02:02', etherType: EtherType.mplsUnicast },
      buildMplsStack([{ label: 500, ttl: 20 }], udpOverIpv4({ source: '10.0.0.1', destination: '232.1.1.1' }, { sourcePort: 1, destinationPort: 2 })),
    );
    send(2, frame);
    const [toPort3, toPort4] = await Promise.all([wires.get(3)!.next(), wires.get(4)!.next()]);
    expect(dissect(toPort3!).summary).toMatch(/^eth 02:00:00:00:00:aa>02:00:00:00:03:03 mpls \[501 ttl=19 s\] \| ipv4 10\.0\.0\.1>232\.1\.1\.1/);
    expect(dissect(toPort4!).summary).toMatch(/^eth 02:00:00:00:00:aa>02:00:00:00:04:04 mpls \[502 ttl=19 s\] \| ipv4 10\.0\.0\.1>232\.1\.1\.1/);
  });

  it('counts a frame the pipeline dropped on its ingress port', async () => {
    const unknownLabel = buildEthernet(
      { destination: routerMac, source: '02:00:00:00:02:02', etherType: EtherType.mplsUnicast },
      buildMplsStack([{ label: 999, ttl: 20 }], udpOverIpv4({ source: '10.0.0.1', destination: '10.0.0.2' }, { sourcePort: 1, destinationPort: 2 })),
    );
    const before = sim.ports.counters(2).drops;
    send(2, unknownLabel);
    for (let wait = 0; sim.ports.counters(2).drops === before && wait < 200; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sim.ports.counters(2).drops).toBe(before + 1);
  });

  it('reads the direct softwire counter and the indexed port counters back', async () => {
    const softwire = await client.read([{ table_entry: { table_id: ids('softwires'), counter_data: {} } }]);
    expect(softwire.ok).toBe(true);
    const tunnel10 = softwire.entities.find((entity) => bytesOf(entity.table_entry?.match?.[0]?.exact?.value)[0] === 10);
    expect(long64(tunnel10?.table_entry?.counter_data?.packet_count)).toBe(1n);
    expect(long64(tunnel10?.table_entry?.counter_data?.byte_count)).toBe(BigInt(clientFrame.length));
    const direct = await client.read([{ direct_counter_entry: { table_entry: { table_id: ids('mpls_top_label'), match: [{ field_id: 1, exact: { value: toCanonical(500n) } }] } } }]);
    expect(long64(direct.entities[0]?.direct_counter_entry?.data?.packet_count)).toBe(1n);
    const ports = await client.read([
      { counter_entry: { counter_id: ids('port_rx_counter'), index: { index: '1' } } },
      { counter_entry: { counter_id: ids('port_tx_counter'), index: { index: '3' } } },
    ]);
    expect(ports.entities.map((entity) => long64(entity.counter_entry?.data?.packet_count))).toEqual([1n, 1n]);
  });

  it('punts ARP as a PacketIn with metadata, and sends a PacketOut out of the named port', async () => {
    const arp = buildEthernet(
      { destination: 'ff:ff:ff:ff:ff:ff', source: '02:00:00:00:01:01', etherType: EtherType.arp },
      buildArp({ operation: 1, senderMac: '02:00:00:00:01:01', senderIp: '192.0.2.1', targetMac: '00:00:00:00:00:00', targetIp: '192.0.2.254' }),
    );
    send(1, arp);
    const packetIn = await client.openStream().next((message) => message.packet !== undefined, 3000);
    if (!packetIn.ok) throw new Error(packetIn.message);
    const metadata = new Map((packetIn.value.packet!.metadata ?? []).map((item) => [item.metadata_id, long64FromBytes(bytesOf(item.value))]));
    expect(metadata.get(1)).toBe(1n); // ingress_port
    expect(metadata.get(2)).toBe(1n); // reason: ARP
    expect(new Uint8Array(bytesOf(packetIn.value.packet!.payload))).toEqual(arp);

    client.packetOut(clientFrame, [{ metadata_id: 1, value: toCanonical(4n) }, { metadata_id: 2, value: toCanonical(0n) }, { metadata_id: 3, value: toCanonical(0n) }]);
    const sent = await wires.get(4)!.next();
    expect(sent && new Uint8Array(sent)).toEqual(clientFrame);
  });

  it('answers malformed requests with the right status and keeps serving', async () => {
    // P4Runtime §8.3: a value that does not fit the field's bitwidth is OUT_OF_RANGE; an unknown table is NOT_FOUND.
    const tooWide = await client.write([{ type: 'INSERT', entity: { table_entry: { table_id: ids('softwires'), match: [{ field_id: 1, exact: { value: new Uint8Array([1, 2, 3]) } }], action: { action: { action_id: ids('payload_ip') } } } } }]);
    expect(tooWide.ok).toBe(false);
    expect(tooWide.ok ? 0 : tooWide.details?.[0]?.code).toBe(11); // OUT_OF_RANGE
    const unknownTable = await client.write([{ type: 'INSERT', entity: { table_entry: { table_id: 0x02ffffff } } }]);
    expect(unknownTable.ok ? 0 : unknownTable.details?.[0]?.code).toBe(5); // NOT_FOUND
    // A device config that is not a program, and a P4Info that does not match the program: the pipeline stays.
    const notJson = await client.setPipeline(pipeline.p4info, new TextEncoder().encode('not json'));
    expect(notJson).toMatchObject({ ok: false, code: 3 });
    const renamed = structuredClone(pipeline.p4info) as { tables: { preamble: { name: string } }[] };
    renamed.tables[0].preamble.name = 'SoftmeshV1Ingress.no_such_table';
    const mismatch = await client.setPipeline(renamed, pipeline.deviceConfig);
    expect(mismatch).toMatchObject({ ok: false, code: 3 });
    expect(mismatch.ok ? '' : mismatch.message).toContain('table "SoftmeshV1Ingress.no_such_table" is not in the program');
    const notP4 = await client.setPipeline(pipeline.p4info, encodeDeviceConfig('main.p4', { 'main.p4': 'control c() { apply { x = ; } }' }));
    expect(notP4).toMatchObject({ ok: false, code: 3 });
    // Still serving, with the entries written before.
    send(1, clientFrame);
    expect(await wires.get(2)!.next()).toBeDefined();
    const read = await client.read([{ table_entry: { table_id: ids('softwires') } }]);
    expect(read.ok && read.entities.length).toBe(4);
  });
});

function long64FromBytes(bytes: Uint8Array): bigint {
  return bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
}
