// Run an STF file from disk: the one place in src/sim/stf that does I/O.

import { readFile } from 'node:fs/promises';
import { formatReport, runStf, type StfReport, type StfRunOptions } from './runner.js';
import type { StfTarget } from './target.js';

/** A file that cannot be read is a failed report, not an exception. */
export async function runStfFile(path: string, target: StfTarget, options: StfRunOptions = {}): Promise<StfReport> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const failures = [{ line: 0, message: `cannot read ${path}: ${(error as Error).message}` }];
    return { passed: 0, failed: 1, failures, warnings: [], received: new Map(), text: formatReport(0, failures) };
  }
  return runStf(text, target, options);
}
