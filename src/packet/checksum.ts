// RFC 1071 internet checksum. `internetChecksum` is the reference implementation
// in TypeScript; the WebAssembly kernel (assembly/util/checksum.ts) is tested
// against it and used where a benchmark shows it pays.

/** One's-complement sum of 16-bit big-endian words, folded, not complemented. */
export function onesComplementSum(bytes: Uint8Array, initial = 0): number {
  let sum = initial;
  const evenLength = bytes.length & ~1;
  for (let i = 0; i < evenLength; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if (bytes.length & 1) sum += bytes[bytes.length - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** RFC 1071 §4.1: the complement of the one's-complement sum. */
export function internetChecksum(bytes: Uint8Array): number {
  return ~onesComplementSum(bytes) & 0xffff;
}
