// Preprocessing tokens (C11 §6.4 "pp-tokens") as the C preprocessor that p4c
// runs sees them, extended with the P4_16 punctuators (`&&&`, `|+|`, `|-|`,
// `..`) so that `##` can paste them and spacing decisions keep them whole.
// P4 has no character literals, so `'` is an ordinary character here.

export type PpTokenKind = 'identifier' | 'number' | 'string' | 'punctuator' | 'other' | 'placemarker';

export interface PpToken {
  kind: PpTokenKind;
  text: string;
  /** Whitespace (or a comment) came before this token in its source; printed as one space. */
  spaceBefore: boolean;
  /** Logical line index (within the block being expanded) and 0-based column of the token,
   *  or of the macro invocation that produced it. */
  row: number;
  col: number;
  /** Which text produced the token: 0 for the input, a fresh number for each macro body
   *  substitution. Tokens from different sources get a space between them if they would
   *  otherwise lex as one token (the "avoid paste" rule of cpp output). */
  source: number;
  /** Macro names this token may no longer expand to (C11 §6.10.3.4p2); undefined: none. */
  hidden?: HideSet;
}

/** Builds a token; every token has the same fields in the same order, which keeps
 *  property access monomorphic on the hot expansion paths. */
export function makeToken(
  kind: PpTokenKind,
  text: string,
  spaceBefore: boolean,
  row: number,
  col: number,
  source: number,
  hidden: HideSet | undefined,
): PpToken {
  return { kind, text, spaceBefore, row, col, source, hidden };
}

/**
 * An interned set of macro names. Expansions copy hide sets onto every token
 * they produce; interning makes that a pointer copy, so a deep expansion does
 * not allocate one Set per token. Sets are interned per preprocessing run
 * (all reachable from one `empty()` root), which also counts the entries all
 * its sets hold: a chain of thousands of nested macros makes sets of thousands
 * of names each, and the count lets the expander stop before memory runs out.
 */
export class HideSet {
  private readonly children = new Map<string, HideSet>();
  /** On the root: entries held by all sets of the run. */
  private allocated = 0;

  private constructor(
    readonly names: ReadonlySet<string>,
    private readonly root: HideSet | undefined,
  ) {}

