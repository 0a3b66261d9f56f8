// Detects the include-guard idiom so that a guarded file included again is
// skipped without being read through (cpp's "multiple include optimization"):
//
//   #ifndef NAME            first non-blank line
//   ...                     the whole file
//   #endif                  last non-blank line, closing the #ifndef
//
// Only an optimization: a guarded file processed again would produce the same
// tokens (none), just many blank lines.

import type { LogicalLine } from './source.js';
import { tokenizeLine } from './tokens.js';

export class GuardDetector {
  private name: string | undefined;
  private closed = false;
  private broken = false;
  private seenAny = false;

  /** Called for every logical line, after its directive (if any) was processed;
   *  `depth` is the file's #if nesting after the line. */
  observe(line: LogicalLine, depth: number): void {
    if (this.broken || line.text.trim() === '') return;
    if (this.closed) {
      this.broken = true; // something after the closing #endif
      return;
    }
    if (!this.seenAny) {
      this.seenAny = true;
      const tokens = line.directive ? tokenizeLine(line.text, 0) : [];
      if (tokens[1]?.text === 'ifndef' && tokens[2]?.kind === 'identifier' && tokens.length === 3) this.name = tokens[2].text;
      else this.broken = true;
      return;
    }
    if (line.directive && depth === 1) {
      // `#else` / `#elif` of the guard itself: the file has content when NAME is defined.
      const keyword = tokenizeLine(line.text, 0)[1]?.text;
      if (keyword === 'else' || keyword === 'elif') this.broken = true;
    }
    if (depth === 0) this.closed = true;
  }

  /** The guard macro, when the whole file was one `#ifndef NAME ... #endif`. */
  guard(): string | undefined {
    return !this.broken && this.closed ? this.name : undefined;
  }
}
