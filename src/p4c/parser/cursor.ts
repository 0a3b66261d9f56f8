import type { Loc } from '../ast.js';
import { Diagnostics } from '../diagnostics.js';
import type { Token } from '../lexer.js';

// The parser's shared state: the token stream, the scopes of type names (the
// spec's grammar tells TYPE_IDENTIFIER from IDENTIFIER by what was declared so
// far, Appendix "P4 grammar"), error reporting with panic-mode recovery, and a
// nesting limit so deep inputs give a diagnostic instead of a stack overflow.

export const MAX_NESTING = 500;

/** Keywords the grammar also accepts as names (`nonTypeName`, spec v1.2.4 Appendix). */
export const SOFT_KEYWORDS: ReadonlySet<string> = new Set([
  'apply', 'key', 'actions', 'state', 'entries', 'type', 'priority',
]);

/** Keywords that begin a base type (`baseType` in the grammar). */
export const BASE_TYPE_KEYWORDS: ReadonlySet<string> = new Set([
  'bool', 'error', 'string', 'match_kind', 'int', 'bit', 'varbit',
]);

export class Cursor {
  index = 0;
  /** Set after an error until the enclosing list resynchronizes; silences cascades. */
  panic = false;
  /** Set when the nesting limit was hit: the rest of the input is skipped. */
  aborted = false;
  private depth = 0;
  /** Token index of the last reported error. */
  private errorIndex = -1;
  private typeScopes: Set<string>[] = [new Set()];

  constructor(
    readonly tokens: Token[],
    public diagnostics: Diagnostics,
  ) {}

  get token(): Token {
    return this.tokens[this.index];
  }

  peek(offset = 1): Token {
    const at = Math.min(this.index + offset, this.tokens.length - 1);
    return this.tokens[at];
  }

  atEnd(): boolean {
    return this.token.kind === 'eof';
  }

