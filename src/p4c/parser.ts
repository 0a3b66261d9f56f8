import type { Program } from './ast.js';
import type { Diagnostics } from './diagnostics.js';
import { lex, type PreprocessedSource } from './lexer.js';
import { Cursor } from './parser/cursor.js';
import { parseDeclarations } from './parser/declarations.js';

// P4_16 parser entry points (spec v1.2.4, Appendix "P4 grammar"). A
// hand-written recursive-descent parser over the lexer's tokens:
//  - Type names declared so far (and type parameters in scope) decide the
//    grammar's TYPE_IDENTIFIER/IDENTIFIER split: `T x;` is a declaration and
//    `f<T>(x)` a call with type arguments only when T names a type.
//  - `>>` is two adjacent `>` tokens, so nested type argument lists close.
//  - Syntax errors are diagnostics (`expected X, found Y`); the parser skips
//    to the next `;` or `}` at the right depth and continues, stops at the
//    sink's maxErrors, limits nesting to MAX_NESTING levels and never throws.
//  - Node locations are those of the construct's first token after its
//    annotations (annotations carry their own locations).

export type { PreprocessedSource } from './lexer.js';

export function parseProgram(source: PreprocessedSource, diagnostics: Diagnostics): Program {
  const tokens = lex(source, diagnostics);
  const cursor = new Cursor(tokens, diagnostics);
  return { kind: 'Program', declarations: parseDeclarations(cursor) };
}

/** Parses text that needs no preprocessing; every line maps to itself in `file`. */
export function parseText(text: string, file: string, diagnostics: Diagnostics): Program {
  return parseProgram(identitySource(text, file), diagnostics);
}

/** A PreprocessedSource whose line i comes from line i + 1 of `file`. */
export function identitySource(text: string, file: string): PreprocessedSource {
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  const lineOrigins = new Array<{ file: string; line: number }>(lines);
  for (let i = 0; i < lines; i++) lineOrigins[i] = { file, line: i + 1 };
  return { text, lineOrigins };
}
