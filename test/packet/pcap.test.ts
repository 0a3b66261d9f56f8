import { describe, expect, it } from 'vitest';
import { hexBytes, toHex } from '../../src/packet/bytes.js';
import { framesToPackets, pcapFileHeader, readPcap, writePcap } from '../../src/packet/pcap.js';

const frameA = hexBytes('ffffffffffff0200000000010806' + '00'.repeat(28));
const frameB = hexBytes('020000000002020000000001 86dd'.replace(/ /g, '') + 'aa');

describe('pcap writer', () => {
  it('writes the classic little-endian microsecond header for Ethernet', () => {
    expect(toHex(pcapFileHeader())).toBe('d4c3b2a1' + '0200' + '0400' + '00000000' + '00000000' + '00000400' + '01000000');
    expect(toHex(pcapFileHeader({ nanosecond: true })).slice(0, 8)).toBe('4d3cb2a1');
  });

  it('writes record headers with seconds, fraction and lengths', () => {
    const file = writePcap([{ timestampNs: 1_700_000_000_123_456_789n, data: hexBytes('0102'), originalLength: 60 }]);
    // 1700000000 = 0x6553f100; 123456 us = 0x0001e240
    expect(toHex(file.subarray(24))).toBe('00f15365' + '40e20100' + '02000000' + '3c000000' + '0102');
  });

  it('truncates records to the snap length and keeps the original length', () => {
    const parsed = readPcap(writePcap([{ timestampNs: 0n, data: frameA, originalLength: frameA.length }], { snapLength: 16 }));
    expect(parsed.ok && parsed.value.packets[0].data.length).toBe(16);
    expect(parsed.ok && parsed.value.packets[0].originalLength).toBe(frameA.length);
    expect(parsed.ok && parsed.value.snapLength).toBe(16);
  });
});

describe('pcap reader', () => {
  it('round-trips microsecond and nanosecond files', () => {
    for (const nanosecond of [false, true]) {
      const packets = framesToPackets([frameA, frameB], 5_000_000_123_456_000n, 1_500n);
      const parsed = readPcap(writePcap(packets, { nanosecond }));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.value).toMatchObject({ linkType: 1, nanosecond, littleEndian: true, snapLength: 262144 });
      expect(parsed.value.packets.map((packet) => toHex(packet.data))).toEqual([toHex(frameA), toHex(frameB)]);
      const step = nanosecond ? 1_500n : 1_000n; // microsecond files lose the sub-microsecond part
      expect(parsed.value.packets[1].timestampNs - parsed.value.packets[0].timestampNs).toBe(step);
    }
  });

  it('reads big-endian files (written by a big-endian host)', () => {
    const bigEndian = hexBytes(
      'a1b23c4d' + '0002' + '0004' + '00000000' + '00000000' + '0000ffff' + '00000001' +
        '00000002' + '00000003' + '00000002' + '00000002' + 'beef',
    );
    const parsed = readPcap(bigEndian);
    expect(parsed.ok && parsed.value).toMatchObject({ littleEndian: false, nanosecond: true, snapLength: 65535, linkType: 1 });
    expect(parsed.ok && parsed.value.packets[0].timestampNs).toBe(2_000_000_003n);
    expect(parsed.ok && toHex(parsed.value.packets[0].data)).toBe('beef');
  });

  it('returns error values for malformed files', () => {
    const good = writePcap(framesToPackets([frameA]));
    const cases: [string, Uint8Array, string][] = [
      ['empty', new Uint8Array(0), 'too short'],
      ['bad magic', hexBytes('00'.repeat(24)), 'bad magic'],
      ['pcapng', hexBytes('0a0d0d0a' + '00'.repeat(24)), 'pcapng'],
      ['truncated record header', good.subarray(0, 30), 'truncated record header'],
      ['truncated data', good.subarray(0, good.length - 1), 'truncated data'],
      ['bad version', Uint8Array.from([...good.subarray(0, 4), 9, 0, ...good.subarray(6)]), 'version'],
    ];
    const huge = good.slice();
    new DataView(huge.buffer).setUint32(24 + 8, 0x7fffffff, true);
    cases.push(['huge length', huge, 'claims']);
    for (const [name, bytes, message] of cases) {
      const parsed = readPcap(bytes);
      expect(parsed.ok, name).toBe(false);
      expect(!parsed.ok && parsed.error, name).toContain(message);
    }
  });

  it('reads the FCS length from the link-type word (P bit and top 4 bits)', () => {
    const file = writePcap(framesToPackets([frameA]), { linkType: 0x24000001 }); // P set, 2 words = 4 bytes
    const parsed = readPcap(file);
    expect(parsed.ok && [parsed.value.linkType, parsed.value.fcsLength]).toEqual([1, 4]);
    const without = readPcap(writePcap(framesToPackets([frameA]), { linkType: 0x20000001 })); // length without P: unknown
    expect(without.ok && [without.value.linkType, without.value.fcsLength]).toEqual([1, 0]);
  });

  it('an empty capture (header only) has no packets', () => {
    const parsed = readPcap(pcapFileHeader());
    expect(parsed.ok && parsed.value.packets).toEqual([]);
  });
});
