import type { Direction, Expr, Loc, Parameter, TypeRef } from '../ast.js';
import { BASE_TYPE_KEYWORDS, type Cursor } from './cursor.js';
import { parseAnnotations } from './annotations.js';
import { intLiteralFromToken, parseExpression } from './expressions.js';

// Types (spec §7, grammar `typeRef`, `baseType`, `specializedType`,
// `headerStackType`, `tupleType`), type parameter lists and parameter lists.

/**
 * Can the current token begin a type? With `anyName`, any identifier counts
 * (places where only a type can appear); otherwise only declared type names
 * (places where an expression could appear as well).
 */
export function startsType(cursor: Cursor, anyName: boolean, offset = 0): boolean {
  const token = cursor.peek(offset);
  if (token.kind === 'keyword') {
    return BASE_TYPE_KEYWORDS.has(token.text) || token.text === 'tuple' || token.text === 'void' || token.text === '_';
  }
  if (token.kind === 'ident') return anyName || cursor.isTypeName(token.text) || startsListType(cursor, offset);
  if (cursor.is('.', token)) {
    const next = cursor.peek(offset + 1);
    return next.kind === 'ident' && (anyName || cursor.isTypeName(next.text));
  }
  return false;
}

/**
 * `list<` begins a list type (P4_16 v1.2.4 "List types"). p4c makes `list` a
 * keyword; we recognize it only before `<` and when no type is declared
 * `list`, so that older programs naming something `list` keep working.
 */
function startsListType(cursor: Cursor, offset: number): boolean {
  return cursor.peek(offset).text === 'list' && cursor.is('<', cursor.peek(offset + 1)) && !cursor.isTypeName('list');
}

function placeholderType(loc: Loc): TypeRef {
  return { kind: 'NamedType', name: '', global: false, loc };
}

/** `typeRef`, including `void` and `_` (their validity is the checker's business). */
export function parseType(cursor: Cursor): TypeRef {
  const loc = cursor.token.loc;
  return cursor.nested(() => parseTypeInner(cursor), () => placeholderType(loc));
}

function parseTypeInner(cursor: Cursor): TypeRef {
  const token = cursor.token;
  const loc = token.loc;
  let type: TypeRef;
  if (token.kind === 'keyword' && BASE_TYPE_KEYWORDS.has(token.text)) {
    type = parseBaseType(cursor);
  } else if (cursor.is('tuple')) {
    cursor.advance();
    type = { kind: 'TupleType', elements: parseTypeArguments(cursor, true), loc };
  } else if (token.kind === 'ident' && startsListType(cursor, 0)) {
    cursor.advance();
    const args = parseTypeArguments(cursor);
    if (args.length !== 1) cursor.report(`list takes one type argument, not ${args.length}`, loc);
    type = { kind: 'ListType', element: args[0] ?? placeholderType(loc), loc };
  } else if (cursor.is('void')) {
    cursor.advance();
    return { kind: 'VoidType', loc };
  } else if (cursor.is('_')) {
    cursor.advance();
    return { kind: 'DontCareType', loc };
  } else if (token.kind === 'ident' || (cursor.is('.') && cursor.peek().kind === 'ident')) {
    const global = cursor.accept('.') !== undefined;
    const name = cursor.advance().text;
    const base = { kind: 'NamedType' as const, name, global, loc };
    type = cursor.is('<') ? { kind: 'SpecializedType', base, args: parseTypeArguments(cursor), loc } : base;
  } else {
    cursor.expected('a type');
    return placeholderType(loc);
  }
  // Spec §7.2.3: header stacks `T[n]` (each `[n]` nests the type one level deeper).
  let levels = 0;
  try {
    while (cursor.is('[') && !cursor.panic) {
      levels++;
      if (!cursor.enter()) break;
      cursor.advance();
      const size = parseExpression(cursor);
      cursor.expect(']');
      type = { kind: 'HeaderStackType', element: type, size, loc };
    }
  } finally {
    for (; levels > 0; levels--) cursor.leave();
  }
  return type;
}

/** `bit`, `bit<W>`, `int`, `int<W>`, `varbit<W>`, `bool`, `error`, `string`, `match_kind`. */
function parseBaseType(cursor: Cursor): TypeRef {
  const token = cursor.advance();
  const loc = token.loc;
  const name = token.text as 'bool' | 'error' | 'string' | 'match_kind' | 'int' | 'bit' | 'varbit';
  const signed = name === 'int';
  if ((name === 'bit' || name === 'int' || name === 'varbit') && cursor.is('<')) {
    cursor.advance();
    const width = parseWidth(cursor);
    cursor.expect('>');
    return { kind: 'BaseType', name, width, signed, loc };
  }
  if (name === 'varbit') cursor.expected("'<'");
  return { kind: 'BaseType', name, signed, loc };
}

/** Grammar: `BIT '<' INTEGER '>'` or `BIT '<' '(' expression ')' '>'`. */
function parseWidth(cursor: Cursor): Expr {
  const token = cursor.token;
  if (token.kind === 'int') {
    cursor.advance();
    return intLiteralFromToken(token);
  }
  if (cursor.is('(')) {
    cursor.advance();
    const width = parseExpression(cursor);
    cursor.expect(')');
    return width;
  }
  cursor.expected('an integer or a parenthesized expression');
  return { kind: 'IntLiteral', value: 0n, signed: false, text: '0', loc: token.loc };
}

/** `<T, U>` after a generic type; entries may be types, `_` or `void`. `tuple<>` may be empty. */
export function parseTypeArguments(cursor: Cursor, allowEmpty = false): TypeRef[] {
  const args: TypeRef[] = [];
  if (!cursor.expect('<')) return args;
  if (cursor.is('>')) {
    if (allowEmpty) cursor.advance();
    else cursor.expected('a type');
    return args;
  }
  do {
    args.push(parseType(cursor));
  } while (!cursor.panic && cursor.accept(','));
  cursor.expect('>');
  return args;
}

/** Optional `<A, B>` type parameter list of a declaration. */
export function parseTypeParameters(cursor: Cursor): string[] {
  const names: string[] = [];
  if (!cursor.accept('<')) return names;
  do {
    names.push(cursor.name('a type parameter'));
  } while (!cursor.panic && cursor.accept(','));
  cursor.expect('>');
  return names;
}

const DIRECTIONS: ReadonlySet<string> = new Set(['in', 'out', 'inout']);

/** `( [param {, param}] )` with `param: annotations [direction] type name [= default]`. */
export function parseParameters(cursor: Cursor): Parameter[] {
  const params: Parameter[] = [];
  if (!cursor.expect('(')) return params;
  if (cursor.accept(')')) return params;
  do {
    const annotations = parseAnnotations(cursor);
    const loc = cursor.token.loc;
    let direction: Direction = 'none';
    if (cursor.token.kind === 'keyword' && DIRECTIONS.has(cursor.token.text)) {
      direction = cursor.advance().text as Direction;
    }
    const type = parseType(cursor);
    const name = cursor.name('a parameter name');
    const param: Parameter = { annotations, direction, type, name, loc };
    if (cursor.accept('=')) param.defaultValue = parseExpression(cursor);
    params.push(param);
  } while (!cursor.panic && cursor.accept(','));
  cursor.expect(')');
  return params;
}
