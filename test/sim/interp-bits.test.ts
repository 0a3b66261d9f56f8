import { describe, expect, it } from 'vitest';
import { compileFieldReader, compileFieldWriter, readBits, writeBits } from '../../src/sim/interpreter/bits.js';
import { xorshift32 } from '../../src/sim/externs/random.js';

function randomValue(next: () => number, width: number): number | bigint {
  if (width > 32) {
    let value = 0n;
    for (let bits = 0; bits < width; bits += 32) value = (value << 32n) | BigInt(next());
    return BigInt.asUintN(width, value);
  }
  return width === 32 ? next() >>> 0 : next() % 2 ** width;
}

describe('bit access', () => {
  it('reads and writes unaligned fields of every width (reference loop)', () => {
    const next = xorshift32(99);
    for (let round = 0; round < 300; round++) {
      const width = 1 + (next() % 64);
      const offset = next() % 40;
      const value = randomValue(next, width);
      const buffer = new Uint8Array(16).fill(0xa5);
      writeBits(buffer, offset, width, value);
      expect(readBits(buffer, offset, width)).toBe(value);
      // Bits outside the field are untouched.
      if (offset > 0) expect(readBits(buffer, 0, offset)).toBe(readBits(new Uint8Array(16).fill(0xa5), 0, offset));
    }
  });
  it('compiled grouped writers and readers agree with writeBits/readBits (bounded fuzz)', () => {
    const next = xorshift32(7);
    for (let round = 0; round < 200; round++) {
      const count = 1 + (next() % 8);
      const widths = Array.from({ length: count }, () => [1, 3, 4, 8, 13, 16, 32, 48, 64, 9][next() % 10]);
      const values = widths.map((w) => randomValue(next, w));
      const expected = new Uint8Array(80);
      let bit = 0;
      widths.forEach((w, i) => {
        writeBits(expected, 16 + bit, w, values[i]);
        bit += w;
      });
      const actual = new Uint8Array(80);
      compileFieldWriter(widths)(actual, 2, values);
      expect([...actual]).toEqual([...expected]);
      const out: (number | bigint | boolean)[] = [];
      compileFieldReader(widths)(expected, 2, out);
      expect(out).toEqual(values);
    }
  });
  it('packs IPv4 version/ihl/diffserv/totalLen as one word', () => {
    const buffer = new Uint8Array(4);
    compileFieldWriter([4, 4, 8, 16])(buffer, 0, [4, 5, 0xb8, 0x1234]);
    expect([...buffer]).toEqual([0x45, 0xb8, 0x12, 0x34]);
  });
});
