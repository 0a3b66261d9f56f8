import { describe, expect, it } from 'vitest';
import {
  bitLength, bytesToBigint, canonicalize, isCanonical, parseSigned, parseUnsigned, toCanonical, toCanonicalSigned,
  toFixedWidth,
} from '../../src/p4rt/bytestring.js';

const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));

describe('bytestrings (P4Runtime §8.3)', () => {
  // The spec's table "Examples of Valid Bytestring Encoding", unsigned rows.
  it.each([
    [8, '63', 99n], [16, '0063', 99n], [16, '63', 99n], [16, '3064', 12388n], [16, '003064', 12388n],
    [12, '0063', 99n], [12, '63', 99n], [12, '000063', 99n],
  ])('accepts bit<%i> %s as %i', (width, text, value) => {
    expect(parseUnsigned(hex(text), width)).toEqual({ ok: true, value });
  });

  // "Examples of Invalid Bytestring Encoding", unsigned rows.
  it.each([
    [8, '0163', 'too-wide'], [8, '', 'empty'], [16, '010063', 'too-wide'], [12, '1063', 'too-wide'],
    [12, '010063', 'too-wide'], [12, '004063', 'too-wide'],
  ])('rejects bit<%i> %s (%s)', (width, text, error) => {
    expect(parseUnsigned(hex(text), width)).toEqual({ ok: false, error });
  });

  it.each([
    [8, '63', 99n], [8, '9d', -99n], [8, 'ff9d', -99n], [12, 'fd1d', -739n], [16, '0000', 0n], [16, '00', 0n],
  ])('accepts int<%i> %s as %i', (width, text, value) => {
    expect(parseSigned(hex(text), width)).toEqual({ ok: true, value });
  });

  it.each([[8, '009d'], [12, '8d1d'], [16, '']])('rejects int<%i> %s', (width, text) => {
    expect(parseSigned(hex(text), width).ok).toBe(false);
  });

  it('encodes the canonical (read-write symmetric) forms of the spec table', () => {
    expect(toCanonical(99n)).toEqual(hex('63'));
    expect(toCanonical(12388n)).toEqual(hex('3064'));
    expect(toCanonical(0n)).toEqual(hex('00'));
    expect(toCanonicalSigned(-99n)).toEqual(hex('9d'));
    expect(toCanonicalSigned(-739n)).toEqual(hex('fd1d'));
    expect(toCanonicalSigned(0n)).toEqual(hex('00'));
    expect(toCanonicalSigned(128n)).toEqual(hex('0080'));
  });

  it('round-trips every value of every width up to 12 bits, with and without padding', () => {
    for (let width = 1; width <= 12; width++) {
      const max = (1 << width) - 1;
      for (let value = 0; value <= max; value++) {
        const canonical = toCanonical(BigInt(value));
        expect(isCanonical(canonical)).toBe(true);
        expect(canonical.length).toBe(Math.max(1, Math.floor((bitLength(BigInt(value)) + 7) / 8)));
        expect(parseUnsigned(canonical, width)).toEqual({ ok: true, value: BigInt(value) });
        const padded = toFixedWidth(BigInt(value), 4);
        expect(parseUnsigned(padded, width)).toEqual({ ok: true, value: BigInt(value) });
        expect(canonicalize(padded)).toEqual(canonical);
      }
      // The first value past the width is out of range however it is padded.
      expect(parseUnsigned(toFixedWidth(BigInt(max + 1), 3), width)).toEqual({ ok: false, error: 'too-wide' });
    }
  });

  it('round-trips signed values of widths up to 10 bits', () => {
    for (let width = 1; width <= 10; width++) {
      const low = -(1 << (width - 1));
      const high = (1 << (width - 1)) - 1;
      for (let value = low; value <= high; value++) {
        expect(parseSigned(toCanonicalSigned(BigInt(value)), width)).toEqual({ ok: true, value: BigInt(value) });
      }
      expect(parseSigned(toCanonicalSigned(BigInt(high + 1)), width).ok).toBe(false);
      expect(parseSigned(toCanonicalSigned(BigInt(low - 1)), width).ok).toBe(false);
    }
  });

  it('handles wide values (128-bit IPv6 addresses) exactly', () => {
    const address = 0x2001_0db8_0000_0000_0000_0000_0000_0001n;
    const encoded = toCanonical(address);
    expect(encoded.length).toBe(16);
    expect(bytesToBigint(encoded)).toBe(address);
    expect(parseUnsigned(encoded, 128)).toEqual({ ok: true, value: address });
    // 0x2001… needs 126 bits.
    expect(parseUnsigned(encoded, 126).ok).toBe(true);
    expect(parseUnsigned(encoded, 125)).toEqual({ ok: false, error: 'too-wide' });
    expect(parseUnsigned(Uint8Array.of(0, ...encoded), 128)).toEqual({ ok: true, value: address });
  });

  it('treats invalid internal calls as bugs (throws)', () => {
    expect(() => toCanonical(-1n)).toThrow(RangeError);
    expect(() => toFixedWidth(256n, 1)).toThrow(RangeError);
  });
});
