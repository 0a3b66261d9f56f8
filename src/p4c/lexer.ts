import type { Loc } from './ast.js';
import type { Diagnostics } from './diagnostics.js';
import type { PreprocessedSource } from './preprocess.js';

// P4_16 lexer (spec v1.2.4 §6.4 "Lexical constructs"). Produces every token of
// the preprocessed text, ending with one `eof` token. Bad characters and bad
// literals become diagnostics; the lexer always finishes.

export type { PreprocessedSource };

export type TokenKind = 'ident' | 'keyword' | 'int' | 'string' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Source text; for strings the contents without quotes, escapes left as written. */
  text: string;
  loc: Loc;
  /** Offsets into the preprocessed text: `start === previous.end` means no blank in between. */
  start: number;
  end: number;
  /** 0-based line in the preprocessed text (`@pragma` bodies end at the line end). */
  line: number;
  /** Integer literals only. */
  value?: bigint;
  width?: number;
  signed?: boolean;
}

// Spec v1.2.4 §6.4.2 reserved keywords, plus v1.2.5's `for`, `break` and
// `continue` (§12.15). `_` is the don't-care token.
export const KEYWORDS: ReadonlySet<string> = new Set([
  'abstract', 'action', 'actions', 'apply', 'bool', 'bit', 'break', 'const', 'continue', 'for', 'control', 'default', 'else',
  'entries', 'enum', 'error', 'exit', 'extern', 'false', 'header', 'header_union', 'if', 'in',
  'inout', 'int', 'key', 'match_kind', 'out', 'package', 'parser', 'priority', 'return', 'select',
  'state', 'string', 'struct', 'switch', 'table', 'this', 'transition', 'true', 'tuple', 'type',
  'typedef', 'value_set', 'varbit', 'void', '_',
]);

// Multi-character punctuation, longest first, indexed by its first character.
// `op=` are p4c's compound assignments; `>>=` is `>` then `>=` (see `>>` below).
const LONG_PUNCTUATION: Record<string, string[]> = {
  '.': ['...', '..'],
  '&': ['&&&', '&&', '&='],
  '|': ['|+|=', '|-|=', '|+|', '|-|', '||', '|='],
  '+': ['++', '+='],
  '-': ['-='],
  '*': ['*='],
  '/': ['/='],
  '%': ['%='],
  '^': ['^='],
  '<': ['<<=', '<<', '<='],
  '>': ['>='],
  '=': ['=='],
  '!': ['!='],
};
const SINGLE_PUNCTUATION = new Set('{}()[]<>;:,.=!~-+*/%&|^?@#');

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function lex(source: PreprocessedSource, diagnostics: Diagnostics): Token[] {
  const text = source.text;
  const tokens: Token[] = [];
  // A UTF-8 byte order mark is not part of the program.
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 0;
  let lineStart = position;

  const locAt = (offset: number): Loc => {
    const origin = source.lineOrigins[line];
    const col = offset - lineStart + 1;
    if (origin) return { file: origin.file, line: origin.line, col };
    // A short lineOrigins table is the preprocessor's bug; still give a usable location.
    return { file: source.lineOrigins[source.lineOrigins.length - 1]?.file ?? '<input>', line: line + 1, col };
  };
  const push = (kind: TokenKind, tokenText: string, start: number, end: number): Token => {
    // Every token gets the same fields in the same order: one hidden class keeps property access fast.
    const token: Token = { kind, text: tokenText, loc: locAt(start), start, end, line, value: undefined, width: undefined, signed: undefined };
    tokens.push(token);
    return token;
  };

  while (position < text.length) {
    const c = text.charCodeAt(position);
    if (c === 10) {
      position++;
      line++;
      lineStart = position;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
      position++;
      continue;
    }
    if (c === 47 && text.charCodeAt(position + 1) === 47) {
      while (position < text.length && text.charCodeAt(position) !== 10) position++;
      continue;
    }
    if (c === 47 && text.charCodeAt(position + 1) === 42) {
      const startLoc = locAt(position);
      position += 2;
      let closed = false;
      while (position < text.length) {
        const d = text.charCodeAt(position);
        if (d === 42 && text.charCodeAt(position + 1) === 47) {
          position += 2;
          closed = true;
          break;
        }
        position++;
        if (d === 10) {
          line++;
          lineStart = position;
        }
      }
      if (!closed) diagnostics.error(startLoc, 'unterminated comment');
      continue;
    }
    const start = position;
    if (isIdentStart(c)) {
      while (position < text.length && isIdentPart(text.charCodeAt(position))) position++;
      const word = text.slice(start, position);
      push(KEYWORDS.has(word) ? 'keyword' : 'ident', word, start, position);
      continue;
    }
    if (isDigit(c)) {
      position = lexInteger(text, start, push, diagnostics, locAt(start));
      continue;
    }
    if (c === 34) {
      position = lexString(text, start, push, diagnostics, locAt(start));
      continue;
    }
    // A preprocessor line that survived (e.g. parseText on raw input): skip it, it is not P4.
    if (c === 35 && text.slice(lineStart, start).trim() === '') {
      diagnostics.error(locAt(start), 'unexpected preprocessor directive');
      while (position < text.length && text.charCodeAt(position) !== 10) position++;
      continue;
    }
    const punct = matchPunctuation(text, position);
    if (punct) {
      position += punct.length;
      push('punct', punct, start, position);
      continue;
    }
    diagnostics.error(locAt(start), `unexpected character '${text[start]}'`);
    position++;
  }
  push('eof', '', position, position);
  return tokens;
}

