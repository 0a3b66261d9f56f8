import { describe, expect, it } from 'vitest';
import {
  crc16,
  crc32,
  csum16,
  hashFunction,
  hashWithOffset,
  identity,
  makeCrc,
  packBits,
  xor16,
  CRC16_CUSTOM_DEFAULT,
} from '../../src/sim/externs/hash.js';
import { checksumMatches, computeChecksum } from '../../src/sim/externs/checksum.js';
import { CounterArray } from '../../src/sim/externs/counter.js';
import { RegisterArray } from '../../src/sim/externs/register.js';
import { GREEN, MeterArray, MeterState, RED, YELLOW } from '../../src/sim/externs/meter.js';
import { randomInRange, xorshift32 } from '../../src/sim/externs/random.js';

const check = new TextEncoder().encode('123456789');

describe('hash algorithms (BMv2 bit-exact)', () => {
  it('crc16 is CRC-16/ARC', () => {
    expect(crc16(check)).toBe(0xbb3d);
    expect(hashFunction('crc16')!(check)).toBe(0xbb3dn);
  });
  it('crc32 is CRC-32/ISO-HDLC', () => {
    expect(crc32(check)).toBe(0xcbf43926);
    expect(hashFunction('crc32')!(check)).toBe(0xcbf43926n);
  });
  it('custom CRCs default to the BMv2 defaults and accept other parameters', () => {
    expect(hashFunction('crc16_custom')!(check)).toBe(0xbb3dn);
    expect(hashFunction('crc32_custom')!(check)).toBe(0xcbf43926n);
    // CRC-16/XMODEM and CRC-16/IBM-3740 (CCITT-FALSE): unreflected.
    expect(makeCrc({ ...CRC16_CUSTOM_DEFAULT, polynomial: 0x1021n, dataReflected: false, remainderReflected: false })(check)).toBe(0x31c3n);
    expect(
      makeCrc({ ...CRC16_CUSTOM_DEFAULT, polynomial: 0x1021n, initialRemainder: 0xffffn, dataReflected: false, remainderReflected: false })(check),
    ).toBe(0x29b1n);
    // CRC-32C (Castagnoli).
    expect(
      makeCrc({ width: 32, polynomial: 0x1edc6f41n, initialRemainder: 0xffffffffn, finalXorValue: 0xffffffffn, dataReflected: true, remainderReflected: true })(check),
    ).toBe(0xe3069283n);
    // CRC-64/XZ exercises the bigint path.
    const all = 0xffffffffffffffffn;
    expect(
      makeCrc({ width: 64, polynomial: 0x42f0e1eba9ea3693n, initialRemainder: all, finalXorValue: all, dataReflected: true, remainderReflected: true })(check),
    ).toBe(0x995dc9bbdf1939fan);
  });
  it('csum16 is the RFC 1071 checksum', () => {
    const ipv4 = Uint8Array.from([0x45, 0, 0, 0x73, 0, 0, 0x40, 0, 0x40, 0x11, 0, 0, 0xc0, 0xa8, 0, 1, 0xc0, 0xa8, 0, 0xc7]);
    expect(csum16(ipv4)).toBe(0xb861);
    expect(csum16(Uint8Array.from([0x01]))).toBe(0xfeff); // odd byte padded with zero
  });
  it('xor16 pads the last word with zero', () => {
    expect(xor16(Uint8Array.from([0x12, 0x34, 0x56]))).toBe(0x1234 ^ 0x5600);
  });
  it('identity reads the first 8 bytes big-endian', () => {
    expect(identity(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBe(0x0102030405060708n);
    expect(identity(Uint8Array.from([0xab, 0xcd]))).toBe(0xabcdn);
  });
  it('random is drawn from the injected source', () => {
    expect(hashFunction('random', { randomSource: () => 77 })!(check)).toBe(77n);
    expect(hashFunction('sha256')).toBeUndefined();
  });
  it('packBits concatenates MSB-first and zero-fills the last byte', () => {
    expect([...packBits([{ value: 1n, width: 1 }, { value: 1n, width: 2 }, { value: 0xa5n, width: 8 }])]).toEqual([0xb4, 0xa0]);
    expect([...packBits([{ value: 0x0a000001, width: 32 }, { value: 0x11n, width: 8 }])]).toEqual([10, 0, 0, 1, 0x11]);
    expect([...packBits([{ value: 0x123456789abcdef0n, width: 64 }])]).toEqual([0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0]);
  });
  it('hash with base and max: base + h % max; max 0 gives base', () => {
    expect(hashWithOffset(0xbb3dn, 10n, 7n)).toBe(10n + (0xbb3dn % 7n));
    expect(hashWithOffset(0xbb3dn, 5n, 0n)).toBe(5n);
  });
});

describe('checksum verify/update', () => {
  const header = [
    { value: 0x4500, width: 16 },
    { value: 0x0073, width: 16 },
    { value: 0x0000, width: 16 },
    { value: 0x4000, width: 16 },
    { value: 0x40, width: 8 },
    { value: 0x11, width: 8 },
    { value: 0xc0a80001, width: 32 },
    { value: 0xc0a800c7, width: 32 },
  ];
  const csum = hashFunction('csum16')!;
  it('computes the IPv4 header checksum over the field list', () => {
    expect(computeChecksum(csum, header, 16)).toBe(0xb861n);
    expect(checksumMatches(csum, header, 0xb861n, 16)).toBe(true);
    expect(checksumMatches(csum, header, 0xb862n, 16)).toBe(false);
  });
  it('with_payload appends the payload', () => {
    const payload = Uint8Array.from([0, 1]);
    expect(computeChecksum(csum, header, 16, payload)).toBe(BigInt(0xb861 - 1));
  });
});

describe('counters and registers', () => {
  it('counts packets and bytes, ignores out-of-range indices', () => {
    const counter = new CounterArray('c', 4);
    expect(counter.count(1, 100)).toBe(true);
    expect(counter.count(1, 60)).toBe(true);
    expect(counter.count(4, 60)).toBe(false);
    expect(counter.read(1)).toEqual({ packetCount: 2n, byteCount: 160n });
    expect(counter.read(0)).toEqual({ packetCount: 0n, byteCount: 0n });
    expect(counter.read(9)).toBeUndefined();
  });
  it('registers truncate to their width and ignore out-of-range accesses', () => {
    const register = new RegisterArray('r', 2, 8);
    expect(register.write(0, 0x1ffn)).toBe(true);
    expect(register.read(0)).toBe(0xffn);
    expect(register.write(2, 1n)).toBe(false);
    expect(register.read(2)).toBeUndefined();
    expect(register.read(1)).toBe(0n);
  });
});

describe('meters (RFC 2698 as BMv2)', () => {
  it('is GREEN when unconfigured', () => {
    expect(new MeterState().execute(1e6, 1500)).toBe(GREEN);
  });
  it('marks GREEN, YELLOW, RED by the two buckets and refills by elapsed time', () => {
    const meter = new MeterArray('m', 1, 'packets');
    expect(meter.configure(0, { cir: 10n, cburst: 2n, pir: 20n, pburst: 4n })).toBe(true);
    const at = (us: number) => meter.execute(0, us, 1000)!;
    expect([at(1e6), at(1e6), at(1e6), at(1e6), at(1e6)]).toEqual([GREEN, GREEN, YELLOW, YELLOW, RED]);
    // 100 ms later: 2 peak tokens and 1 committed token.
    expect([at(1.1e6), at(1.1e6), at(1.1e6)]).toEqual([GREEN, YELLOW, RED]);
    expect(meter.execute(1, 0, 1)).toBeUndefined();
  });
  it('byte meters consume packet_length tokens and reject cir > pir', () => {
    const meter = new MeterArray('m', 1, 'bytes');
    meter.configure(0, { cir: 1000n, cburst: 1500n, pir: 2000n, pburst: 3000n });
    expect(meter.execute(0, 0, 1500)).toBe(GREEN);
    expect(meter.execute(0, 0, 1500)).toBe(YELLOW);
    expect(meter.execute(0, 0, 1)).toBe(RED);
    expect(meter.configure(0, { cir: 3n, cburst: 1n, pir: 2n, pburst: 1n })).toBe(false);
  });
});

describe('random', () => {
  it('stays within [lo, hi] and is deterministic for a seed', () => {
    const a = xorshift32(7);
    const b = xorshift32(7);
    for (let i = 0; i < 200; i++) {
      const value = randomInRange(a, 10n, 20n);
      expect(value >= 10n && value <= 20n).toBe(true);
      expect(randomInRange(b, 10n, 20n)).toBe(value);
    }
    expect(randomInRange(a, 5n, 5n)).toBe(5n);
  });
});
