// An independent dissector reads what the switch puts on the wire: every
// packet the STF vectors expect (as the embedded switch produced it, so `*`
// nibbles hold real bytes) goes into a pcap that tshark dissects. Per packet
// we compare the fields tshark decodes with what the vector means
// (wire-expectations.ts): outer and inner addresses, GRE key, L2TPv3 session
// and cookie, MPLS labels / TTL / bottom of stack, TTL and hop limits; and
// every IPv4 header checksum must verify.
//
// tshark is a system package (Debian `tshark`, installed by .ci/run). Without
// it the suite is skipped, except under CI=true where its absence fails.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { framesToPackets, writePcap } from '../../src/packet/pcap.js';
import { fullyCoveredFile, wireExpectations, type CookieSize } from './wire-expectations.js';
import { collectWirePackets, type WireCollection, type WirePacket } from './wire-packets.js';

const cpuPortInVectors = 255;
// Looked up on PATH rather than run: starting tshark costs most of a second.
const available = (process.env.PATH ?? '').split(delimiter).some((directory) => {
  try {
    accessSync(join(directory, 'tshark'), constants.X_OK);
    return true;
  } catch {
    return false;
  }
});
const required = process.env.CI === 'true';

const keyOf = (packet: WirePacket) => `${packet.file}#${packet.ordinal}`;

const fields = [
  ...new Set([
    'frame.protocols',
    'ip.checksum.status',
    '_ws.malformed',
    ...Object.values(wireExpectations).flatMap((expectation) => [...Object.keys(expectation.fields), ...Object.keys(expectation.differs ?? {})]),
  ]),
];

/** Runs tshark over the frames with one L2TPv3 cookie size; one record (field → occurrences joined by "|") per frame. */
async function dissect(directory: string, frames: Uint8Array[], cookie: CookieSize): Promise<Record<string, string>[]> {
  const file = join(directory, `${cookie.replace(/\W+/g, '-')}.pcap`);
  writeFileSync(file, writePcap(framesToPackets(frames)));
  const args = ['-r', file, '-n', '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=|'];
  // Checksum validation is off by default; L2TPv3 over IP carries no cookie length, and no
  // pseudowire type without the control channel: the payloads are IP (pw type 0 → ip).
  args.push('-o', 'ip.check_checksum:TRUE', '-o', `l2tp.cookie_size:${cookie}`, '-o', 'l2tp.l2_specific:None', '-d', 'l2tp.pw_type==0,ip');
  for (const field of fields) args.push('-e', field);
  // tshark warns on standard error when run as root; only its exit status tells failure (execFile rejects).
  const { stdout } = await promisify(execFile)('tshark', args, { encoding: 'utf8', maxBuffer: 16 << 20 });
  const lines = stdout.split('\n').filter((line, index, all) => index < all.length - 1 || line !== '');
  if (lines.length !== frames.length) throw new Error(`tshark printed ${lines.length} lines for ${frames.length} frames`);
  return lines.map((line) => {
    const values = line.split('\t');
    return Object.fromEntries(fields.map((field, index) => [field, values[index] ?? '']));
  });
}

/** The Ethernet frame of a packet: punted packets start with the packet_in header, which is not on any wire. */
function frameOf(packet: WirePacket, collection: WireCollection): Uint8Array {
  return packet.port === cpuPortInVectors ? packet.bytes.subarray(collection.packetInBytes) : packet.bytes;
}

async function dissectAll(): Promise<{ collection: WireCollection; dissected: Map<WirePacket, Record<string, string>> }> {
  const collection = await collectWirePackets();
  const directory = mkdtempSync(join(tmpdir(), 'softmesh-tshark-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const byCookie = new Map<CookieSize, WirePacket[]>();
  for (const packet of collection.packets) {
    const cookie = wireExpectations[keyOf(packet)]?.cookie ?? 'None';
    byCookie.set(cookie, [...(byCookie.get(cookie) ?? []), packet]);
  }
  const dissected = new Map<WirePacket, Record<string, string>>();
  // One tshark per cookie size, in parallel: each takes about a second to start.
  await Promise.all(
    [...byCookie].map(async ([cookie, packets]) => {
      const records = await dissect(directory, packets.map((packet) => frameOf(packet, collection)), cookie);
      packets.forEach((packet, index) => dissected.set(packet, records[index]));
    }),
  );
  return { collection, dissected };
}

if (!available && required) {
  describe('tshark dissection of the STF wire packets', () => {
    it('needs tshark (CI=true)', () => {
      throw new Error('tshark is not installed: apt-get install -y tshark (see .ci/run)');
    });
  });
}

describe.skipIf(!available)('tshark dissection of the STF wire packets', async () => {
  const { collection, dissected } = available ? await dissectAll() : { collection: undefined, dissected: new Map<WirePacket, Record<string, string>>() };
  const packets = collection?.packets ?? [];

  it('runs every vector green, so every expected packet is here', () => {
    expect(collection!.failedFiles).toEqual([]);
    expect(packets.length).toBeGreaterThanOrEqual(80);
  });

  it('has no expectation for a packet that no vector expects', () => {
    const keys = new Set(packets.map(keyOf));
    expect(Object.keys(wireExpectations).filter((key) => !keys.has(key))).toEqual([]);
  });

  it('has an expectation for every tunnel and label packet', () => {
    const missing = packets.filter((packet) => fullyCoveredFile.test(packet.file) && !wireExpectations[keyOf(packet)]);
    expect(missing.map((packet) => `${packet.file}:${packet.line}`)).toEqual([]);
  });

  it.each(packets.map((packet) => [`${packet.file}:${packet.line} (port ${packet.port})`, packet] as const))('%s', (_, packet) => {
    const record = dissected.get(packet)!;
    const expectation = wireExpectations[keyOf(packet)];
    const context = `${packet.file}:${packet.line} ${packet.comment}`;
    const wanted = expectation?.fields ?? {};
    const got = Object.fromEntries(Object.keys(wanted).map((field) => [field, record[field]]));
    expect(got, context).toEqual(wanted);
    for (const [field, unwanted] of Object.entries(expectation?.differs ?? {})) {
      expect(record[field], `${context}: ${field}`).not.toBe('');
      expect(record[field], `${context}: ${field}`).not.toBe(unwanted);
    }
    if (wanted['ip.checksum.status'] === undefined && !expectation?.anyIpv4Checksum && record['ip.checksum.status'] !== '') {
      // 1 = Good for every IPv4 header, outer and inner.
      expect(record['ip.checksum.status'].split('|').every((status) => status === '1'), `${context}: IPv4 checksum status ${record['ip.checksum.status']}`).toBe(true);
    }
    // Punted packets are the received packet unchanged (some vectors send deliberately short payloads);
    // everything the switch builds must dissect cleanly.
    if (packet.port !== cpuPortInVectors) expect(record['_ws.malformed'], context).toBe('');
  });
});
