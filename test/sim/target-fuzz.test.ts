// Fuzz: a client's P4Info is peer input. Random mutations of a real P4Info
// (deleted fields, wrong types, nulls, renamed objects) must come back from
// p4infoMismatches and SimTarget.verifyPipeline as values, never as
// exceptions. Bounded (a fixed seed, a few hundred cases, well under a second
// or two); every crasher is kept in target-fuzz-crashers/ and replayed.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { P4InfoObject } from '../../src/p4c/p4info/types.js';
import type { P4InfoIndex } from '../../src/p4rt/p4info-index.js';
import { parseDeviceConfig } from '../../src/p4rt/server/device-config.js';
import { pipelineFromFile } from '../../src/sim/process.js';
import { p4infoMismatches, SimTarget } from '../../src/sim/target.js';

const crashers = fileURLToPath(new URL('./target-fuzz-crashers/', import.meta.url));
const programFile = fileURLToPath(new URL('./target-program/all-entities.p4', import.meta.url));
const loaded = pipelineFromFile(programFile);
if (!loaded.ok) throw new Error(loaded.error);
const original = loaded.value.p4info as P4InfoObject;
const deviceConfig = parseDeviceConfig(loaded.value.deviceConfig);
if (!deviceConfig.ok) throw new Error(deviceConfig.message);

/** xorshift32: the same cases on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const replacements: unknown[] = [undefined, null, 0, -1, 2 ** 40, 'x', '', [], {}, [null], [{}], true, { preamble: null }];

/** Replaces 1–3 random nodes of a copy of `base` with odd values. */
function mutate(base: object, next: () => number): object {
  const copy = structuredClone(base) as Record<string, unknown>;
  const mutations = 1 + Math.floor(next() * 3);
  for (let count = 0; count < mutations; count++) {
    let node: any = copy;
    for (let depth = 0; depth < 6; depth++) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = keys[Math.floor(next() * keys.length)];
      const child = node[key];
      if (typeof child !== 'object' || child === null || next() < 0.3) {
        const value = replacements[Math.floor(next() * replacements.length)];
        if (value === undefined) delete node[key];
        else node[key] = structuredClone(value);
        break;
      }
      node = child;
    }
  }
  return copy;
}

function exercise(p4info: object, withTarget: boolean): void {
  const problems = p4infoMismatches(original, p4info as P4InfoObject);
  expect(Array.isArray(problems)).toBe(true);
  if (!withTarget) return;
  const status = new SimTarget({ cpuPort: 510 }).verifyPipeline({ p4info: p4info as Record<string, unknown>, index: {} as P4InfoIndex, deviceConfig: deviceConfig.ok ? deviceConfig.config : (undefined as never) });
  expect([0, 3]).toContain(status.code);
}

function keep(p4info: object): string {
  const text = JSON.stringify(p4info);
  const name = `${createHash('sha1').update(text).digest('hex')}.json`;
  mkdirSync(crashers, { recursive: true });
  writeFileSync(join(crashers, name), text);
  return name;
}

describe('P4Info fuzz against the embedded switch target', () => {
  it('never throws on a mutated P4Info', () => {
    const next = random(0x5eed1234);
    for (let round = 0; round < 400; round++) {
      const p4info = mutate(original, next);
      try {
        exercise(p4info, round % 40 === 0);
      } catch (error) {
        throw new Error(`crasher kept as ${keep(p4info)}: ${(error as Error).message}`);
      }
    }
  });

  it('replays every kept crasher', () => {
    const files = readdirSync(crashers).filter((name) => name.endsWith('.json'));
    for (const name of files) exercise(JSON.parse(readFileSync(join(crashers, name), 'utf8')), true);
    expect(files.length).toBeGreaterThan(0); // non-list-fields.json threw in the first version of p4infoMismatches
  });
});
