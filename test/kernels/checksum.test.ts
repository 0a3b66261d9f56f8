import { describe, expect, it } from 'vitest';
import { internetChecksum } from '../../src/packet/checksum.js';
import { wasmInternetChecksum } from '../../src/kernels/wasm.js';

describe('RFC 1071 internet checksum', () => {
  it('matches the RFC 1071 §3 worked example', () => {
    // RFC 1071 §3: bytes 00 01 f2 03 f4 f5 f6 f7 sum to ddf2, checksum 220d.
    const bytes = Uint8Array.from([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]);
    expect(internetChecksum(bytes)).toBe(0x220d);
    expect(wasmInternetChecksum(bytes)).toBe(0x220d);
  });

  it('validates a real IPv4 header to zero', () => {
    const header = Uint8Array.from(Buffer.from('450000730000400040110000c0a80001c0a800c7', 'hex'));
    const sum = internetChecksum(header);
    expect(sum).toBe(0xb861);
    header[10] = sum >> 8;
    header[11] = sum & 0xff;
    expect(internetChecksum(header)).toBe(0);
    expect(wasmInternetChecksum(header)).toBe(0);
  });

  it('wasm kernel agrees with the TypeScript reference on random inputs', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    for (let n = 0; n < 500; n++) {
      const bytes = new Uint8Array(next() * 3 + (n % 7));
      for (let i = 0; i < bytes.length; i++) bytes[i] = next();
      expect(wasmInternetChecksum(bytes)).toBe(internetChecksum(bytes));
    }
  });
});
