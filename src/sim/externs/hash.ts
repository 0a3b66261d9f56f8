// Hash algorithms of v1model (`enum HashAlgorithm`), bit-exact with BMv2's
// calculations: the input is the field list packed MSB-first with no padding
// between fields and zero bits after the last one (BMv2 BufBuilder), and each
// algorithm returns an unsigned integer that the caller truncates to the width
// of its destination.

/** Parameters of a table-less Rocksoft-model CRC (the `crc*_custom` algorithms). */
export interface CrcConfig {
  width: 8 | 16 | 32 | 64;
  polynomial: bigint;
  initialRemainder: bigint;
  finalXorValue: bigint;
  dataReflected: boolean;
  remainderReflected: boolean;
}

// BMv2 defaults: crc16_custom starts as CRC-16/ARC and crc32_custom as CRC-32
// (ISO-HDLC); the runtime can reconfigure them (simple_switch_CLI set_crc*_parameters).
export const CRC16_CUSTOM_DEFAULT: CrcConfig = {
  width: 16,
  polynomial: 0x8005n,
  initialRemainder: 0n,
  finalXorValue: 0n,
  dataReflected: true,
  remainderReflected: true,
};

export const CRC32_CUSTOM_DEFAULT: CrcConfig = {
  width: 32,
  polynomial: 0x04c11db7n,
  initialRemainder: 0xffffffffn,
  finalXorValue: 0xffffffffn,
  dataReflected: true,
  remainderReflected: true,
};

function reflectNumber(value: number, bits: number): number {
  let reflected = 0;
  for (let bit = 0; bit < bits; bit++) {
    if (value & (1 << bit)) reflected |= 1 << (bits - 1 - bit);
  }
  return reflected >>> 0;
}

/** A CRC of width ≤ 32 computed with a 256-entry table in plain numbers (no bigint per byte). */
function makeNumberCrc(config: CrcConfig): (bytes: Uint8Array) => number {
  const width = config.width;
  const topShift = width - 8;
  const widthMask = width === 32 ? 0xffffffff : (1 << width) - 1;
  const polynomial = Number(config.polynomial) >>> 0;
  const table = new Uint32Array(256);
  for (let dividend = 0; dividend < 256; dividend++) {
    let remainder = (dividend << topShift) >>> 0;
    for (let bit = 0; bit < 8; bit++) {
      const top = (remainder >>> (width - 1)) & 1;
      remainder = ((remainder << 1) & widthMask) >>> 0;
      if (top) remainder = (remainder ^ polynomial) >>> 0;
    }
    table[dividend] = remainder & widthMask;
  }
  const reflectedByte = new Uint8Array(256);
  for (let i = 0; i < 256; i++) reflectedByte[i] = reflectNumber(i, 8);
  const initial = Number(config.initialRemainder) >>> 0;
  const finalXor = Number(config.finalXorValue) >>> 0;
  return (bytes) => {
    let remainder = initial & widthMask;
    for (let i = 0; i < bytes.length; i++) {
      const data = config.dataReflected ? reflectedByte[bytes[i]] : bytes[i];
      const index = (data ^ (remainder >>> topShift)) & 0xff;
      remainder = ((table[index] ^ (remainder << 8)) & widthMask) >>> 0;
    }
    const out = config.remainderReflected ? reflectNumber(remainder, width) : remainder;
    return ((out ^ finalXor) & widthMask) >>> 0;
  };
}

/** Same algorithm over bigint for the 64-bit custom CRC. */
function makeBigintCrc(config: CrcConfig): (bytes: Uint8Array) => bigint {
  const width = BigInt(config.width);
  const widthMask = (1n << width) - 1n;
  const top = 1n << (width - 1n);
  const reflect = (value: bigint, bits: number): bigint => {
    let reflected = 0n;
    for (let bit = 0; bit < bits; bit++) if ((value >> BigInt(bit)) & 1n) reflected |= 1n << BigInt(bits - 1 - bit);
    return reflected;
  };
  return (bytes) => {
    let remainder = config.initialRemainder & widthMask;
    for (const byte of bytes) {
      const data = config.dataReflected ? reflect(BigInt(byte), 8) : BigInt(byte);
      remainder ^= data << (width - 8n);
      for (let bit = 0; bit < 8; bit++) {
        remainder = remainder & top ? ((remainder << 1n) ^ config.polynomial) & widthMask : (remainder << 1n) & widthMask;
      }
    }
    const out = config.remainderReflected ? reflect(remainder, config.width) : remainder;
    return (out ^ config.finalXorValue) & widthMask;
  };
}

/** A configured CRC function returning an unsigned bigint. */
export function makeCrc(config: CrcConfig): (bytes: Uint8Array) => bigint {
  if (config.width === 64) return makeBigintCrc(config);
  const crc = makeNumberCrc(config);
  return (bytes) => BigInt(crc(bytes));
}

const crc16Number = makeNumberCrc(CRC16_CUSTOM_DEFAULT);
const crc32Number = makeNumberCrc(CRC32_CUSTOM_DEFAULT);

/** BMv2 `crc16`: CRC-16/ARC (poly 0x8005, init 0, reflected in and out, no final xor); check("123456789") = 0xBB3D. */
export function crc16(bytes: Uint8Array): number {
  return crc16Number(bytes);
}