  static empty(): HideSet {
    return new HideSet(new Set(), undefined);
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  with(name: string): HideSet {
    if (this.names.has(name)) return this;
    let child = this.children.get(name);
    if (child === undefined) {
      const root = this.root ?? this;
      child = new HideSet(new Set([...this.names, name]), root);
      root.allocated += child.names.size;
      this.children.set(name, child);
    }
    return child;
  }

  union(other: HideSet): HideSet {
    if (other === this) return this;
    let result: HideSet = this;
    for (const name of other.names) result = result.with(name);
    return result;
  }

  intersection(other: HideSet | undefined): HideSet {
    if (other === this) return this;
    let result = this.root ?? this;
    if (other === undefined) return result;
    for (const name of this.names) if (other.has(name)) result = result.with(name);
    return result;
  }

  /** Entries held by all sets of this run. */
  entries(): number {
    return (this.root ?? this).allocated;
  }
}

// Longest first: the tokenizer takes the first prefix that matches.
const PUNCTUATORS: readonly string[] = [
  '...', '<<=', '>>=', '&&&', '|+|', '|-|',
  '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '*=', '/=', '%=', '+=', '-=',
  '&=', '^=', '|=', '##', '..', '::',
];
const SINGLE_PUNCTUATORS = new Set('[](){}.&*+-~!/%<>^|?:;=,#@');

export function isIdentifierStart(character: string): boolean {
  return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') || character === '_';
}

export function isIdentifierPart(character: string): boolean {
  return isIdentifierStart(character) || isDigit(character);
}

export function isDigit(character: string): boolean {
  return character >= '0' && character <= '9';
}

/** Blanks between tokens; cpp also ignores NUL characters there. */
function isSpace(character: string): boolean {
  return (
    character === ' ' || character === '\t' || character === '\f' || character === '\v' || character === '\r' || character === '\n' || character === '\0'
  );
}

/** Splits one logical line (comments already blanked) into pp-tokens. Never fails: any
 *  character that starts no other token is a one-character `other` token.
 *  `startsAfterSpace`: the line follows a newline that separates it from earlier tokens. */
export function tokenizeLine(text: string, row: number, source = 0, startsAfterSpace = false): PpToken[] {
  const tokens: PpToken[] = [];
  let position = 0;
  let spaceBefore = startsAfterSpace;
  while (position < text.length) {
    const character = text[position];
    if (isSpace(character)) {
      spaceBefore = true;
      position++;
      continue;
    }
    const length = tokenLength(text, position);
    tokens.push(makeToken(tokenKind(text, position), text.slice(position, position + length), spaceBefore, row, position, source, undefined));
    position += length;
    spaceBefore = false;
  }
  return tokens;
}

function tokenKind(text: string, position: number): PpTokenKind {
  const character = text[position];
  if (isIdentifierStart(character)) return 'identifier';
  if (isDigit(character) || (character === '.' && isDigit(text[position + 1] ?? ''))) return 'number';
  if (character === '"') return 'string';
  if (SINGLE_PUNCTUATORS.has(character)) return 'punctuator';
  return 'other';
}

/** Length of the token starting at `position` (which is not whitespace). */
function tokenLength(text: string, position: number): number {
  const character = text[position];
  let end = position + 1;
  if (isIdentifierStart(character)) {
    while (end < text.length && isIdentifierPart(text[end])) end++;
    return end - position;
  }
  if (isDigit(character) || (character === '.' && isDigit(text[position + 1] ?? ''))) {
    // C11 §6.4.8 pp-number: digits, letters, `_`, `.`, and a sign after e/E/p/P.
    while (end < text.length) {
      const next = text[end];
      if ((next === '+' || next === '-') && 'eEpP'.includes(text[end - 1])) end++;
      else if (isIdentifierPart(next) || next === '.') end++;
      else break;
    }
    return end - position;
  }
  if (character === '"') {
    // A string ends at its closing quote or, unterminated, at the end of the line; the
    // P4 lexer reports unterminated strings, the preprocessor only must not expand inside.
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    return Math.min(end + 1, text.length) - position;
  }
  for (const punctuator of PUNCTUATORS) {
    if (text.startsWith(punctuator, position)) return punctuator.length;
  }
  return 1;
}

/** True when `text` lexes as exactly one pp-token (the requirement on a `##` result, C11 §6.10.3.3p3). */
export function isSingleToken(text: string): boolean {
  if (text.length === 0 || isSpace(text[0])) return false;
  return tokenLength(text, 0) === text.length;
}

function isWordCharacter(character: string): boolean {
  return isIdentifierPart(character) || character === '.';
}

const OPERATOR_CHARACTERS = new Set('+-*/%<>=!&|^.#:');

/** Whether printing `left` immediately before `right` could merge them into another token.
 *  Conservative (a spare space is harmless to the P4 lexer, a merged token is not). */
export function wouldPaste(left: string, right: string): boolean {
  if (left === '' || right === '') return false;
  const last = left[left.length - 1];
  const first = right[0];
  if (isWordCharacter(last) && isWordCharacter(first)) return true;
  return OPERATOR_CHARACTERS.has(last) && OPERATOR_CHARACTERS.has(first);
}

/** Prints tokens as cpp does: one space where the source had whitespace, plus a space
 *  between tokens of different sources that would otherwise merge. */
export function spell(tokens: readonly PpToken[]): string {
  let out = '';
  let previous: PpToken | undefined;
  for (const token of tokens) {
    if (token.kind === 'placemarker') continue;
    if (previous !== undefined) {
      if (token.spaceBefore) out += ' ';
      else if (token.source !== previous.source && wouldPaste(previous.text, token.text)) out += ' ';
    }
    out += token.text;
    previous = token;
  }
  return out;
}

/** C11 §6.10.3.2p2: the `#` operator's string literal; `"` and `\` inside string
 *  literals are escaped, whitespace between tokens becomes one space. */
export function stringize(tokens: readonly PpToken[]): string {
  let out = '"';
  let first = true;
  for (const token of tokens) {
    if (token.kind === 'placemarker') continue;
    if (!first && token.spaceBefore) out += ' ';
    out += token.kind === 'string' ? token.text.replace(/[\\"]/g, (special) => '\\' + special) : token.text;
    first = false;
  }
  return out + '"';
}
