// Bounded fuzzing of the decoders of this module: protobuf binary
// (decodeMessage), text format (parseText) and P4Info JSON (parseP4Info). Both must answer malformed input
// with a value, never an exception. A failing input is written to
// test/p4rt/proto-crashers/ (named TYPE.SHA1PREFIX.bin|txt) and replayed by the
// regression test below forever.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../src/p4rt/proto.js';
import { formatText, parseText } from '../../src/p4rt/textformat.js';
import { formatP4Info, parseP4Info } from '../../src/p4c/p4info/index.js';
import { projectMessageTypes, sample } from './proto-samples.js';

const CRASHERS = join(dirname(fileURLToPath(import.meta.url)), 'proto-crashers');
const ITERATIONS = 1500;
const TIME_BUDGET_MS = 3000;

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutateBytes(input: Uint8Array, next: () => number): Uint8Array {
  const bytes = Array.from(input);
  const edits = 1 + Math.floor(next() * 4);
  for (let i = 0; i < edits; i++) {
    const position = Math.floor(next() * (bytes.length + 1));
    const choice = next();
    if (choice < 0.4 && bytes.length) bytes[position % bytes.length] = Math.floor(next() * 256);
    else if (choice < 0.7) bytes.splice(position, 0, Math.floor(next() * 256));
    else bytes.splice(position, 1 + Math.floor(next() * 3));
  }
  return Uint8Array.from(bytes);
}

const TEXT_PIECES = ['{', '}', '<', '>', ':', '"', '\\', '[', ']', ',', '#', '-', '0x', '9999999999999999999999', 'true', 'x', '\n', "'", '\\x', '\\u12'];

function mutateText(input: string, next: () => number): string {
  let text = input;
  const edits = 1 + Math.floor(next() * 3);
  for (let i = 0; i < edits; i++) {
    const position = Math.floor(next() * (text.length + 1));
    const piece = TEXT_PIECES[Math.floor(next() * TEXT_PIECES.length)];
    text = next() < 0.5 ? text.slice(0, position) + piece + text.slice(position) : text.slice(0, position) + text.slice(position + 1 + Math.floor(next() * 5));
  }
  return text;
}

function saveCrasher(kind: 'bin' | 'txt' | 'json', typeName: string, data: Uint8Array): string {
  if (!existsSync(CRASHERS)) mkdirSync(CRASHERS, { recursive: true });
  const name = `${typeName}.${createHash('sha1').update(data).digest('hex').slice(0, 16)}.${kind}`;
  writeFileSync(join(CRASHERS, name), data);
  return name;
}

function check(kind: 'bin' | 'txt' | 'json', typeName: string, data: Uint8Array): void {
  try {
    if (kind === 'bin') decodeMessage(typeName, data);
    else if (kind === 'json') {
      parseP4Info(data, 'json');
      parseP4Info(data, 'json', { allowUnknownFields: true });
    }
    else {
      const text = new TextDecoder().decode(data);
      parseText(typeName, text);
      parseText(typeName, text, { allowUnknownFields: true });
    }
  } catch (error) {
    const file = saveCrasher(kind, typeName, data);
    throw new Error(`${kind} decoder threw on ${typeName} (saved as ${file}): ${(error as Error).message}`);
  }
}

describe('decoder fuzzing', () => {
  const types = projectMessageTypes();
  const p4infoType = types.find((type) => type.fullName === '.p4.config.v1.P4Info')!;

  it('never throws on mutated binary or text input', () => {
    const next = random(0x50f7);
    const started = Date.now();
    let runs = 0;
    for (; runs < ITERATIONS && Date.now() - started < TIME_BUDGET_MS; runs++) {
      const type = types[Math.floor(next() * types.length)];
      const typeName = type.fullName.slice(1);
      const value = sample(type, 1);
      const choice = next();
      if (choice < 0.05) {
        const info = sample(p4infoType, 2);
        check('json', 'p4.config.v1.P4Info', new TextEncoder().encode(mutateText(formatP4Info(info, 'json'), next)));
      } else if (choice < 0.55) {
        check('bin', typeName, mutateBytes(encodeMessage(typeName, value), next));
      } else {
        check('txt', typeName, new TextEncoder().encode(mutateText(formatText(typeName, value), next)));
      }
    }
    expect(runs).toBeGreaterThan(100);
  });

  it('replays every saved crasher without an exception', () => {
    const files = existsSync(CRASHERS) ? readdirSync(CRASHERS).filter((file) => /\.(bin|txt|json)$/.test(file)) : [];
    // Hand-made hostile inputs seed the folder (oversized lengths, deep nesting, bad Any bodies).
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const [typeName] = file.split(/\.(?=[0-9a-f]{16}\.)/);
      const kind = file.endsWith('.bin') ? 'bin' : file.endsWith('.json') ? 'json' : 'txt';
      expect(() => check(kind, typeName, readFileSync(join(CRASHERS, file)))).not.toThrow();
    }
  });
});
