// Bounded fuzzing of the pcap reader and the packet dissector: mutated valid
// inputs must give values (ok or error), never exceptions. Crashers are saved
// under test/fuzz/pcap-crashers/<kind>/ and replayed on every run.

import { describe, expect, it } from 'vitest';
import { hexBytes } from '../../src/packet/bytes.js';
import {
  buildEthernet,
  buildGre,
  buildIpv4,
  buildL2tpv3,
  buildMplsStack,
  dissect,
  EtherType,
  IpProtocol,
  ipv4InIpv6,
  ipv6InIpv4,
  tcpOverIpv6,
  udpOverIpv4,
  udpOverIpv6,
  icmpv6OverIpv6,
} from '../../src/packet/builders/index.js';
import { framesToPackets, readPcap, writePcap } from '../../src/packet/pcap.js';
import { fuzz, loadCrashers } from './pcap-mutate.js';

const mac = { source: '02:00:00:00:00:01', destination: '02:00:00:00:00:02' };
const v4 = { source: '10.0.0.1', destination: '10.0.0.2' };
const v6 = { source: '2001:db8::1', destination: '2001:db8::2' };
const inner = udpOverIpv4(v4, { sourcePort: 1, destinationPort: 2 }, hexBytes('00010203'));

const frames = [
  buildEthernet({ ...mac, etherType: EtherType.ipv4 }, inner),
  buildEthernet({ ...mac, etherType: EtherType.ipv6 }, ipv4InIpv6(v6, inner)),
  buildEthernet({ ...mac, etherType: EtherType.ipv4 }, ipv6InIpv4(v4, tcpOverIpv6(v6, { sourcePort: 3, destinationPort: 179 }))),
  buildEthernet({ ...mac, etherType: EtherType.ipv4 }, buildIpv4({ ...v4, protocol: IpProtocol.gre }, buildGre({ protocolType: EtherType.ipv4, checksum: true, key: 1, sequence: 2 }, inner))),
  buildEthernet({ ...mac, etherType: EtherType.ipv6, vlanTags: [{ vlanId: 5 }] }, udpOverIpv6(v6, { sourcePort: 1, destinationPort: 2 })),
  buildEthernet({ ...mac, etherType: EtherType.mplsUnicast }, buildMplsStack([{ label: 16 }, { label: 17 }], inner)),
  buildEthernet({ ...mac, etherType: EtherType.ipv4 }, buildIpv4({ ...v4, protocol: IpProtocol.l2tp }, buildL2tpv3({ sessionId: 9, cookie: 1n }, inner))),
  buildEthernet({ ...mac, etherType: EtherType.ipv6 }, icmpv6OverIpv6(v6, { type: 128 })),
];

function dissectChecked(frame: Uint8Array): void {
  const result = dissect(frame);
  if (typeof result.summary !== 'string') throw new Error('summary missing');
  if (result.layers.some((layer) => layer.offset < 0 || layer.offset > frame.length)) throw new Error('layer offset outside the frame');
}

function readChecked(file: Uint8Array): void {
  const result = readPcap(file);
  if (result.ok) {
    for (const packet of result.value.packets) {
      if (packet.data.length > 262144) throw new Error('record longer than the maximum');
      dissectChecked(packet.data);
    }
  } else if (typeof result.error !== 'string' || result.error === '') {
    throw new Error('error value without a message');
  }
}

describe('fuzz: packet dissector', () => {
  it('saved crashers and regression inputs still dissect without exceptions', () => {
    for (const crasher of loadCrashers('pcap-crashers/dissect')) expect(() => dissectChecked(crasher.bytes), crasher.name).not.toThrow();
  });

  it('mutated frames never throw (bounded: 3000 inputs or 2 s)', () => {
    const run = fuzz('pcap-crashers/dissect', frames, dissectChecked, { seed: 0x5eed1, count: 3000, budgetMs: 2000 });
    expect(run.crashers).toEqual([]);
    expect(run.tried).toBeGreaterThan(100);
  });
});

describe('fuzz: pcap reader', () => {
  const files = [
    writePcap(framesToPackets(frames)),
    writePcap(framesToPackets(frames.slice(0, 3)), { nanosecond: true }),
    // The same capture written by a big-endian host.
    hexBytes('a1b2c3d4000200040000000000000000000400000000000100000001000000020000000e0000000e' + '0200000000020200000000010800'),
  ];

  it('saved crashers and regression inputs still read without exceptions', () => {
    for (const crasher of loadCrashers('pcap-crashers/reader')) expect(() => readChecked(crasher.bytes), crasher.name).not.toThrow();
  });

  it('the big-endian seed is a valid file', () => {
    const parsed = readPcap(files[2]);
    expect(parsed.ok && parsed.value.packets.length).toBe(1);
  });

  it('mutated files never throw (bounded: 2000 inputs or 2 s)', () => {
    const run = fuzz('pcap-crashers/reader', files, readChecked, { seed: 0xcafe, count: 2000, budgetMs: 2000 });
    expect(run.crashers).toEqual([]);
    expect(run.tried).toBeGreaterThan(100);
  });
});
