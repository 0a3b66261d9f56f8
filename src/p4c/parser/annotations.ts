import type { Annotation, AnnotationToken, Expr, Loc } from '../ast.js';
import { Diagnostics } from '../diagnostics.js';
import type { Token } from '../lexer.js';
import { Cursor } from './cursor.js';
import { parseExpression } from './expressions.js';

// Annotations (spec §18.2): `@name`, unstructured `@name(tokens)`, structured
// `@name[expressions]` or `@name[key = value, ...]`, and the older
// `@pragma name tokens` whose body runs to the end of the line; a pragma
// becomes the annotation `@name(tokens)`, as p4c does.

export function parseAnnotations(cursor: Cursor): Annotation[] {
  const annotations: Annotation[] = [];
  while (cursor.is('@') && !cursor.panic) annotations.push(parseAnnotation(cursor));
  return annotations;
}

function isWord(token: Token): boolean {
  return token.kind === 'ident' || token.kind === 'keyword';
}

function parseAnnotation(cursor: Cursor): Annotation {
  const loc = cursor.advance().loc;
  if (!cursor.isName()) {
    cursor.expected('an annotation name');
    return { kind: 'Annotation', name: '', body: { kind: 'empty' }, loc };
  }
  const nameToken = cursor.advance();
  if (nameToken.text === 'pragma') return parsePragma(cursor, nameToken, loc);
  const name = nameToken.text;
  if (cursor.is('(')) {
    const open = cursor.advance();
    const tokens = collectBalanced(cursor, open);
    return { kind: 'Annotation', name, body: unstructuredBody(cursor, tokens), loc };
  }
  if (cursor.is('[')) {
    cursor.advance();
    return { kind: 'Annotation', name, body: parseStructuredBody(cursor), loc };
  }
  return { kind: 'Annotation', name, body: { kind: 'empty' }, loc };
}

/** `@pragma name tokens...` up to the end of the source line. */
function parsePragma(cursor: Cursor, pragma: Token, loc: Loc): Annotation {
  if (!isWord(cursor.token) || cursor.token.line !== pragma.line) {
    cursor.expected('a pragma name');
    return { kind: 'Annotation', name: '', body: { kind: 'empty' }, loc };
  }
  const name = cursor.advance().text;
  const tokens: Token[] = [];
  while (!cursor.atEnd() && cursor.token.line === pragma.line) tokens.push(cursor.advance());
  return { kind: 'Annotation', name, body: unstructuredBody(cursor, tokens), loc };
}

/** Tokens up to the `)` matching `open` (consumed); nested brackets must balance. */
function collectBalanced(cursor: Cursor, open: Token): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  while (!cursor.atEnd()) {
    if (cursor.is('(')) depth++;
    else if (cursor.is(')')) {
      if (depth === 0) {
        cursor.advance();
        return tokens;
      }
      depth--;
    }
    tokens.push(cursor.advance());
  }
  cursor.error(`unbalanced '(' in annotation`, open.loc);
  return tokens;
}

function toAnnotationToken(token: Token): AnnotationToken {
  const kind = token.kind === 'eof' ? 'punct' : token.kind;
  return { kind, text: token.text, loc: token.loc };
}

/** Keep the raw tokens; also the expressions when the tokens form an expression list. */
function unstructuredBody(cursor: Cursor, tokens: Token[]): Annotation['body'] {
  const body: Annotation['body'] = { kind: 'unstructured', tokens: tokens.map(toAnnotationToken) };
  const exprs = parseTokensAsExpressions(cursor, tokens);
  if (exprs) body.exprs = exprs;
  return body;
}

function parseTokensAsExpressions(outer: Cursor, tokens: Token[]): Expr[] | undefined {
  if (tokens.length === 0) return [];
  const last = tokens[tokens.length - 1];
  const eof: Token = { kind: 'eof', text: '', loc: last.loc, start: last.end, end: last.end, line: last.line };
  // Annotation tokens print space-separated with `>` `>` always adjacent, so
  // inside a body any two consecutive `>` read as a shift, spaced or not.
  const adjusted = tokens.map((token, index) => {
    const previous = tokens[index - 1];
    const shift = previous && previous.kind === 'punct' && previous.text === '>' && token.kind === 'punct' && token.text === '>';
    return shift ? { ...token, start: previous.end } : token;
  });
  const diagnostics = new Diagnostics(1);
  const cursor = new Cursor([...adjusted, eof], diagnostics);
  cursor.inheritTypeNames(outer);
  const exprs: Expr[] = [];
  do {
    exprs.push(parseExpression(cursor));
  } while (!cursor.panic && cursor.accept(','));
  return diagnostics.hasErrors() || cursor.panic || !cursor.atEnd() ? undefined : exprs;
}

/** `[e1, e2, ...]` or `[k1 = e1, ...]`; the `[` is already consumed. */
function parseStructuredBody(cursor: Cursor): Annotation['body'] {
  if (cursor.accept(']')) return { kind: 'expressionList', exprs: [] };
  const isKeyValue = isWord(cursor.token) && cursor.is('=', cursor.peek());
  if (isKeyValue) {
    const pairs: { key: string; value: Expr; loc: Loc }[] = [];
    do {
      if (cursor.is(']')) break; // trailing comma
      const loc = cursor.token.loc;
      if (!isWord(cursor.token)) {
        cursor.expected('a key');
        break;
      }
      const key = cursor.advance().text;
      cursor.expect('=');
      pairs.push({ key, value: parseExpression(cursor), loc });
    } while (!cursor.panic && cursor.accept(','));
    cursor.expect(']');
    return { kind: 'kvList', pairs };
  }
  const exprs: Expr[] = [];
  do {
    if (cursor.is(']')) break; // trailing comma
    exprs.push(parseExpression(cursor));
  } while (!cursor.panic && cursor.accept(','));
  cursor.expect(']');
  return { kind: 'expressionList', exprs };
}
