// Expected-packet matching, as p4c's BMv2 STF driver compares (bmv2stf.py
// comparePacket): both sides as upper-case hex; the received packet must be at
// least as long as the expectation, which is otherwise a prefix (trailing
// bytes are ignored) unless it ended with `$`; nibbles must be equal except
// where the expectation has `*`.

import type { StfExpectPattern } from './ast.js';

export type PacketComparison =
  | { ok: true }
  | { ok: false; reason: 'too-short' | 'too-long' | 'different'; message: string; position?: number };

export function packetHex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text.toUpperCase();
}

export function comparePacket(expected: StfExpectPattern, received: Uint8Array): PacketComparison {
  const got = packetHex(received);
  const want = expected.nibbles;
  if (got.length < want.length) {
    return { ok: false, reason: 'too-short', message: `received packet too short: ${got.length} vs ${want.length} hex digits` };
  }
  for (let position = 0; position < want.length; position++) {
    if (want[position] === '*') continue;
    if (want[position] !== got[position]) {
      return {
        ok: false,
        reason: 'different',
        position,
        message: `packet different at hex digit ${position}: expected ${want[position]}, received ${got[position]}`,
      };
    }
  }
  if (expected.exact && got.length > want.length) {
    return { ok: false, reason: 'too-long', message: `received packet too long: ${got.length} vs ${want.length} hex digits` };
  }
  return { ok: true };
}

/** The expectation as written back (for failure reports), `$` included. */
export function formatPattern(pattern: StfExpectPattern): string {
  return pattern.nibbles + (pattern.exact ? '$' : '');
}
