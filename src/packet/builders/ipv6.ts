// IPv6 fixed header (RFC 8200 §3) and address text forms (RFC 4291 §2.2 to
// parse, RFC 5952 §4 to print).
//
//  |Version| Traffic Class |           Flow Label                  |
//  |         Payload Length        |  Next Header  |   Hop Limit   |
//  |                  Source Address (128 bits)                    |
//  |               Destination Address (128 bits)                  |

import { ByteReader, ByteWriter, concatBytes, fail, ok, type Result } from '../bytes.js';
import { parseIpv4 } from './ipv4.js';

export type Ipv6Address = string | Uint8Array;

export function parseIpv6(text: string): Result<Uint8Array> {
  const invalid = fail(`invalid IPv6 address "${text}"`);
  let body = text.trim();
  const out = new Uint8Array(16);
  // RFC 4291 §2.2 form 3: the last 32 bits may be written as dotted IPv4.
  let tail: Uint8Array | undefined;
  const lastColon = body.lastIndexOf(':');
  if (body.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(body.slice(lastColon + 1));
    if (!v4.ok) return invalid;
    tail = v4.value;
    body = body.slice(0, lastColon + 1) + '0:0';
  }
  const halves = body.split('::');
  if (halves.length > 2) return invalid;
  const parseGroups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups: number[] = [];
    for (const group of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
      groups.push(parseInt(group, 16));
    }
    return groups;
  };
  const head = parseGroups(halves[0]);
  const rest = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (!head || !rest) return invalid;
  const total = head.length + rest.length;
  if (halves.length === 2 ? total > 7 : total !== 8) return invalid;
  const groups = [...head, ...new Array<number>(8 - total).fill(0), ...rest];
  groups.forEach((group, i) => {
    out[i * 2] = group >> 8;
    out[i * 2 + 1] = group & 0xff;
  });
  if (tail) out.set(tail, 12);
  return ok(out);
}

/** RFC 5952 §4: lower case, no leading zeros, longest run (>1) of zero groups as "::", first if tied. */
export function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((bytes[i * 2] << 8) | bytes[i * 2 + 1]);
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestLength < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** For literals in code; user text goes through parseIpv6. */
export function ipv6Bytes(address: Ipv6Address): Uint8Array {
  if (typeof address !== 'string') {
    if (address.length !== 16) throw new Error(`IPv6 address must be 16 bytes, got ${address.length}`);
    return address;
  }
  const parsed = parseIpv6(address);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

export interface Ipv6Fields {
  source: Ipv6Address;
  destination: Ipv6Address;
  nextHeader: number;
  hopLimit?: number; // default 64
  trafficClass?: number;
  flowLabel?: number;
}

export function buildIpv6(fields: Ipv6Fields, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  // Jumbograms (RFC 2675) are out of scope; a larger payload is a bug in the caller.
  if (payload.length > 0xffff) throw new Error(`IPv6 payload of ${payload.length} bytes exceeds 65535`);
  const header = new ByteWriter(40)
    .u32((6 << 28) | ((fields.trafficClass ?? 0) << 20) | ((fields.flowLabel ?? 0) & 0xfffff))
    .u16(payload.length)
    .u8(fields.nextHeader)
    .u8(fields.hopLimit ?? 64)
    .bytes(ipv6Bytes(fields.source))
    .bytes(ipv6Bytes(fields.destination))
    .finish();
  return concatBytes(header, payload);
}

export interface DecodedIpv6 {
  trafficClass: number;
  flowLabel: number;
  payloadLength: number;
  nextHeader: number;
  hopLimit: number;
  source: string;
  destination: string;
  sourceBytes: Uint8Array;
  destinationBytes: Uint8Array;
  /** Cut to payloadLength (Ethernet padding removed). */
  payload: Uint8Array;
}

export function decodeIpv6(bytes: Uint8Array): Result<DecodedIpv6> {
  const reader = new ByteReader(bytes);
  const first = reader.u32();
  const payloadLength = reader.u16();
  const nextHeader = reader.u8();
  const hopLimit = reader.u8();
  const source = reader.slice(16);
  const destination = reader.slice(16);
  if (reader.failed || first === undefined || payloadLength === undefined || nextHeader === undefined
    || hopLimit === undefined || !source || !destination) {
    return fail('ipv6: truncated header');
  }
  if (first >>> 28 !== 6) return fail(`ipv6: version ${first >>> 28}`);
  return ok({
    trafficClass: (first >>> 20) & 0xff,
    flowLabel: first & 0xfffff,
    payloadLength,
    nextHeader,
    hopLimit,
    source: formatIpv6(source),
    destination: formatIpv6(destination),
    sourceBytes: source,
    destinationBytes: destination,
    payload: bytes.subarray(40, Math.min(bytes.length, 40 + payloadLength)),
  });
}
