// The front-end in one call: preprocess → lex/parse → check → IR (→ P4Info).
// Every stage reports into one Diagnostics sink; a result without `ir` failed.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Diagnostics, type Diagnostic } from './diagnostics.js';
import { preprocess, type PreprocessOptions } from './preprocess.js';
import { parseProgram } from './parser.js';
import { checkProgram } from './check/index.js';
import type { IrProgram } from './ir.js';
import type { Program } from './ast.js';

export interface CompileOptions {
  includePaths?: string[];
  defines?: Record<string, string>;
  /** Virtual file system for programs that do not live on disk (device configs, tests). */
  readFile?: (path: string) => string | undefined;
}

export interface CompileResult {
  ast?: Program;
  ir?: IrProgram;
  diagnostics: Diagnostic[];
}

/** p4/arch and p4/include of this package: the default `#include <...>` search path. */
export function defaultIncludePaths(): string[] {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'p4', 'arch')) && existsSync(join(dir, 'package.json'))) {
      return [join(dir, 'p4', 'arch'), join(dir, 'p4', 'include')];
    }
    const parent = dirname(dir);
    if (parent === dir) return [];
    dir = parent;
  }
}

export function compileFile(file: string, options: CompileOptions = {}): CompileResult {
  const diagnostics = new Diagnostics();
  const preprocessOptions: PreprocessOptions = {
    includePaths: [...(options.includePaths ?? []), ...defaultIncludePaths()],
    defines: options.defines,
    readFile: options.readFile,
  };
  const source = preprocess(resolve(file), diagnostics, preprocessOptions);
  if (diagnostics.hasErrors()) return { diagnostics: diagnostics.items };
  const ast = parseProgram(source, diagnostics);
  if (diagnostics.hasErrors()) return { ast, diagnostics: diagnostics.items };
  const ir = checkProgram(ast, diagnostics);
  return { ast, ir: diagnostics.hasErrors() ? undefined : ir, diagnostics: diagnostics.items };
}

/** Compiles a program given as a set of files (name → text) with `main` as the entry file. */
export function compileSources(files: Record<string, string>, main: string, options: CompileOptions = {}): CompileResult {
  const root = '/softmesh-sources';
  const byPath = new Map(Object.entries(files).map(([name, text]) => [resolve(root, name), text]));
  return compileFile(resolve(root, main), {
    ...options,
    readFile: (path) => byPath.get(resolve(path)) ?? options.readFile?.(path) ?? readDiskFile(path),
  });
}

function readDiskFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
