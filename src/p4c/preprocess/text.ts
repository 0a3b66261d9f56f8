// Applies macro replacements to the lines of a text block. Lines keep their
// original text outside replaced spans, so columns of unexpanded code stay
// exact; a replacement spanning several lines (a multi-line macro call) is
// written on its first line and the following lines keep only what comes after
// the call, at its original column.

import type { Replacement, TokenSource } from './macros.js';
import { tokenizeLine, wouldPaste, type PpToken } from './tokens.js';

interface Edit {
  start: number;
  end: number;
  text: string;
}

export function applyReplacements(lines: readonly string[], replacements: readonly Replacement[]): string[] {
  const result = [...lines];
  const edits: Edit[][] = lines.map(() => []);
  for (const replacement of replacements) {
    const { startRow, startCol, endRow, endCol, text } = replacement;
    if (startRow === endRow) {
      edits[startRow].push({ start: startCol, end: endCol, text });
      continue;
    }
    edits[startRow].push({ start: startCol, end: lines[startRow].length, text });
    for (let row = startRow + 1; row < endRow; row++) result[row] = '';
    edits[endRow].push({ start: 0, end: endCol, text: ' '.repeat(endCol) });
  }
  for (let row = 0; row < result.length; row++) {
    const rowEdits = edits[row];
    if (rowEdits.length > 0) result[row] = edit(result[row], rowEdits);
  }
  return result;
}

/** Applies non-overlapping edits in one pass (a line may hold thousands of macro uses). */
function edit(line: string, edits: Edit[]): string {
  const pieces: string[] = [];
  let cursor = 0;
  let last = ''; // the output so far ends with this character
  const append = (piece: string): void => {
    if (piece === '') return;
    pieces.push(piece);
    last = piece[piece.length - 1];
  };
  for (const { start, end, text } of edits.sort((first, second) => first.start - second.start)) {
    append(line.slice(cursor, start));
    const next = line.slice(end, end + 1);
    // cpp never glues an expansion to its neighbours: `-N` with N = `-1` is `- -1`.
    if (text === '') append(wouldPaste(last, next) ? ' ' : '');
    else append((wouldPaste(last, text) ? ' ' : '') + text + (wouldPaste(text, next) ? ' ' : ''));
    cursor = end;
  }
  append(line.slice(cursor));
  return pieces.join('');
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

/**
 * The tokens of a text block, row by row, tokenized only when needed: while no
 * expansion is in progress, rows without any macro name are skipped unread, so a
 * long block with one macro use costs one regular-expression scan, not one token
 * object per token. (A name inside a string or number only costs a needless read.)
 */
export class RowSource implements TokenSource {
  private readonly mentionsMacro: boolean[];
  private row = -1;
  private tokens: PpToken[] = [];
  private index = 0;

  constructor(
    private readonly rows: readonly string[],
    isMacro: (name: string) => boolean,
  ) {
    this.mentionsMacro = rows.map((text) => (text.match(IDENTIFIER) ?? []).some(isMacro));
  }

  /** Whether any row names a macro (otherwise there is nothing to expand). */
  any(): boolean {
    return this.mentionsMacro.includes(true);
  }

  peek(): PpToken | undefined {
    this.fill();
    return this.tokens[this.index];
  }

  next(): PpToken | undefined {
    this.fill();
    return this.index < this.tokens.length ? this.tokens[this.index++] : undefined;
  }

  idle(): void {
    if (this.index < this.tokens.length) return;
    let row = this.row + 1;
    while (row < this.rows.length && !this.mentionsMacro[row]) row++;
    this.load(row);
  }

  /** Moves to the next non-empty row when the current one is used up. */
  private fill(): void {
    while (this.index >= this.tokens.length && this.row < this.rows.length) this.load(this.row + 1);
  }

  private load(row: number): void {
    this.row = row;
    this.index = 0;
    // A macro call's arguments may run over several rows: the newline separates tokens.
    this.tokens = row < this.rows.length ? tokenizeLine(this.rows[row], row, 0, true) : [];
  }
}