/** BMv2 `crc32`: CRC-32/ISO-HDLC; check("123456789") = 0xCBF43926. */
export function crc32(bytes: Uint8Array): number {
  return crc32Number(bytes);
}

/** BMv2 `csum16`/`cksum16`: RFC 1071 one's-complement checksum, odd byte padded with zero. */
export function csum16(bytes: Uint8Array): number {
  let sum = 0;
  const evenLength = bytes.length & ~1;
  for (let i = 0; i < evenLength; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if (bytes.length & 1) sum += bytes[bytes.length - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** BMv2 `xor16`: xor of big-endian 16-bit words, the last word padded with zero. */
export function xor16(bytes: Uint8Array): number {
  let value = 0;
  for (let i = 0; i < bytes.length; i += 2) value ^= (bytes[i] << 8) | (i + 1 < bytes.length ? bytes[i + 1] : 0);
  return value;
}

/** BMv2 `identity`: the first (up to) 8 bytes read as a big-endian integer. */
export function identity(bytes: Uint8Array): bigint {
  let value = 0n;
  const length = Math.min(8, bytes.length);
  for (let i = 0; i < length; i++) value = (value << 8n) | BigInt(bytes[i]);
  return value;
}

/** Names of v1model's HashAlgorithm members. */
export type HashAlgorithmName =
  | 'crc32'
  | 'crc32_custom'
  | 'crc16'
  | 'crc16_custom'
  | 'random'
  | 'identity'
  | 'csum16'
  | 'xor16';

export type HashFunction = (bytes: Uint8Array) => bigint;

/** The algorithms whose result fits 32 bits, as plain-number functions (the checksum fast path). */
export function numericHashFunction(name: string): ((bytes: Uint8Array) => number) | undefined {
  switch (name) {
    case 'crc16':
      return crc16Number;
    case 'crc32':
      return crc32Number;
    case 'csum16':
      return csum16;
    case 'xor16':
      return xor16;
    default:
      return undefined;
  }
}

/**
 * A hash function by v1model name. `random` draws from `randomSource` (a
 * 32-bit value per call), so tests can make it deterministic. Returns undefined
 * for an unknown name (the caller reports it; programs are user input).
 */
export function hashFunction(
  name: string,
  options: { crc16Custom?: CrcConfig; crc32Custom?: CrcConfig; randomSource?: () => number } = {},
): HashFunction | undefined {
  switch (name) {
    case 'crc16':
      return (bytes) => BigInt(crc16Number(bytes));
    case 'crc32':
      return (bytes) => BigInt(crc32Number(bytes));
    case 'crc16_custom':
      return makeCrc(options.crc16Custom ?? CRC16_CUSTOM_DEFAULT);
    case 'crc32_custom':
      return makeCrc(options.crc32Custom ?? CRC32_CUSTOM_DEFAULT);
    case 'csum16':
      return (bytes) => BigInt(csum16(bytes));
    case 'xor16':
      return (bytes) => BigInt(xor16(bytes));
    case 'identity':
      return identity;
    case 'random': {
      const source = options.randomSource ?? (() => Math.floor(Math.random() * 0x100000000));
      return () => BigInt(source() >>> 0);
    }
    default:
      return undefined;
  }
}

/** One element of a field list: a value of a given bit width (widths need not be multiples of 8). */
export interface BitField {
  value: bigint | number;
  width: number;
}

/**
 * Concatenates fields MSB-first into bytes, as BMv2's BufBuilder does before
 * hashing or checksumming: no padding between fields, the final partial byte
 * is completed with zero bits.
 */
export function packBits(fields: readonly BitField[]): Uint8Array {
  let totalBits = 0;
  for (const field of fields) totalBits += field.width;
  const out = new Uint8Array((totalBits + 7) >> 3);
  let bitOffset = 0;
  for (const field of fields) {
    const width = field.width;
    if (width === 0) continue;
    if ((bitOffset & 7) === 0 && (width & 7) === 0) {
      // Byte-aligned fast path: the common case (IPv4 addresses, ports).
      let value = typeof field.value === 'number' ? field.value : field.value;
      let index = (bitOffset >> 3) + (width >> 3) - 1;
      if (typeof value === 'number' && width <= 48) {
        for (let i = 0; i < width >> 3; i++, index--) {
          out[index] = value % 256;
          value = Math.floor(value / 256);
        }
      } else {
        let big = BigInt(value);
        for (let i = 0; i < width >> 3; i++, index--) {
          out[index] = Number(big & 0xffn);
          big >>= 8n;
        }
      }
    } else {
      const big = BigInt(field.value);
      for (let bit = width - 1; bit >= 0; bit--, bitOffset++) {
        if ((big >> BigInt(bit)) & 1n) out[bitOffset >> 3] |= 0x80 >> (bitOffset & 7);
      }
      continue;
    }
    bitOffset += width;
  }
  return out;
}

/**
 * v1model `hash(out result, algo, base, data, max)`: result = base + (h % max).
 * BMv2 (behavioral-model#745) writes `base` when max is 0, as if max were 1.
 * The caller truncates the result to the destination width.
 */
export function hashWithOffset(hash: bigint, base: bigint, max: bigint): bigint {
  if (max === 0n) return base;
  return base + (hash % max);
}
