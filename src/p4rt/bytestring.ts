// Canonical P4Runtime bytestrings (P4Runtime 1.4 §8.3 "Bytestrings").
//
// Integers travel as big-endian `bytes`. A receiver accepts any length as long
// as the value fits the P4Info bitwidth; a sender uses the shortest string
// (`minimum_string_size = floor((A + 7) / 8)`, with 0 encoded as one byte) so
// that reads give back exactly what was written (read-write symmetry, §8.2).
// Pure functions; bad input comes back as a value, never as an exception.

export type BitstringError =
  /** §8.3: "If the string's byte length is zero, the server always rejects the string." */
  | 'empty'
  /** §8.3: the value needs more than W bits (→ OUT_OF_RANGE). */
  | 'too-wide';

export type BitstringResult = { ok: true; value: bigint } | { ok: false; error: BitstringError };

/** Unsigned big-endian value of `bytes` (empty → 0n). */
export function bytesToBigint(bytes: Uint8Array): bigint {
  const length = bytes.length;
  if (length <= 6) {
    // Fast path: up to 48 bits fits a double exactly.
    let small = 0;
    for (let i = 0; i < length; i++) small = small * 256 + bytes[i];
    return BigInt(small);
  }
  let value = 0n;
  for (let i = 0; i < length; i++) value = (value << 8n) | BigInt(bytes[i]);
  return value;
}

/** Number of bits needed for a non-negative value; 0 needs 1 bit (§8.3 special case). */
export function bitLength(value: bigint): number {
  if (value < 0n) throw new RangeError(`bitLength of negative value ${value}`);
  if (value === 0n) return 1;
  return value.toString(2).length;
}

/** Shortest big-endian encoding of a non-negative value: 0 → [0x00]. */
export function toCanonical(value: bigint): Uint8Array {
  if (value < 0n) throw new RangeError(`canonical bytestring of negative value ${value}`);
  if (value < 256n) return Uint8Array.of(Number(value));
  const byteLength = Math.floor((bitLength(value) + 7) / 8);
  return toFixedWidth(value, byteLength);
}

/** Big-endian encoding padded to exactly `byteLength` bytes (value must fit). */
export function toFixedWidth(value: bigint, byteLength: number): Uint8Array {
  if (value < 0n) throw new RangeError(`fixed-width bytestring of negative value ${value}`);
  const out = new Uint8Array(byteLength);
  let rest = value;
  for (let i = byteLength - 1; i >= 0; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  if (rest !== 0n) throw new RangeError(`${value} does not fit in ${byteLength} bytes`);
  return out;
}

/** Bytes needed to carry a bitwidth on the wire or in a packet: ceil(W / 8). */
export function byteWidth(bitwidth: number): number {
  return Math.ceil(bitwidth / 8);
}

const maxValues: bigint[] = Array.from({ length: 129 }, (_, width) => (1n << BigInt(width)) - 1n);

/** All-ones value of a bitwidth: 2^W - 1 (cached up to 128 bits, the common widths). */
export function maxValue(bitwidth: number): bigint {
  return bitwidth <= 128 ? maxValues[bitwidth] : (1n << BigInt(bitwidth)) - 1n;
}

export function fitsUnsigned(value: bigint, bitwidth: number): boolean {
  return value >= 0n && value <= maxValue(bitwidth);
}

/** Codes returned by `unsignedOrCode` instead of a value (values are never negative). */
export const emptyBytestring = -1n;
export const tooWideBytestring = -2n;

/** BigInts for small values (ports, ids, flags): the Write hot path allocates none for them. */
const smallBigints: bigint[] = Array.from({ length: 4096 }, (_, value) => BigInt(value));

function bigintOf(value: number): bigint {
  return value < 4096 ? smallBigints[value] : BigInt(value);
}

/**
 * `parseUnsigned` without a result object, for the Write hot path: the value,
 * or `emptyBytestring` / `tooWideBytestring`. Up to 6 significant bytes
 * (48 bits) are summed as a double, which is exact.
 */
export function unsignedOrCode(bytes: Uint8Array, bitwidth: number): bigint {
  const length = bytes.length;
  if (length === 0) return emptyBytestring;
  // Cheap rejection before building a bigint: the first non-zero byte decides.
  let first = 0;
  while (first < length && bytes[first] === 0) first++;
  const significantBytes = length - first;
  if (significantBytes * 8 - 8 >= bitwidth) return tooWideBytestring;
  if (significantBytes <= 6) {
    let small = 0;
    for (let i = first; i < length; i++) small = small * 256 + bytes[i];
    if (bitwidth < 48 && small >= 2 ** bitwidth) return tooWideBytestring;
    return bigintOf(small);
  }
  let value = 0n;
  for (let i = first; i < length; i++) value = (value << 8n) | smallBigints[bytes[i]];
  return value <= maxValue(bitwidth) ? value : tooWideBytestring;
}

/**
 * Decodes a received bytestring for a `bit<W>` value (§8.3): leading zero
 * bytes are accepted, an empty string or a value needing more than W bits is not.
 */
export function parseUnsigned(bytes: Uint8Array, bitwidth: number): BitstringResult {
  const value = unsignedOrCode(bytes, bitwidth);
  if (value === emptyBytestring) return { ok: false, error: 'empty' };
  if (value === tooWideBytestring) return { ok: false, error: 'too-wide' };
  return { ok: true, value };
}

/** True when `bytes` is the shortest encoding of its value. */
export function isCanonical(bytes: Uint8Array): boolean {
  return bytes.length === 1 || (bytes.length > 1 && bytes[0] !== 0);
}

/** Strips leading zero bytes, keeping one byte for zero. Empty stays empty. */
export function canonicalize(bytes: Uint8Array): Uint8Array {
  let first = 0;
  while (first < bytes.length - 1 && bytes[first] === 0) first++;
  return first === 0 ? bytes : bytes.slice(first);
}

// ---- signed int<W> (only in P4Data, §8.3: "The rules for encoding signed values thus only apply to messages of type P4Data") ----

/** Bits needed for a signed value in two's complement; 0 needs 1 bit. */
export function signedBitLength(value: bigint): number {
  if (value === 0n) return 1;
  const magnitude = value < 0n ? -value - 1n : value;
  return magnitude === 0n ? 1 : magnitude.toString(2).length + 1;
}

/** Shortest two's complement big-endian encoding (sign-extended to whole bytes). */
export function toCanonicalSigned(value: bigint): Uint8Array {
  const byteLength = Math.floor((signedBitLength(value) + 7) / 8);
  const modulus = 1n << BigInt(byteLength * 8);
  return toFixedWidth(value < 0n ? modulus + value : value, byteLength);
}

/**
 * Decodes a received bytestring for an `int<W>` value: after "undoing sign
 * extension" the remaining width must be W bits or less (§8.3).
 */
export function parseSigned(bytes: Uint8Array, bitwidth: number): BitstringResult {
  if (bytes.length === 0) return { ok: false, error: 'empty' };
  const unsigned = bytesToBigint(bytes);
  const totalBits = BigInt(bytes.length * 8);
  const negative = (bytes[0] & 0x80) !== 0;
  const value = negative ? unsigned - (1n << totalBits) : unsigned;
  if (signedBitLength(value) > bitwidth) return { ok: false, error: 'too-wide' };
  return { ok: true, value };
}

/** Lower-case hex, for messages and map keys. */
export function toHex(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += bytes[i].toString(16).padStart(2, '0');
  return text;
}

export function bytesEqual(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) return false;
  return true;
}