function matchPunctuation(text: string, position: number): string | undefined {
  const first = text[position];
  const candidates = LONG_PUNCTUATION[first];
  if (candidates) {
    for (const candidate of candidates) if (text.startsWith(candidate, position)) return candidate;
  }
  return SINGLE_PUNCTUATION.has(first) ? first : undefined;
}

type Push = (kind: TokenKind, text: string, start: number, end: number) => Token;

const DIGITS_OF_BASE: Record<number, RegExp> = {
  2: /^[01_]*$/,
  8: /^[0-7_]*$/,
  10: /^[0-9_]*$/,
  16: /^[0-9a-fA-F_]*$/,
};

/**
 * Spec §6.4.3.3: `[width][w|s]` then a decimal number or one with a base prefix
 * `0x`, `0o`, `0d`, `0b` (either case); `_` may separate digits.
 */
function lexInteger(text: string, start: number, push: Push, diagnostics: Diagnostics, loc: Loc): number {
  let position = start;
  while (position < text.length && isIdentPart(text.charCodeAt(position))) position++;
  const literal = text.slice(start, position);
  const token = push('int', literal, start, position);
  const parsed = parseIntegerLiteral(literal);
  if (typeof parsed === 'string') {
    diagnostics.error(loc, parsed);
    token.value = 0n;
    token.signed = false;
    return position;
  }
  token.value = parsed.value;
  token.signed = parsed.signed;
  if (parsed.width !== undefined) token.width = parsed.width;
  return position;
}

/** Parses the text of one integer literal; a string result is the error message. */
export function parseIntegerLiteral(literal: string): { value: bigint; width?: number; signed: boolean } | string {
  const sized = /^([0-9]+)([ws])(.*)$/.exec(literal);
  let width: number | undefined;
  let signed = false;
  let number = literal;
  if (sized) {
    width = Number(sized[1]);
    signed = sized[2] === 's';
    number = sized[3];
    if (!Number.isSafeInteger(width)) return `integer width too large in '${literal}'`;
    if (number === '' || !isDigit(number.charCodeAt(0))) return `invalid integer literal '${literal}'`;
  }
  let base = 10;
  let digits = number;
  const prefix = number.slice(0, 2).toLowerCase();
  if (prefix === '0x') base = 16;
  else if (prefix === '0o') base = 8;
  else if (prefix === '0b') base = 2;
  else if (prefix === '0d') base = 10;
  if (base !== 10 || prefix === '0d') digits = number.slice(2);
  const clean = digits.replace(/_/g, '');
  if (clean === '' || !DIGITS_OF_BASE[base].test(digits) || digits.startsWith('_')) {
    return `invalid integer literal '${literal}'`;
  }
  const value = base === 10 ? BigInt(clean) : BigInt((base === 16 ? '0x' : base === 8 ? '0o' : '0b') + clean);
  return width === undefined ? { value, signed } : { value, width, signed };
}

/** Spec §6.4.3.4: strings may contain escaped characters; they do not span lines. */
function lexString(text: string, start: number, push: Push, diagnostics: Diagnostics, loc: Loc): number {
  let position = start + 1;
  while (position < text.length) {
    const c = text.charCodeAt(position);
    if (c === 34) {
      push('string', text.slice(start + 1, position), start, position + 1);
      return position + 1;
    }
    if (c === 10) break;
    if (c === 92 && position + 1 < text.length && text.charCodeAt(position + 1) !== 10) position += 2;
    else position++;
  }
  diagnostics.error(loc, 'unterminated string literal');
  push('string', text.slice(start + 1, position), start, position);
  return position;
}
