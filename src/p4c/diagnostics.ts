import type { Loc } from './ast.js';

// Diagnostics are values, never exceptions: every stage (preprocessor, lexer,
// parser, checker) appends to a Diagnostics sink and keeps going where it can,
// so one run reports several errors. Printed as `file:line:col: error: message`.

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  loc: Loc;
  message: string;
}

export class Diagnostics {
  readonly items: Diagnostic[] = [];
  /** Stop collecting after this many errors (a runaway input must not flood). */
  constructor(readonly maxErrors = 100) {}

  error(loc: Loc, message: string): void {
    if (this.errorCount() < this.maxErrors) this.items.push({ severity: 'error', loc, message });
  }

  warning(loc: Loc, message: string): void {
    this.items.push({ severity: 'warning', loc, message });
  }

  errorCount(): number {
    let n = 0;
    for (const d of this.items) if (d.severity === 'error') n++;
    return n;
  }

  hasErrors(): boolean {
    return this.errorCount() > 0;
  }

  /** True once maxErrors is reached; stages use it to stop early. */
  saturated(): boolean {
    return this.errorCount() >= this.maxErrors;
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.loc.file}:${d.loc.line}:${d.loc.col}: ${d.severity}: ${d.message}`;
}
