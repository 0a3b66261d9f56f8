// Text output of the demo for an operator: short headings, aligned columns,
// reason codes with the names the P4 program gives them. Pure functions.

import type { ProgramSources } from '../sim/process.js';

/** Left-aligned columns separated by two spaces; numeric-looking cells right-aligned. */
export function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const numeric = header.map((_, column) => rows.length > 0 && rows.every((row) => /^\d[\d,]*$/.test(row[column] ?? '')));
  const line = (row: string[]) =>
    row.map((cell, column) => (numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

/**
 * Reason codes of the program, e.g. DROP_BAD_COOKIE = 8 → 8: "bad cookie",
 * read from its `const bit<N> PREFIX_NAME = value;` declarations so the demo
 * says what the program means even when the numbering changes.
 */
export function reasonNames(sources: ProgramSources, prefix: 'DROP' | 'PUNT'): Map<number, string> {
  const names = new Map<number, string>();
  const declaration = new RegExp(`const\\s+bit<\\d+>\\s+${prefix}_(\\w+)\\s*=\\s*(\\d+)\\s*;`, 'g');
  for (const text of Object.values(sources.files)) {
    for (const match of text.matchAll(declaration)) {
      if (match[1] === 'REASON_COUNT') continue;
      names.set(Number(match[2]), match[1].toLowerCase().replace(/_/g, ' '));
    }
  }
  return names;
}

export function reasonText(names: Map<number, string>, code: number): string {
  return `${names.get(code) ?? 'unknown'} (${code})`;
}

/** 1234567 → "1,234,567": counters are read by people here. */
export function grouped(value: bigint): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
