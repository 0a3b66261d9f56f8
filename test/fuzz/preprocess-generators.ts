// Input generators for the preprocessor fuzz tests (preprocess.test.ts) and the
// differential test against the system C preprocessor (preprocess-cpp.test.ts).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ARCH = fileURLToPath(new URL('../../p4/arch/', import.meta.url));

export interface FuzzCase {
  /** Virtual files; `/f/main.p4` is preprocessed. */
  files: Record<string, string>;
}

/** mulberry32: small, fast, reproducible. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  '#define ', '#define F(a, b) a ## b', '#define G(x, ...) #x __VA_ARGS__', '#define A B', '#define B A', '#define E',
  '#define H(x) F(x, x) H', '#undef ', '#if ', '#ifdef ', '#ifndef ', '#elif ', '#else', '#endif', '#include "a.p4"',
 '#include <b.p4>', '#include ', '#line ', '#line 7 "x"', '#error ', '#warning ', '#pragma once',
  '#pragma ', '#', '# 12 "m"', 'defined', 'defined(', '__LINE__', '__FILE__', '__VA_ARGS__', 'A', 'B', 'E', 'F', 'G', 'H',
  '__has_include', '__has_include("a.p4")', '__has_include(<b.p4>)', '__COUNTER__', '#if __has_include(',
  'x', '0', '1', '0x1f', '077', '8w5', '18446744073709551616', '1.5', '(', ')', ',', '+', '-', '*', '/', '%', '<<', '>>',
  '<', '>', '==', '!=', '&&', '||', '&', '|', '^', '~', '!', '?', ':', '#', '##', '...', '"str"', '"', "'", '/*', '*/',
  '//', '\\\n', '\\', '\n', '\n', '\n', ' ', ' ', '\t', '{', '}', ';', '@', '$', '&&&', '\r\n', '\u00e9',
];

const SEEDS = [
  '#define F(a) a\nF(1)\n#if F(1) == 1\nyes\n#endif\n',
  '#ifndef G\n#define G\n#include "a.p4"\n#endif\n',
  '#define CAT(a, b) a ## b\n#define S(x) #x\nCAT(x, y) S(z)\n',
  '/* c */ a // d\n"s" \\\nb\n',
  '#line 10 "f"\n__LINE__ __FILE__\n#error e\n',
  '#define V(...) f(__VA_ARGS__)\nV() V(1, 2)\n#if defined V && 1 ? 2 : 3\n#elif 0\n#else\n#endif\n',
];

export function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)];
}

function soup(next: () => number): string {
  const count = 1 + Math.floor(next() * 40);
  // Self-inclusion runs into the include limits (thousands of includes): rare, to keep the run short.
  let text = next() < 0.002 ? '#include "main.p4"\n' : '';
  for (let index = 0; index < count; index++) {
    text += pick(next, FRAGMENTS);
    if (next() < 0.3) text += next() < 0.5 ? ' ' : '\n';
  }
  return text;
}

function mutate(next: () => number, source: string): string {
  let text = source;
  const edits = 1 + Math.floor(next() * 6);
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(next() * (text.length + 1));
    const length = Math.floor(next() * 12);
    const choice = next();
    if (choice < 0.3) text = text.slice(0, at) + text.slice(at + length);
    else if (choice < 0.6) text = text.slice(0, at) + pick(next, FRAGMENTS) + text.slice(at);
    else if (choice < 0.8) text = text.slice(0, at) + text.slice(at, at + length).repeat(2) + text.slice(at);
    else text = text.slice(0, at) + String.fromCharCode(Math.floor(next() * 128)) + text.slice(at + 1);
  }
  return text;
}

const archSources = ['core.p4', 'v1model.p4', 'tna.p4'].map((name) => readFileSync(ARCH + name, 'utf8'));

