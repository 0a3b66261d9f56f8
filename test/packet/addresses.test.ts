import { describe, expect, it } from 'vitest';
import { bytesEqual, concatBytes, fromHex, hexBytes, toHex, ByteReader, ByteWriter } from '../../src/packet/bytes.js';
import { formatIpv6, formatMac, parseIpv4, parseIpv6, parseMac } from '../../src/packet/builders/index.js';

const v6 = (text: string) => {
  const parsed = parseIpv6(text);
  return parsed.ok ? toHex(parsed.value) : `error: ${parsed.error}`;
};

describe('address text forms', () => {
  it('parses the RFC 4291 §2.2 forms', () => {
    expect(v6('2001:db8::1')).toBe('20010db8000000000000000000000001');
    expect(v6('::')).toBe('0'.repeat(32));
    expect(v6('::1')).toBe('0'.repeat(31) + '1');
    expect(v6('fe80::')).toBe('fe80' + '0'.repeat(28));
    expect(v6('2001:DB8:0:0:8:800:200C:417A')).toBe('20010db80000000000080800200c417a');
    expect(v6('::ffff:192.0.2.1')).toBe('00000000000000000000ffffc0000201');
    expect(v6('64:ff9b::10.0.0.1')).toBe('0064ff9b0000000000000000' + '0a000001');
  });

  it('rejects malformed IPv6 text as an error value', () => {
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '12345::', 'g::', '::1.2.3', '1:2:3:4:5:6:7::8:9', '']) {
      expect(parseIpv6(bad).ok, bad).toBe(false);
    }
  });

  it('prints RFC 5952 canonical text', () => {
    const print = (text: string) => {
      const parsed = parseIpv6(text);
      return parsed.ok ? formatIpv6(parsed.value) : 'error';
    };
    expect(print('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(print('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1'); // RFC 5952 §4.2.2: no "::" for one group
    expect(print('2001:0:0:1:0:0:0:1')).toBe('2001:0:0:1::1'); // §4.2.3: the longest run
    expect(print('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1'); // §4.2.3: the first of equal runs
    expect(print('::')).toBe('::');
    expect(print('1::')).toBe('1::');
  });

  it('parses and prints IPv4 and MAC addresses', () => {
    expect(parseIpv4('192.0.2.1')).toEqual({ ok: true, value: Uint8Array.from([192, 0, 2, 1]) });
    for (const bad of ['192.0.2', '256.0.0.1', '1.2.3.4.5', 'a.b.c.d', '1..2.3']) expect(parseIpv4(bad).ok, bad).toBe(false);
    const mac = parseMac('02-AA-bb-00-00-01');
    expect(mac.ok && formatMac(mac.value)).toBe('02:aa:bb:00:00:01');
    expect(parseMac('02:aa:bb:00:00').ok).toBe(false);
  });
});

describe('bytes reader and writer', () => {
  it('reads both byte orders and latches failure instead of throwing', () => {
    const bytes = Uint8Array.from([1, 2, 3, 4, 5]);
    const big = new ByteReader(bytes);
    expect(big.u16()).toBe(0x0102);
    expect(big.u24()).toBe(0x030405);
    expect(big.u8()).toBeUndefined();
    expect(big.failed).toBe(true);
    const little = new ByteReader(bytes, 0, true);
    expect(little.u32()).toBe(0x04030201);
    expect(little.u32()).toBeUndefined();
  });

  it('writes, grows and patches', () => {
    const writer = new ByteWriter(1);
    writer.u8(1).u16(0x0203).u32(0x04050607).u64(0x08090a0b0c0d0e0fn).u16(0, false).patchU16(15, 0xbeef);
    expect(toHex(writer.finish())).toBe('0102030405060708090a0b0c0d0e0fbeef');
    expect(toHex(new ByteWriter().u32(1, true).finish())).toBe('01000000');
  });

  it('concatenates, compares and formats', () => {
    expect(toHex(concatBytes(hexBytes('01'), new Uint8Array(0), hexBytes('0203')), ' ')).toBe('01 02 03');
    expect(bytesEqual(hexBytes('0102'), hexBytes('0102'))).toBe(true);
    expect(bytesEqual(hexBytes('0102'), hexBytes('0103'))).toBe(false);
    expect(bytesEqual(hexBytes('01'), hexBytes('0102'))).toBe(false);
    expect(() => hexBytes('0')).toThrow('odd number');
    const reader = new ByteReader(hexBytes('00010203040506070809'), 1);
    expect(reader.u64()).toBe(0x0102030405060708n);
    expect(reader.skip(2)).toBe(false);
    expect(toHex(reader.rest())).toBe('');
  });

  it('fromHex returns error values', () => {
    expect(fromHex('0a 0b').ok).toBe(true);
    expect(fromHex('0a0').ok).toBe(false);
    expect(fromHex('zz').ok).toBe(false);
  });
});
