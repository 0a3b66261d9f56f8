// The packet half of the demo: send each scenario packet into a port, show
// what came out, which drop counter moved (read over P4Runtime) or which
// PacketIn arrived on the stream, and judge it against the scenario. Failed
// RPCs are values (Result), reported by the caller.

import { fail, ok, type Result } from '../packet/bytes.js';
import { dissect } from '../packet/builders/index.js';
import { toCanonical } from '../p4rt/bytestring.js';
import type { P4RuntimeClient } from '../p4rt/client/client.js';
import { idOf, type P4InfoIndex } from '../p4rt/p4info-index.js';
import { bytesOf, long64, type StreamResponseMessage } from '../p4rt/server/messages.js';
import type { PortHarness } from '../sim/ports/index.js';
import { describeFailure } from './p4rt-stf-target.js';
import { reasonText } from './report.js';
import type { DemoPacket } from './scenario.js';

export interface DemoContext {
  client: P4RuntimeClient;
  harness: PortHarness;
  index: P4InfoIndex;
  dropNames: Map<number, string>;
  puntNames: Map<number, string>;
  write: (line: string) => void;
}

/** Unsigned value of a P4Runtime bytestring. */
export function unsignedOf(bytes: Uint8Array): bigint {
  return bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

/** Packets counted per drop reason, "stage:reason" → packets, from every cell of both drop counters. */
async function dropCounts(context: DemoContext): Promise<Result<Map<string, bigint>>> {
  const ids = ['ingress_drop_counter', 'egress_drop_counter'].map((name) => idOf(context.index, name));
  const read = await context.client.read(ids.map((id) => ({ counter_entry: { counter_id: id } })));
  if (!read.ok) return fail(`reading drop counters: ${describeFailure(read)}`);
  const counts = new Map<string, bigint>();
  for (const entity of read.value) {
    const entry = entity.counter_entry!;
    const stage = entry.counter_id === ids[0] ? 'ingress' : 'egress';
    counts.set(`${stage}:${long64(entry.index?.index)}`, long64(entry.data?.packet_count));
  }
  return ok(counts);
}

function samePorts(left: number[], right: number[]): boolean {
  const sorted = (list: number[]) => [...list].sort((a, b) => a - b).join(',');
  return sorted(left) === sorted(right);
}

/** Sends one scenario packet; ok(true) when the switch did what the scenario expects. */
export async function sendPacket(context: DemoContext, number: number, packet: DemoPacket): Promise<Result<boolean>> {
  const { write, harness } = context;
  const dissectOptions = { l2tpv3CookieLength: packet.cookieLength };
  write('');
  write(`${String(number).padStart(2)}  ${packet.title}`);
  write(`    in   port ${packet.port}  ${dissect(packet.frame, dissectOptions).summary}`);
  const before = await dropCounts(context);
  if (!before.ok) return before;
  await harness.packetIn(packet.port, packet.frame);
  const outputs = harness.collectOutputs();
  for (const output of outputs) write(`    out  port ${output.port}  ${dissect(output.data, dissectOptions).summary}`);
  const after = await dropCounts(context);
  if (!after.ok) return after;
  const drops: number[] = [];
  for (const [key, count] of after.value) {
    if (count === (before.value.get(key) ?? 0n)) continue;
    const [stage, reason] = key.split(':');
    drops.push(Number(reason));
    write(`    drop ${stage.padEnd(7)} ${reasonText(context.dropNames, Number(reason))}`);
  }
  let puntReason: number | undefined;
  if (outputs.length === 0 && drops.length === 0) {
    // Neither sent nor dropped: a PacketIn is on its way (one that arrived already waits in the backlog).
    const message = await context.client.openStream().next((item) => item.packet !== undefined, 1000);
    if (message.ok) puntReason = writePacketIn(context, message.value);
  }
  const expect = packet.expect;
  const expected = 'ports' in expect
    ? samePorts(outputs.map((output) => output.port), expect.ports) && drops.length === 0
    : 'drop' in expect
      ? outputs.length === 0 && drops.length === 1 && drops[0] === expect.drop
      : outputs.length === 0 && puntReason === expect.punt;
  if (!expected) write(`    UNEXPECTED: the scenario expects ${JSON.stringify(expect)}`);
  return ok(expected);
}

/** Prints a PacketIn with its metadata by name; returns its reason code. */
function writePacketIn(context: DemoContext, message: StreamResponseMessage): number | undefined {
  const packet = message.packet!;
  const values = new Map((packet.metadata ?? []).map((item) => [item.metadata_id ?? 0, unsignedOf(bytesOf(item.value))]));
  const fields = context.index.controllerPackets.get('packet_in')?.metadata ?? [];
  const value = (name: string) => values.get(fields.find((field) => field.name === name)?.id ?? 0);
  const reason = value('reason');
  const reasonLine = reason === undefined ? 'without reason' : reasonText(context.puntNames, Number(reason));
  context.write(`    cpu  PacketIn ${reasonLine}, ingress port ${value('ingress_port') ?? '?'}  ${dissect(bytesOf(packet.payload)).summary}`);
  return reason === undefined ? undefined : Number(reason);
}

/** PacketOut (P4Runtime §16.1) with packet_out.egress_port = `port`, other metadata 0 (mode 0: send as is). */
export async function sendPacketOut(context: DemoContext, number: number, frame: Uint8Array, port: number): Promise<Result<boolean>> {
  const { write, harness } = context;
  write('');
  write(`${String(number).padStart(2)}  PacketOut from the controller to port ${port} (mode 0: as is)`);
  const fields = context.index.controllerPackets.get('packet_out')?.metadata ?? [];
  const metadata = fields.map((field) => ({ metadata_id: field.id, value: toCanonical(field.name === 'egress_port' ? BigInt(port) : 0n) }));
  context.client.packetOut(frame, metadata);
  // The PacketOut travels the stream: poll the ports for up to a second.
  let outputs = harness.collectOutputs();
  for (let attempt = 0; outputs.length === 0 && attempt < 100; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    outputs = harness.collectOutputs();
  }
  for (const output of outputs) write(`    out  port ${output.port}  ${dissect(output.data).summary}`);
  const expected = outputs.length === 1 && outputs[0].port === port;
  if (!expected) write(`    UNEXPECTED: the scenario expects the frame on port ${port}`);
  return ok(expected);
}