  advance(): Token {
    const token = this.token;
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  /** True when the current token is the punctuation or keyword `text`. */
  is(text: string, token: Token = this.token): boolean {
    return token.text === text && (token.kind === 'punct' || token.kind === 'keyword');
  }

  accept(text: string): Token | undefined {
    return this.is(text) ? this.advance() : undefined;
  }

  expect(text: string): Token | undefined {
    if (this.is(text)) return this.advance();
    this.expected(`'${text}'`);
    return undefined;
  }

  /** `expected X, found Y` at the current token. */
  expected(what: string): void {
    this.error(`expected ${what}, found ${describe(this.token)}`);
  }

  /** An error that needs no recovery: the construct parsed fine but is not allowed where it is. */
  report(message: string, loc: Loc): void {
    if (!this.aborted) this.diagnostics.error(loc, message);
  }

  error(message: string, loc: Loc = this.token.loc): void {
    if (this.panic || this.aborted) return;
    this.panic = true;
    // Nested lists all failing at one token (typically end of file) report it once.
    if (this.index === this.errorIndex) return;
    this.errorIndex = this.index;
    this.diagnostics.error(loc, message);
  }

  /** Is the token usable as a `name` (identifier, type identifier or soft keyword)? */
  isName(token: Token = this.token): boolean {
    return token.kind === 'ident' || (token.kind === 'keyword' && SOFT_KEYWORDS.has(token.text));
  }

  /** Consumes a name or reports `expected name`; returns '' on error. */
  name(what = 'a name'): string {
    if (this.isName()) return this.advance().text;
    this.expected(what);
    return '';
  }

  // ---------------------------------------------------------- type names

  isTypeName(name: string): boolean {
    for (let i = this.typeScopes.length - 1; i >= 0; i--) if (this.typeScopes[i].has(name)) return true;
    return false;
  }

  /** Type declarations are all top level (spec §7.2), so they enter the outermost scope. */
  declareType(name: string): void {
    if (name !== '') this.typeScopes[0].add(name);
  }

  /** Shares the type names of another cursor (sub-parses of annotation bodies). */
  inheritTypeNames(other: Cursor): void {
    this.typeScopes = other.typeScopes;
  }

  /** Type parameters are visible inside their declaration only. */
  pushTypeParams(names: string[]): void {
    this.typeScopes.push(new Set(names));
  }

  popTypeParams(): void {
    if (this.typeScopes.length > 1) this.typeScopes.pop();
  }

  // ------------------------------------------------------------- nesting

  /** Call on entering a recursive rule; false when the nesting limit is hit. */
  enter(): boolean {
    this.depth++;
    if (this.depth > MAX_NESTING && !this.aborted) {
      this.panic = false;
      this.error(`nesting deeper than ${MAX_NESTING} levels`);
      this.aborted = true;
      this.index = this.tokens.length - 1;
    }
    return !this.aborted;
  }

  leave(): void {
    this.depth--;
  }

  /** Runs a recursive rule under the nesting limit; `fallback` when the limit is hit. */
  nested<T>(parse: () => T, fallback: () => T): T {
    if (!this.enter()) {
      this.leave();
      return fallback();
    }
    try {
      return parse();
    } finally {
      this.leave();
    }
  }

  // ------------------------------------------------------------ recovery

  /**
   * Panic-mode recovery: skip to just after the next `;` or the `}` closing a
   * block opened while skipping, or to an unmatched `}` (left for the caller).
   */
  synchronize(): void {
    // Already past a `;` or `}` consumed after the error: the item ended there.
    const previous = this.tokens[this.index - 1];
    if (this.index > this.errorIndex && previous && (this.is(';', previous) || this.is('}', previous))) {
      this.panic = false;
      return;
    }
    let braces = 0;
    while (!this.atEnd()) {
      const token = this.token;
      if (this.is('{', token)) braces++;
      else if (this.is('}', token)) {
        if (braces === 0) break;
        braces--;
        if (braces === 0) {
          this.advance();
          this.accept(';');
          break;
        }
      } else if (this.is(';', token) && braces === 0) {
        this.advance();
        break;
      }
      this.advance();
    }
    this.panic = false;
  }

  /** Runs one list element and recovers if it failed; always makes progress. */
  listItem(parseItem: () => void): void {
    const before = this.index;
    const reported = this.errorIndex;
    parseItem();
    if (this.panic) this.synchronize();
    if (this.index === before && !this.atEnd()) {
      if (this.errorIndex === reported) this.expected('a declaration or statement');
      this.advance();
      this.panic = false;
    }
  }

  /** Should a list loop stop (closing brace, end of input, too many errors)? */
  stopList(closing = '}'): boolean {
    return this.atEnd() || this.aborted || this.is(closing) || this.diagnostics.saturated();
  }

  /** Outcomes of earlier attempts by kind and start token: re-parsing after a failed outer attempt stays linear. */
  private readonly attempts = new Map<string, { result: unknown; end: number } | null>();

  /**
   * Runs `attempt` without reporting; keeps its result only if it reported
   * nothing and `accepts` agrees, otherwise rewinds. Used for the grammar's
   * two real ambiguities (casts and explicit type arguments). Outcomes are
   * memoized per `kind` and position, since nested failed attempts would
   * otherwise re-parse the same tokens exponentially often.
   */
  speculate<T>(kind: string, attempt: () => T, accepts: (result: T) => boolean): T | undefined {
    const key = `${kind}@${this.index}`;
    const known = this.attempts.get(key);
    if (known === null) return undefined;
    if (known) {
      this.index = known.end;
      return known.result as T;
    }
    const saved = { index: this.index, panic: this.panic, diagnostics: this.diagnostics, aborted: this.aborted, errorIndex: this.errorIndex };
    this.diagnostics = new Diagnostics(1);
    this.panic = false;
    let result: T | undefined;
    try {
      result = attempt();
      if (this.diagnostics.hasErrors() || this.aborted || !accepts(result)) result = undefined;
    } finally {
      this.diagnostics = saved.diagnostics;
      this.panic = saved.panic;
      this.errorIndex = saved.errorIndex;
    }
    if (this.aborted && !saved.aborted) {
      // The nesting limit is a real error even inside an attempt.
      this.diagnostics.error(this.tokens[saved.index].loc, `nesting deeper than ${MAX_NESTING} levels`);
      this.index = this.tokens.length - 1;
      return undefined;
    }
    this.attempts.set(key, result === undefined ? null : { result, end: this.index });
    if (result === undefined) this.index = saved.index;
    return result;
  }
}

export function describe(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'end of file';
    case 'string':
      return `"${token.text}"`;
    default:
      return `'${token.text}'`;
  }
}
