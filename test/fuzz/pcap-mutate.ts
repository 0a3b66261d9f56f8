// Deterministic mutation fuzzing helpers shared by the pcap, dissector and STF
// fuzz tests: a seeded PRNG, byte mutations, and crasher files kept as
// regression inputs (GoBGP-style testdata/<kind>/<sha1>), e.g. test/fuzz/pcap-crashers/reader/<sha1>.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export class Random {
  constructor(private state: number) {}
  /** xorshift32: fast, deterministic, good enough to pick mutations. */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  below(limit: number): number {
    return limit <= 0 ? 0 : this.next() % limit;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }
}

const interestingBytes = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x40, 0x45, 0x60, 0x08, 0x86, 0xdd, 0x2f, 0x73];

export function mutate(input: Uint8Array, random: Random, rounds = 1 + random.below(4)): Uint8Array {
  let bytes = input.slice();
  for (let round = 0; round < rounds; round++) {
    const at = random.below(Math.max(1, bytes.length));
    switch (random.below(7)) {
      case 0: // flip a bit
        if (bytes.length) bytes[at] ^= 1 << random.below(8);
        break;
      case 1: // interesting byte
        if (bytes.length) bytes[at] = random.pick(interestingBytes);
        break;
      case 2: // truncate
        bytes = bytes.slice(0, at);
        break;
      case 3: {
        // insert random bytes
        const insert = Uint8Array.from({ length: 1 + random.below(8) }, () => random.below(256));
        bytes = Uint8Array.from([...bytes.subarray(0, at), ...insert, ...bytes.subarray(at)]);
        break;
      }
      case 4: // big 32-bit value (length fields)
        for (let i = 0; i < 4 && at + i < bytes.length; i++) bytes[at + i] = random.pick([0x00, 0xff, 0x7f, 0x80]);
        break;
      case 5: // delete a range
        bytes = Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + 1 + random.below(8))]);
        break;
      default: // random byte
        if (bytes.length) bytes[at] = random.below(256);
    }
  }
  return bytes;
}

/** Saved crashers of one kind: test/fuzz/<kind>/<sha1>, kind like "pcap-crashers/reader". */
export function crasherDirectory(kind: string): string {
  return join(fileURLToPath(new URL('.', import.meta.url)), kind);
}

export function loadCrashers(kind: string): { name: string; bytes: Uint8Array }[] {
  const directory = crasherDirectory(kind);
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => !name.startsWith('.'))
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(directory, name))) }));
}

/** Keep an input that crashed, so that it runs on every later test run. */
export function saveCrasher(kind: string, bytes: Uint8Array): string {
  const directory = crasherDirectory(kind);
  mkdirSync(directory, { recursive: true });
  const name = createHash('sha1').update(bytes).digest('hex');
  writeFileSync(join(directory, name), bytes);
  return join(directory, name);
}

/**
 * Run `body` on `count` mutated inputs or until `budgetMs` elapses. An input
 * that throws is saved as a crasher and reported; returns the inputs tried.
 */
export function fuzz(
  kind: string,
  seeds: Uint8Array[],
  body: (input: Uint8Array) => void,
  options: { seed: number; count: number; budgetMs: number },
): { tried: number; crashers: string[] } {
  const random = new Random(options.seed);
  const start = Date.now();
  const crashers: string[] = [];
  let tried = 0;
  while (tried < options.count && Date.now() - start < options.budgetMs) {
    const input = mutate(random.pick(seeds), random);
    tried++;
    try {
      body(input);
    } catch (error) {
      crashers.push(`${saveCrasher(kind, input)}: ${(error as Error).message}`);
      if (crashers.length >= 5) break;
    }
  }
  return { tried, crashers };
}
