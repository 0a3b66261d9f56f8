// Where `#include` looks (C11 §6.10.2): the header name, written directly or
// produced by macros, and the files it may name, in search order. Reading is
// injectable (virtual file systems in tests and device configs).

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandTokens, type ExpansionContext } from './macros.js';
import { tokenizeLine } from './tokens.js';

export interface IncludeTarget {
  name: string;
  /** `<name>`: only the search path; `"name"`: the including file's directory first. */
  angled: boolean;
  /** Text after the header name (warned about). */
  trailing: string;
}

/** The header name of `#include "x"` / `<x>`, or of a macro that expands to one (C11 §6.10.2p4). */
export function includeTarget(rest: string, context: ExpansionContext): IncludeTarget | string {
  const direct = /^(?:"([^"]*)"|<([^>]*)>)\s*(.*)$/.exec(rest);
  let name: string | undefined;
  let angled = false;
  let trailing = '';
  if (direct !== null) {
    name = direct[1] ?? direct[2];
    angled = direct[2] !== undefined;
    trailing = direct[3];
  } else {
    const spelled = expandTokens(tokenizeLine(rest, 0), context)
      .tokens.map((token) => (token.spaceBefore ? ' ' : '') + token.text)
      .join('')
      .trim();
    const computed = /^(?:"([^"]*)"|<([^>]*)>)\s*(.*)$/.exec(spelled);
    if (computed === null) return '#include expects "FILENAME" or <FILENAME>';
    name = computed[1] ?? computed[2];
    angled = computed[2] !== undefined;
    trailing = computed[3];
  }
  if (name === undefined || name === '') return 'empty filename in #include';
  return { name, angled, trailing };
}

export function readDiskFile(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** p4/arch and p4/include of this package, found upward from this module (works from src/ and dist/). */
export function defaultIncludePaths(): string[] {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(directory, 'p4', 'arch'))) return [join(directory, 'p4', 'arch'), join(directory, 'p4', 'include')];
    const parent = dirname(directory);
    if (parent === directory) return [];
    directory = parent;
  }
}

/** Files `#include` may mean, in the order cpp tries them. */
export function candidatePaths(target: IncludeTarget, includer: string, includePaths: readonly string[]): string[] {
  if (isAbsolute(target.name)) return [target.name];
  const candidates = target.angled ? [] : [join(dirname(includer), target.name)];
  for (const directory of includePaths) candidates.push(join(directory, target.name));
  return candidates;
}
