import { describe, expect, it } from 'vitest';
import {
  bitLength, bytesToBigint, canonicalize, emptyBytestring, isCanonical, parseSigned, parseUnsigned, toCanonical, toCanonicalSigned,
  toFixedWidth, tooWideBytestring, unsignedOrCode,
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

  it('decodes unsigned values on the Number fast path exactly as bigint arithmetic does', () => {
    // Boundaries of the fast path (6 significant bytes, widths around 48 and 53) and of the small-value cache.
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const widths = [1, 7, 8, 9, 12, 16, 31, 32, 33, 47, 48, 49, 52, 53, 54, 64, 127, 128, 130];
    for (let run = 0; run < 4000; run++) {
      const length = Math.floor(next() * 20);
      const leadingZeros = Math.floor(next() * 3);
      const bytes = Uint8Array.from({ length }, (_, i) => (i < leadingZeros ? 0 : Math.floor(next() * 256)));
      const width = widths[run % widths.length];
      const value = bytes.reduce((sum, byte) => (sum << 8n) | BigInt(byte), 0n);
      const expected = length === 0 ? emptyBytestring : value >= 1n << BigInt(width) ? tooWideBytestring : value;
      expect(unsignedOrCode(bytes, width), `${Buffer.from(bytes).toString('hex')} bit<${width}>`).toBe(expected);
    }
    expect(unsignedOrCode(hex('0fff'), 12)).toBe(4095n);
    expect(unsignedOrCode(hex('1000'), 12)).toBe(tooWideBytestring);
    expect(unsignedOrCode(hex('ffffffffffff'), 48)).toBe(2n ** 48n - 1n);
    expect(unsignedOrCode(hex('ffffffffffff'), 47)).toBe(tooWideBytestring);
  });
});
