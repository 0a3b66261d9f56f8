// Classic libpcap capture files (the format documented by tcpdump.org
// "pcap-savefile(5)" and draft-ietf-opsawg-pcap): a 24-byte file header, then
// per packet a 16-byte record header and the captured bytes.
//
//  file header:   magic(4) version_major(2)=2 version_minor(2)=4 thiszone(4)
//                 sigfigs(4) snaplen(4) linktype(4)
//  record header: ts_sec(4) ts_usec_or_nsec(4) incl_len(4) orig_len(4)
//
// The magic is written in the writer's byte order, so a reader detects both
// byte orders from it; 0xa1b2c3d4 means microsecond, 0xa1b23c4d nanosecond
// timestamps. The writer uses little-endian, what libpcap writes on x86 and ARM hosts.

import { ByteReader, ByteWriter, fail, ok, type Result } from './bytes.js';

export const LinkType = { ethernet: 1 } as const;

const microsecondMagic = 0xa1b2c3d4;
const nanosecondMagic = 0xa1b23c4d;
const pcapngMagic = 0x0a0d0d0a;
/** Larger records are corrupt rather than jumbo: 256 KiB is the libpcap maximum snaplen. */
export const maximumRecordLength = 262144;

export interface PcapPacket {
  /** Capture time in nanoseconds since the Unix epoch. */
  timestampNs: bigint;
  data: Uint8Array;
  /** Length on the wire; larger than data.length if the capture truncated it. */
  originalLength: number;
}

export interface PcapFile {
  linkType: number;
  snapLength: number;
  nanosecond: boolean;
  littleEndian: boolean;
  /** Bytes of frame check sequence at the end of every packet (0: none). */
  fcsLength: number;
  packets: PcapPacket[];
}

export interface PcapWriteOptions {
  linkType?: number; // default Ethernet
  snapLength?: number; // default 262144
  nanosecond?: boolean; // default false: microsecond timestamps
}

export function pcapFileHeader(options: PcapWriteOptions = {}): Uint8Array {
  const littleEndian = true;
  return new ByteWriter(24)
    .u32(options.nanosecond ? nanosecondMagic : microsecondMagic, littleEndian)
    .u16(2, littleEndian)
    .u16(4, littleEndian)
    .u32(0, littleEndian) // thiszone: timestamps are UTC
    .u32(0, littleEndian) // sigfigs: always 0 in practice
    .u32(options.snapLength ?? maximumRecordLength, littleEndian)
    .u32(options.linkType ?? LinkType.ethernet, littleEndian)
    .finish();
}

export function pcapRecord(packet: PcapPacket, options: PcapWriteOptions = {}): Uint8Array {
  const littleEndian = true;
  const divisor = options.nanosecond ? 1n : 1000n;
  const seconds = packet.timestampNs / 1_000_000_000n;
  const fraction = (packet.timestampNs % 1_000_000_000n) / divisor;
  const snapLength = options.snapLength ?? maximumRecordLength;
  const data = packet.data.length > snapLength ? packet.data.subarray(0, snapLength) : packet.data;
  return new ByteWriter(16 + data.length)
    .u32(Number(seconds & 0xffffffffn), littleEndian)
    .u32(Number(fraction), littleEndian)
    .u32(data.length, littleEndian)
    .u32(Math.max(packet.originalLength, data.length), littleEndian)
    .bytes(data)
    .finish();
}

export function writePcap(packets: PcapPacket[], options: PcapWriteOptions = {}): Uint8Array {
  const writer = new ByteWriter(24 + packets.reduce((total, packet) => total + 16 + packet.data.length, 0));
  writer.bytes(pcapFileHeader(options));
  for (const packet of packets) writer.bytes(pcapRecord(packet, options));
  return writer.finish();
}

/** Build PcapPackets from frames with a fixed timestamp step (for tests and tools). */
export function framesToPackets(frames: Uint8Array[], startNs = 0n, stepNs = 1000n): PcapPacket[] {
  return frames.map((data, index) => ({ timestampNs: startNs + BigInt(index) * stepNs, data, originalLength: data.length }));
}

export function readPcap(bytes: Uint8Array): Result<PcapFile> {
  if (bytes.length < 24) return fail(`pcap: file too short for a header (${bytes.length} bytes)`);
  const magicBigEndian = new ByteReader(bytes).u32()!;
  const magicLittleEndian = new ByteReader(bytes, 0, true).u32()!;
  let littleEndian: boolean;
  let nanosecond: boolean;
  if (magicLittleEndian === microsecondMagic || magicLittleEndian === nanosecondMagic) {
    littleEndian = true;
    nanosecond = magicLittleEndian === nanosecondMagic;
  } else if (magicBigEndian === microsecondMagic || magicBigEndian === nanosecondMagic) {
    littleEndian = false;
    nanosecond = magicBigEndian === nanosecondMagic;
  } else if (magicBigEndian === pcapngMagic) {
    return fail('pcap: this is a pcapng file; only classic pcap is supported');
  } else {
    return fail(`pcap: bad magic 0x${magicBigEndian.toString(16).padStart(8, '0')}`);
  }
  const reader = new ByteReader(bytes, 4, littleEndian);
  const versionMajor = reader.u16()!;
  const versionMinor = reader.u16()!;
  reader.skip(8); // thiszone, sigfigs
  const snapLength = reader.u32()!;
  // draft-ietf-opsawg-pcap §4 (libpcap LT_LINKTYPE, LT_FCS_LENGTH): the low 16 bits
  // are the link type; when the P bit (0x04000000) is set, the top 4 bits give the
  // length of the FCS ending every packet, in 16-bit words.
  const linkWord = reader.u32()!;
  const linkType = linkWord & 0xffff;
  const fcsLength = linkWord & 0x04000000 ? (linkWord >>> 28) * 2 : 0;
  if (versionMajor !== 2) return fail(`pcap: unsupported version ${versionMajor}.${versionMinor}`);
  const packets: PcapPacket[] = [];
  const fractionUnit = nanosecond ? 1n : 1000n;
  while (reader.remaining() > 0) {
    const index = packets.length;
    if (reader.remaining() < 16) return fail(`pcap: truncated record header for packet ${index}`);
    const seconds = reader.u32()!;
    const fraction = reader.u32()!;
    const capturedLength = reader.u32()!;
    const originalLength = reader.u32()!;
    if (capturedLength > maximumRecordLength) {
      return fail(`pcap: packet ${index} claims ${capturedLength} bytes (more than ${maximumRecordLength})`);
    }
    const data = reader.slice(capturedLength);
    if (!data) return fail(`pcap: truncated data for packet ${index} (${capturedLength} bytes announced)`);
    packets.push({
      timestampNs: BigInt(seconds) * 1_000_000_000n + BigInt(fraction) * fractionUnit,
      data: data.slice(),
      originalLength,
    });
  }
  return ok({ linkType, snapLength, nanosecond, littleEndian, fcsLength, packets });
}
