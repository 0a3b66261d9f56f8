// Translation phases 1–3 of C11 §5.1.1.2 as far as P4 needs them: line splicing
// (backslash-newline), then comments replaced by blanks. Unlike cpp, which turns a
// comment into one space, every comment character becomes a space and every
// newline inside a comment is kept, so columns and lines still match the file.

export interface LogicalLine {
  /** Text with splices removed and comment characters blanked. */
  text: string;
  /** 1-based physical line where the logical line starts. */
  line: number;
  /** Physical lines it covers: more than one after a splice, or for a directive
   *  whose trailing block comment runs onto later lines. */
  span: number;
  /** First token is `#` (C11 §6.10p2); `##` does not start a directive. */
  directive: boolean;
  /** Columns of `text` where a later physical line starts (after a splice, or a
   *  newline inside a directive's comment), ascending. */
  breaks: number[];
}

/** The physical line and 0-based column of column `col` of a logical line: what
 *  `__LINE__` and diagnostics report (cpp does the same). */
export function physicalPosition(line: LogicalLine, col: number): { line: number; col: number } {
  let physical = line.line;
  let start = 0;
  for (const column of line.breaks) {
    if (column > col) break;
    physical++;
    start = column;
  }
  return { line: physical, col: col - start };
}

export interface ScannedSource {
  lines: LogicalLine[];
  /** Where an unterminated block comment started (1-based line, 0-based column). */
  unterminatedComment?: { line: number; col: number };
}

export function scanSource(source: string): ScannedSource {
  // A UTF-8 byte order mark is not part of the program (cpp drops it too).
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines: LogicalLine[] = [];
  let buffer = '';
  let breaks: number[] = [];
  let startLine = 1;
  let physicalLine = 1;
  let inBlockComment = false;
  let commentStart = { line: 0, col: 0 };
  let position = 0;

  const isDirective = (): boolean => {
    const trimmed = buffer.trimStart();
    return trimmed.startsWith('#') && !trimmed.startsWith('##');
  };
  const finishLine = (): void => {
    lines.push({ text: buffer, line: startLine, span: physicalLine - startLine + 1, directive: isDirective(), breaks });
    buffer = '';
    breaks = [];
    startLine = physicalLine + 1;
  };
  /** The logical line goes on onto the next physical line. */
  const continueLine = (): void => {
    physicalLine++;
    breaks.push(buffer.length);
  };
  /** Length of a backslash-newline splice at `at` (gcc also accepts blanks between them), or 0. */
  const spliceLength = (at: number): number => {
    if (text[at] !== '\\') return 0;
    let end = at + 1;
    while (text[end] === ' ' || text[end] === '\t') end++;
    return text[end] === '\n' ? end + 1 - at : 0;
  };

  while (position < text.length) {
    if (buffer === '' && !inBlockComment) {
      // Fast path: a whole physical line without comment, string or splice characters.
      let end = text.indexOf('\n', position);
      if (end < 0) end = text.length;
      const whole = text.slice(position, end);
      if (!/[/"\\]/.test(whole)) {
        buffer = whole;
        position = end;
        if (position < text.length) {
          finishLine();
          physicalLine++;
          position++;
        }
        continue;
      }
    }
    const splice = spliceLength(position);
    if (splice > 0) {
      position += splice;
      continueLine();
      continue;
    }
    const character = text[position];
    if (character === '\n') {
      // A block comment inside a directive continues the directive (the comment is one
      // space); in ordinary text the next line stays its own line so tokens keep their line.
      if (inBlockComment && isDirective()) {
        buffer += ' ';
        continueLine();
      } else {
        finishLine();
        physicalLine++;
      }
      position++;
      continue;
    }
    if (inBlockComment) {
      if (character === '*' && nextAfterSplices(text, position + 1) === '/') {
        inBlockComment = false;
        position = skipSplicesTo(text, position + 1, continueLine) + 1;
        buffer += '  ';
      } else {
        buffer += character === '\t' ? '\t' : ' ';
        position++;
      }
      continue;
    }
    if (character === '/' && nextAfterSplices(text, position + 1) === '*') {
      inBlockComment = true;
      commentStart = { line: physicalLine, col: buffer.length };
      position = skipSplicesTo(text, position + 1, continueLine) + 1;
      buffer += '  ';
      continue;
    }
    if (character === '/' && nextAfterSplices(text, position + 1) === '/') {
      // A line comment runs to the end of the logical line, splices included.
      while (position < text.length && text[position] !== '\n') {
        const inner = spliceLength(position);
        if (inner > 0) {
          position += inner;
          continueLine();
        } else position++;
      }
      continue;
    }
    if (character === '"') {
      buffer += character;
      position++;
      // Splices come first (phase 2), even between a backslash and the character it escapes.
      let escaped = false;
      while (position < text.length && text[position] !== '\n') {
        const inner = spliceLength(position);
        if (inner > 0) {
          position += inner;
          continueLine();
          continue;
        }
        const next = text[position];
        buffer += next;
        position++;
        if (escaped) escaped = false;
        else if (next === '\\') escaped = true;
        else if (next === '"') break;
      }
      continue;
    }
    buffer += character;
    position++;
  }
  // A file not ending in a newline still has its last line; one ending in a newline has
  // no extra empty line after it.
  if (buffer !== '') finishLine();
  return inBlockComment ? { lines, unterminatedComment: commentStart } : { lines };
}

/** The character at `at` after skipping backslash-newline splices. */
function nextAfterSplices(text: string, at: number): string | undefined {
  let position = at;
  while (text[position] === '\\' && text[position + 1] === '\n') position += 2;
  return text[position];
}

/** Position of the character `nextAfterSplices` would return, counting skipped lines. */
function skipSplicesTo(text: string, at: number, onNewline: () => void): number {
  let position = at;
  while (text[position] === '\\' && text[position + 1] === '\n') {
    position += 2;
    onNewline();
  }
  return position;
}
