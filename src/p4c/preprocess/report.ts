// The preprocessor's view of the Diagnostics sink, with its own bounds. A
// hostile input (a file including itself thousands of times, each include
// warning) must not make reporting quadratic: the shared sink counts its errors
// on every call and keeps every warning, so the preprocessor counts for it,
// drops warnings past a limit and tells the driver to stop once errors saturate.

import type { Loc } from '../ast.js';
import type { Diagnostics } from '../diagnostics.js';

/** The two calls the preprocessor modules make. */
export interface Reporter {
  error(loc: Loc, message: string): void;
  warning(loc: Loc, message: string): void;
}

export const MAX_WARNINGS = 100;

export class BoundedReporter implements Reporter {
  private errors: number;
  private warnings = 0;

  constructor(private readonly sink: Diagnostics) {
    this.errors = sink.errorCount();
  }

  error(loc: Loc, message: string): void {
    if (this.errors >= this.sink.maxErrors) return;
    this.errors++;
    this.sink.error(loc, message);
  }

  warning(loc: Loc, message: string): void {
    if (this.warnings >= MAX_WARNINGS) return;
    this.warnings++;
    this.sink.warning(loc, message);
  }

  /** The sink takes no more errors: preprocessing may stop. */
  saturated(): boolean {
    return this.errors >= this.sink.maxErrors;
  }
}
