// L2TPv3 data message over IP, IP protocol 115 (RFC 3931 §4.1.1.2).
//
//  |                 Session ID (32 bits, non-zero)                |
//  |               Cookie (optional, maximum 64 bits)...           |
//  |                    L2-Specific Sublayer (none here)           |
//  |                         Tunnel Payload ...                    |
//
// The cookie length (0, 4 or 8 bytes) is not on the wire: it is agreed per
// session (RFC 3931 §4.1), so the decoder must be told.

import { ByteReader, ByteWriter, concatBytes, fail, ok, type Result } from '../bytes.js';

export type CookieLength = 0 | 4 | 8;

export interface L2tpv3Fields {
  sessionId: number;
  /** Absent: no cookie. A number is a 32-bit cookie, a bigint a 64-bit cookie. */
  cookie?: number | bigint;
}

export function buildL2tpv3(fields: L2tpv3Fields, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const writer = new ByteWriter(12).u32(fields.sessionId);
  if (typeof fields.cookie === 'number') writer.u32(fields.cookie);
  else if (typeof fields.cookie === 'bigint') writer.u64(fields.cookie);
  return concatBytes(writer.finish(), payload);
}

export interface DecodedL2tpv3 {
  sessionId: number;
  /** Control message: RFC 3931 §4.1.1.2, session ID zero means an L2TP control message. */
  control: boolean;
  cookie?: bigint;
  cookieLength: CookieLength;
  payload: Uint8Array;
}

export function decodeL2tpv3(bytes: Uint8Array, cookieLength: CookieLength): Result<DecodedL2tpv3> {
  const reader = new ByteReader(bytes);
  const sessionId = reader.u32();
  if (sessionId === undefined) return fail('l2tpv3: truncated session id');
  if (sessionId === 0) return ok({ sessionId, control: true, cookieLength: 0, payload: reader.rest() });
  let cookie: bigint | undefined;
  if (cookieLength === 4) {
    const value = reader.u32();
    cookie = value === undefined ? undefined : BigInt(value);
  } else if (cookieLength === 8) {
    cookie = reader.u64();
  }
  if (reader.failed) return fail('l2tpv3: truncated cookie');
  return ok({ sessionId, control: false, cookie, cookieLength, payload: reader.rest() });
}
