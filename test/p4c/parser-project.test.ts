import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Program } from '../../src/p4c/ast.js';
import { Diagnostics, formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { parseProgram, parseText } from '../../src/p4c/parser.js';
import { preprocess } from '../../src/p4c/preprocess.js';
import { printProgram } from '../../src/p4c/printer.js';

// The project's own P4 programs, preprocessed with the architecture files:
// they parse without diagnostics, round-trip through the printer, and parse
// well within the front-end's time budget.

const root = fileURLToPath(new URL('../../', import.meta.url));
const includePaths = [`${root}p4/arch`, `${root}p4/include`];
const programs = ['p4/v1model/softmesh.p4', 'p4/tna/softmesh.p4'].filter((path) => existsSync(`${root}${path}`));

function withoutLocations(program: Program): string {
  return JSON.stringify(program, (key, value) => (key === 'loc' ? undefined : typeof value === 'bigint' ? `${value}n` : value));
}

describe('project programs', () => {
  it('exist', () => {
    expect(programs.length).toBeGreaterThan(0);
  });

  for (const path of programs) {
    it(`${path} parses cleanly, round-trips and parses quickly`, () => {
      const diagnostics = new Diagnostics();
      const source = preprocess(`${root}${path}`, diagnostics, { includePaths });
      expect(diagnostics.items.map(formatDiagnostic)).toEqual([]);
      const program = parseProgram(source, diagnostics);
      expect(diagnostics.items.map(formatDiagnostic)).toEqual([]);
      // Locations map back to the original files through lineOrigins.
      expect(program.declarations.some((declaration) => 'loc' in declaration && declaration.loc.file.endsWith('core.p4'))).toBe(true);

      const reparsedDiagnostics = new Diagnostics();
      const reparsed = parseText(printProgram(program), 'printed.p4', reparsedDiagnostics);
      expect(reparsedDiagnostics.items.map(formatDiagnostic)).toEqual([]);
      expect(withoutLocations(reparsed)).toBe(withoutLocations(program));

      let best = Infinity;
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        parseProgram(source, new Diagnostics());
        best = Math.min(best, performance.now() - started);
      }
      expect(best).toBeLessThan(100);
    });
  }
});
