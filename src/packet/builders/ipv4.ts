// IPv4 header (RFC 791 §3.1) with the RFC 1071 header checksum.
//
//   0                   1                   2                   3
//   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//  |Version|  IHL  |    DSCP   |ECN|          Total Length         |
//  |         Identification        |Flags|      Fragment Offset    |
//  |  Time to Live |    Protocol   |         Header Checksum       |
//  |                       Source Address                          |
//  |                    Destination Address                        |
//  |                    Options (IHL > 5)                          |

import { internetChecksum } from '../checksum.js';
import { ByteReader, ByteWriter, concatBytes, fail, ok, type Result } from '../bytes.js';

/** IANA "Assigned Internet Protocol Numbers" used by softmesh. */
export const IpProtocol = {
  hopByHop: 0,
  icmp: 1,
  ipv4: 4, // IP-in-IP (RFC 2003)
  tcp: 6,
  udp: 17,
  ipv6: 41, // RFC 2473 / RFC 4213
  rsvp: 46,
  gre: 47,
  icmpv6: 58,
  l2tp: 115, // L2TPv3 over IP (RFC 3931 §4.1.1)
  mplsInIp: 137, // RFC 4023
} as const;

export type Ipv4Address = string | Uint8Array;

export function parseIpv4(text: string): Result<Uint8Array> {
  const parts = text.trim().split('.');
  if (parts.length !== 4) return fail(`invalid IPv4 address "${text}"`);
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    if (!/^\d{1,3}$/.test(parts[i])) return fail(`invalid IPv4 address "${text}"`);
    const value = Number(parts[i]);
    if (value > 255) return fail(`invalid IPv4 address "${text}"`);
    out[i] = value;
  }
  return ok(out);
}

export function formatIpv4(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4)).join('.');
}

/** For literals in code; user text goes through parseIpv4. */
export function ipv4Bytes(address: Ipv4Address): Uint8Array {
  if (typeof address !== 'string') {
    if (address.length !== 4) throw new Error(`IPv4 address must be 4 bytes, got ${address.length}`);
    return address;
  }
  const parsed = parseIpv4(address);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

export interface Ipv4Fields {
  source: Ipv4Address;
  destination: Ipv4Address;
  protocol: number;
  ttl?: number; // default 64
  dscp?: number;
  ecn?: number;
  identification?: number;
  dontFragment?: boolean;
  moreFragments?: boolean;
  fragmentOffset?: number; // in 8-byte units
  /** Raw options, padded here to a multiple of 4 bytes with End of Option List (0). */
  options?: Uint8Array;
  /** Force a checksum (to build deliberately bad packets); computed otherwise. */
  checksum?: number;
}

export function buildIpv4(fields: Ipv4Fields, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const options = fields.options ?? new Uint8Array(0);
  const optionsLength = (options.length + 3) & ~3;
  const headerLength = 20 + optionsLength;
  // Builders are called with literals from code and tests: an impossible packet is a bug there.
  if (optionsLength > 40) throw new Error(`IPv4 options of ${options.length} bytes exceed 40`);
  if (headerLength + payload.length > 0xffff) throw new Error(`IPv4 packet of ${headerLength + payload.length} bytes exceeds 65535`);
  const writer = new ByteWriter(headerLength);
  writer
    .u8(0x40 | (headerLength >> 2))
    .u8(((fields.dscp ?? 0) << 2) | ((fields.ecn ?? 0) & 3))
    .u16(headerLength + payload.length)
    .u16(fields.identification ?? 0)
    .u16((fields.dontFragment ? 0x4000 : 0) | (fields.moreFragments ? 0x2000 : 0) | ((fields.fragmentOffset ?? 0) & 0x1fff))
    .u8(fields.ttl ?? 64)
    .u8(fields.protocol)
    .u16(0)
    .bytes(ipv4Bytes(fields.source))
    .bytes(ipv4Bytes(fields.destination))
    .bytes(options)
    .bytes(new Uint8Array(optionsLength - options.length));
  const header = writer.finish();
  // RFC 791 §3.1: the checksum field is zero while computing the checksum.
  const checksum = fields.checksum ?? internetChecksum(header);
  header[10] = checksum >> 8;
  header[11] = checksum & 0xff;
  return concatBytes(header, payload);
}

export interface DecodedIpv4 {
  headerLength: number;
  dscp: number;
  ecn: number;
  totalLength: number;
  identification: number;
  dontFragment: boolean;
  moreFragments: boolean;
  fragmentOffset: number;
  ttl: number;
  protocol: number;
  checksum: number;
  checksumValid: boolean;
  source: string;
  destination: string;
  sourceBytes: Uint8Array;
  destinationBytes: Uint8Array;
  options: Uint8Array;
  /** Payload cut to totalLength (Ethernet padding removed). */
  payload: Uint8Array;
}

export function decodeIpv4(bytes: Uint8Array): Result<DecodedIpv4> {
  const reader = new ByteReader(bytes);
  const versionAndLength = reader.u8();
  const tos = reader.u8();
  const totalLength = reader.u16();
  const identification = reader.u16();
  const fragment = reader.u16();
  const ttl = reader.u8();
  const protocol = reader.u8();
  const checksum = reader.u16();
  const source = reader.slice(4);
  const destination = reader.slice(4);
  if (reader.failed || versionAndLength === undefined || tos === undefined || totalLength === undefined
    || identification === undefined || fragment === undefined || ttl === undefined || protocol === undefined
    || checksum === undefined || !source || !destination) {
    return fail('ipv4: truncated header');
  }
  if (versionAndLength >> 4 !== 4) return fail(`ipv4: version ${versionAndLength >> 4}`);
  const headerLength = (versionAndLength & 0xf) * 4;
  if (headerLength < 20) return fail(`ipv4: header length ${headerLength} < 20`);
  if (headerLength > bytes.length) return fail('ipv4: truncated options');
  if (totalLength < headerLength) return fail(`ipv4: total length ${totalLength} < header length`);
  const end = Math.min(totalLength, bytes.length);
  return ok({
    headerLength,
    dscp: tos >> 2,
    ecn: tos & 3,
    totalLength,
    identification,
    dontFragment: (fragment & 0x4000) !== 0,
    moreFragments: (fragment & 0x2000) !== 0,
    fragmentOffset: fragment & 0x1fff,
    ttl,
    protocol,
    checksum,
    checksumValid: internetChecksum(bytes.subarray(0, headerLength)) === 0,
    source: formatIpv4(source),
    destination: formatIpv4(destination),
    sourceBytes: source,
    destinationBytes: destination,
    options: bytes.subarray(20, headerLength),
    payload: bytes.subarray(headerLength, end),
  });
}