export function generate(next: () => number): FuzzCase {
  const choice = next();
  let main: string;
  if (choice < 0.5) main = soup(next);
  else if (choice < 0.99) main = mutate(next, pick(next, SEEDS));
  else main = mutate(next, pick(next, archSources)); // rare: the real files are large
  const other = next() < 0.5 ? soup(next) : pick(next, SEEDS);
  // The included files rarely include themselves (see soup()).
  const selfInclusion = next() < 0.002;
  return {
    files: {
      '/f/main.p4': main,
      '/f/a.p4': selfInclusion ? other : other.replaceAll('#include "a.p4"', '#include <b.p4>'),
      '/sys/b.p4': selfInclusion ? soup(next) : soup(next).replaceAll('#include <b.p4>', '#include "c.p4"'),
    },
  };
}


// Fragments that make valid programs whose expansion gcc's cpp and ours must agree on
// token for token: macro definitions and calls (including the C11 §6.10.3.5 examples'
// rescanning cases), conditionals and #if arithmetic. No `'` (a C character literal
// but not P4) and no P4-only tokens.
const VALID = [
  '#define F(a, b) a ## b\n', '#define G(x, ...) #x __VA_ARGS__\n', '#define A B\n', '#define B 2\n', '#define E\n',
  '#define H(x) F(x, x) H\n', '#define K(x) x\n', '#define L(x) (x + 1)\n', '#define M(f, x) f(x)\n', '#define N -1\n',
  '#undef A\n', '#if A == B\n', '#ifdef F\n', '#ifndef Q\n', '#else\n', '#endif\n', '#if defined(A) || B > 1\n',
  '#elif 1\n', '#if (3 * 4) % 5 == 2 && -1 < 0u\n', '#if 0x10 >> 2 == 4 ? ~0 : 1 / 0\n',
  'A ', 'B ', 'E ', 'F(x, y) ', 'F(, z) ', 'G(a b, c, d) ', 'G() ', 'H(1) ', 'K(K(A)) ', 'L(L(2)) ', 'M(K, 3) ', 'M(L, N) ',
  '-N ', 'x', 'y ', '1 ', '( ', ') ', ', ', '+ ', '- ', '"s" ', '\n', '\n', 'K(\n1) ', 'F(K,(3)) ', '/* c */ ',
  '#define S(x) #x\n', 'S(a "b\\"c" d) ', 'S( K(1) ) ', '#define V(fmt, ...) p(fmt, ## __VA_ARGS__)\n', 'V(1) ', 'V(1, 2, 3) ', 'V(A, A) ',
  '#define f(a) a*g\n', '#define g(a) f(a)\n', 'f(2)(9) ', '#define P(x) x ## _t\n', 'P(A) ', 'P() ', '#define R(x) K(x\n', 'R(5)) ',
  '#define Q2 Q2 + 1\n', 'Q2 ', '#define T(x) S(x)\n', 'T(A) ', 'T(F(a, b)) ', '#define U(a, b) a ## b ## a\n', 'U(1, 2) ', 'U(, ) ',
  '#define W K\n', 'W(7) ', 'W ', '#if M(K, 1)\n', '#define D defined A\n', '#if D || defined(D)\n', '#define CNT __COUNTER__\n',
  'CNT CNT ', 'P(__COUNTER__) ', 'S(__LINE__) ', 'K(__LINE__) ',
];

/** A program of VALID fragments with balanced conditionals. */
export function validProgram(next: () => number): string {
  let text = '';
  let depth = 0;
  const count = 3 + Math.floor(next() * 30);
  for (let index = 0; index < count; index++) {
    const fragment = pick(next, VALID);
    if ((fragment === '#else\n' || fragment === '#elif 1\n' || fragment === '#endif\n') && depth === 0) continue;
    if (fragment.startsWith('#if')) depth++;
    if (fragment === '#endif\n') depth--;
    // Directives start a line.
    if (fragment.startsWith('#') && text !== '' && !text.endsWith('\n')) text += '\n';
    text += fragment;
  }
  for (; depth > 0; depth--) text += '\n#endif\n';
  return text;
}
