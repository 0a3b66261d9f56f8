// RFC 1071 internet checksum over a byte range of linear memory.
// The host copies the bytes to `scratchBase()` and calls `internetChecksum(len)`.

const SCRATCH_SIZE: i32 = 65536;
const scratch = memory.data(SCRATCH_SIZE);

export function scratchBase(): usize {
  return scratch;
}

export function scratchSize(): i32 {
  return SCRATCH_SIZE;
}

// RFC 1071 §4.1: sum 16-bit big-endian words in one's complement, fold carries,
// then complement. An odd trailing byte is padded with a zero byte on the right.
// Returns -1 when `length` exceeds the scratch area (result code, no exceptions).
export function internetChecksum(length: i32): i32 {
  if (length < 0 || length > SCRATCH_SIZE) return -1;
  let sum: u64 = 0;
  let offset: i32 = 0;
  // 8 bytes at a time: four 16-bit words per load.
  while (offset + 8 <= length) {
    const word = bswap<u64>(load<u64>(scratch + <usize>offset));
    sum += (word >> 48) + ((word >> 32) & 0xffff) + ((word >> 16) & 0xffff) + (word & 0xffff);
    offset += 8;
  }
  while (offset + 2 <= length) {
    sum += (<u64>load<u8>(scratch + <usize>offset) << 8) | <u64>load<u8>(scratch + <usize>offset + 1);
    offset += 2;
  }
  if (offset < length) sum += <u64>load<u8>(scratch + <usize>offset) << 8;
  while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
  return <i32>(~(<u32>sum) & 0xffff);
}
