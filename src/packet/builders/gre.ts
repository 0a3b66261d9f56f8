// GRE (RFC 2784 §2.1) with the Key and Sequence Number extensions (RFC 2890 §2).
//
//   0                   1                   2                   3
//  |C| |K|S| Reserved0       | Ver |         Protocol Type         |
//  |      Checksum (optional)      |       Reserved1 (Optional)    |
//  |                         Key (optional)                        |
//  |                 Sequence Number (Optional)                    |

import { internetChecksum } from '../checksum.js';
import { ByteReader, ByteWriter, concatBytes, fail, ok, type Result } from '../bytes.js';

const checksumPresentBit = 0x8000;
const keyPresentBit = 0x2000; // RFC 2890 §2
const sequencePresentBit = 0x1000; // RFC 2890 §2

export interface GreFields {
  /** EtherType of the payload (0x0800, 0x86dd, 0x8847 ...). */
  protocolType: number;
  /** Include the RFC 2784 checksum over header and payload. */
  checksum?: boolean;
  key?: number;
  sequence?: number;
}

export function buildGre(fields: GreFields, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const flags =
    (fields.checksum ? checksumPresentBit : 0) |
    (fields.key !== undefined ? keyPresentBit : 0) |
    (fields.sequence !== undefined ? sequencePresentBit : 0);
  const writer = new ByteWriter(16).u16(flags).u16(fields.protocolType);
  if (fields.checksum) writer.u16(0).u16(0);
  if (fields.key !== undefined) writer.u32(fields.key);
  if (fields.sequence !== undefined) writer.u32(fields.sequence);
  const packet = concatBytes(writer.finish(), payload);
  if (fields.checksum) {
    // RFC 2784 §2.5: checksum of the GRE header and payload, checksum field zero.
    const sum = internetChecksum(packet);
    packet[4] = sum >> 8;
    packet[5] = sum & 0xff;
  }
  return packet;
}

export interface DecodedGre {
  version: number;
  protocolType: number;
  checksum?: number;
  checksumValid?: boolean;
  key?: number;
  sequence?: number;
  headerLength: number;
  payload: Uint8Array;
}

export function decodeGre(bytes: Uint8Array): Result<DecodedGre> {
  const reader = new ByteReader(bytes);
  const flags = reader.u16();
  const protocolType = reader.u16();
  if (flags === undefined || protocolType === undefined) return fail('gre: truncated header');
  const version = flags & 7;
  // RFC 2784 §2.3.1: a receiver MUST discard a packet whose version is not 0.
  if (version !== 0) return fail(`gre: version ${version}`);
  const decoded: DecodedGre = { version, protocolType, headerLength: 0, payload: bytes };
  if (flags & checksumPresentBit) {
    decoded.checksum = reader.u16();
    reader.u16();
    decoded.checksumValid = internetChecksum(bytes) === 0;
  }
  if (flags & keyPresentBit) decoded.key = reader.u32();
  if (flags & sequencePresentBit) decoded.sequence = reader.u32();
  if (reader.failed) return fail('gre: truncated optional fields');
  decoded.headerLength = reader.offset;
  decoded.payload = reader.rest();
  return ok(decoded);
}
