// v1model `random(out T result, in T lo, in T hi)`: BMv2 draws uniformly in
// [lo, hi]. The source is injectable so that tests and replays are
// deterministic; the default is a seeded xorshift (not Math.random) for the
// same reason.

export type RandomSource = () => number; // a uniformly distributed 32-bit unsigned integer

export function xorshift32(seed = 0x2545f491): RandomSource {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

/** A value in [low, high]; when low > high BMv2's behaviour is unspecified and we return low. */
export function randomInRange(source: RandomSource, low: bigint, high: bigint): bigint {
  if (high <= low) return low;
  const span = high - low + 1n;
  let draw = BigInt(source());
  // Widen for spans beyond 32 bits: concatenate more draws.
  let bits = 32n;
  while (1n << bits < span) {
    draw = (draw << 32n) | BigInt(source());
    bits += 32n;
  }
  return low + (draw % span);
}
