import type { Argument, BinaryOp, Expr, IntLiteral, Keyset, Loc, TypeRef, UnaryOp } from '../ast.js';
import type { Token } from '../lexer.js';
import type { Cursor } from './cursor.js';
import { parseType, parseTypeArguments, startsType } from './types.js';

// Expressions with P4's precedence (spec §8 and the grammar's precedence
// table, loosest first): `?:`, `||`, `&&`, `==` `!=`, `<` `>` `<=` `>=`, `|`,
// `^`, `&`, `<<` `>>`, `++` `+` `-` `|+|` `|-|`, `*` `/` `%`, prefix operators
// and casts, then postfix `[]` `()` `.`. All binary operators are left
// associative. Note that unlike C, `&` `^` `|` bind tighter than comparisons.

const BINARY_PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3, '!=': 3,
  '<': 4, '>': 4, '<=': 4, '>=': 4,
  '|': 5,
  '^': 6,
  '&': 7,
  '<<': 8, '>>': 8,
  '++': 9, '+': 9, '-': 9, '|+|': 9, '|-|': 9,
  '*': 10, '/': 10, '%': 10,
};

export function intLiteralFromToken(token: Token): IntLiteral {
  const literal: IntLiteral = { kind: 'IntLiteral', value: token.value ?? 0n, signed: token.signed ?? false, text: token.text, loc: token.loc };
  if (token.width !== undefined) literal.width = token.width;
  return literal;
}

function invalidExpr(loc: Loc): Expr {
  return { kind: 'Path', name: '', global: false, loc };
}

export function parseExpression(cursor: Cursor): Expr {
  const loc = cursor.token.loc;
  return cursor.nested(() => parseTernary(cursor), () => invalidExpr(loc));
}

/** `c ? a : b`, right associative so `a ? b : c ? d : e` groups to the right. */
function parseTernary(cursor: Cursor): Expr {
  const cond = parseBinary(cursor, 1);
  if (!cursor.is('?')) return cond;
  cursor.advance();
  const then = parseExpression(cursor);
  cursor.expect(':');
  const otherwise = parseExpression(cursor);
  return { kind: 'Ternary', cond, then, else: otherwise, loc: cond.loc };
}

/**
 * The binary operator at the cursor, if any. `>>` is two adjacent `>` tokens
 * so that `bit<8>>` closes two type argument lists (grammar's `r_angle` trick).
 */
function binaryOperatorAt(cursor: Cursor): { op: BinaryOp; tokens: number } | undefined {
  const token = cursor.token;
  if (token.kind !== 'punct') return undefined;
  if (token.text === '>') {
    const next = cursor.peek();
    if (next.kind === 'punct' && next.text === '>' && next.start === token.end) return { op: '>>', tokens: 2 };
    // `>` `>=` adjacent is the compound assignment `>>=`, not a comparison.
    if (next.kind === 'punct' && next.text === '>=' && next.start === token.end) return undefined;
  }
  // `+:` in `e[lo +: width]` is not an addition.
  if (token.text === '+' && cursor.is(':', cursor.peek())) return undefined;
  return token.text in BINARY_PRECEDENCE ? { op: token.text as BinaryOp, tokens: 1 } : undefined;
}

/** Precedence climbing over the left-associative binary levels. */
function parseBinary(cursor: Cursor, minimum: number): Expr {
  let left = parseUnary(cursor);
  // Each operator in a left-associative chain deepens the tree by one level.
  let levels = 0;
  try {
    for (;;) {
      const operator = binaryOperatorAt(cursor);
      if (!operator || cursor.panic) return left;
      const precedence = BINARY_PRECEDENCE[operator.op];
      if (precedence < minimum) return left;
      levels++;
      if (!cursor.enter()) return left;
      cursor.index += operator.tokens;
      const right = cursor.nested(() => parseBinary(cursor, precedence + 1), () => invalidExpr(left.loc));
      left = { kind: 'Binary', op: operator.op, left, right, loc: left.loc };
    }
  } finally {
    for (; levels > 0; levels--) cursor.leave();
  }
}

const UNARY: ReadonlySet<string> = new Set(['!', '~', '-', '+']);

function parseUnary(cursor: Cursor): Expr {
  const token = cursor.token;
  if (token.kind === 'punct' && UNARY.has(token.text)) {
    cursor.advance();
    const expr = cursor.nested(() => parseUnary(cursor), () => invalidExpr(token.loc));
    return { kind: 'Unary', op: token.text as UnaryOp, expr, loc: token.loc };
  }
  if (cursor.is('(')) {
    const cast = tryCast(cursor);
    if (cast) return cast;
  }
  return parsePostfix(cursor);
}

/** Grammar: `'(' typeRef ')' expression %prec PREFIX`; only when `(` is followed by a type. */
function tryCast(cursor: Cursor): Expr | undefined {
  if (!startsType(cursor, false, 1)) return undefined;
  const loc = cursor.token.loc;
  const type = cursor.speculate(
    'cast',
    () => {
      cursor.advance();
      const type = parseType(cursor);
      cursor.expect(')');
      return type;
    },
    () => true,
  );
  if (!type) return undefined;
  const expr = cursor.nested(() => parseUnary(cursor), () => invalidExpr(loc));
  return { kind: 'Cast', type, expr, loc };
}

function parsePostfix(cursor: Cursor): Expr {
  let levels = 0;
  try {
    let expr = parsePrimary(cursor);
    while (!cursor.panic && isPostfixContinuation(cursor, expr)) {
      // Each postfix operation deepens the tree by one level.
      levels++;
      if (!cursor.enter()) return expr;
      const next = parsePostfixOperation(cursor, expr);
      if (next === undefined) return expr;
      expr = next;
    }
    return expr;
  } finally {
    for (; levels > 0; levels--) cursor.leave();
  }
}

function isPostfixContinuation(cursor: Cursor, expr: Expr): boolean {
  return cursor.is('.') || cursor.is('[') || cursor.is('(') || (cursor.is('<') && (expr.kind === 'Path' || expr.kind === 'Member'));
}

/** One `.m`, `[i]`, `[h:l]`, `(args)` or `<T>(args)` after `expr`; undefined when none applies. */
function parsePostfixOperation(cursor: Cursor, expr: Expr): Expr | undefined {
  const loc = expr.loc;
  if (cursor.accept('.')) {
    const token = cursor.token;
    if (token.kind !== 'ident' && token.kind !== 'keyword') {
      cursor.expected('a member name');
      return expr;
    }
    cursor.advance();
    return { kind: 'Member', expr, member: token.text, loc };
  }
  if (cursor.accept('[')) {
    const index = parseExpression(cursor);
    if (cursor.is('+') && cursor.is(':', cursor.peek())) {
      cursor.index += 2;
      const width = parseExpression(cursor);
      cursor.expect(']');
      return { kind: 'PlusSlice', expr, lo: index, width, loc };
    }
    if (cursor.accept(':')) {
      const lo = parseExpression(cursor);
      cursor.expect(']');
      return { kind: 'Slice', expr, hi: index, lo, loc };
    }
    cursor.expect(']');
    return { kind: 'Index', expr, index, loc };
  }
  if (cursor.is('(')) return { kind: 'Call', callee: expr, typeArgs: [], args: parseArguments(cursor), loc };
  if (cursor.is('<') && startsType(cursor, false, 1)) {
    const typeArgs = tryTypeArgumentsBeforeCall(cursor);
    if (typeArgs) return { kind: 'Call', callee: expr, typeArgs, args: parseArguments(cursor), loc };
  }
  return undefined;
}

/** `f<T>(...)`: only a type list closed by `>` and followed by `(` (else `<` is less-than). */
function tryTypeArgumentsBeforeCall(cursor: Cursor): TypeRef[] | undefined {
  return cursor.speculate(
    'typeArguments',
    () => parseTypeArguments(cursor),
    () => cursor.is('('),
  );
}

function parsePrimary(cursor: Cursor): Expr {
  const token = cursor.token;
  const loc = token.loc;
  switch (token.kind) {
    case 'int':
      cursor.advance();
      return intLiteralFromToken(token);
    case 'string':
      cursor.advance();
      return { kind: 'StringLiteral', value: token.text, loc };
    case 'ident':
      cursor.advance();
      return { kind: 'Path', name: token.text, global: false, loc };
    case 'keyword':
      return parseKeywordPrimary(cursor, token);
    case 'punct':
      if (token.text === '...') {
        // Spec v1.2.2 "Initializing with default values": `T x = ...;` is `{...}`.
        cursor.advance();
        return { kind: 'List', elements: [], dots: true, bare: true, loc };
      }
      if (token.text === '.') {
        const next = cursor.peek();
        if (cursor.isName(next)) {
          cursor.index += 2;
          return { kind: 'Path', name: next.text, global: true, loc };
        }
      } else if (token.text === '(') {
        cursor.advance();
        const inner = parseExpression(cursor);
        cursor.expect(')');
        return inner;
      } else if (token.text === '{') {
        return parseBraceExpression(cursor);
      }
      break;
    case 'eof':
      break;
  }
  cursor.expected('an expression');
  return invalidExpr(loc);
}

function parseKeywordPrimary(cursor: Cursor, token: Token): Expr {
  const loc = token.loc;
  switch (token.text) {
    case 'true':
    case 'false':
      cursor.advance();
      return { kind: 'BoolLiteral', value: token.text === 'true', loc };
    case 'this':
    case 'error':
      // `error.X` is a member of the error namespace; `this` names the enclosing instance.
      if (token.text === 'this' || cursor.is('.', cursor.peek())) {
        cursor.advance();
        return { kind: 'Path', name: token.text, global: false, loc };
      }
      break;
    case '_':
      cursor.advance();
      return { kind: 'DontCare', loc };
  }
  if (cursor.isName(token)) {
    cursor.advance();
    return { kind: 'Path', name: token.text, global: false, loc };
  }
  if (startsType(cursor, false)) {
    return { kind: 'TypeName', type: parseType(cursor), loc };
  }
  cursor.expected('an expression');
  return invalidExpr(loc);
}

/** `{#}`, `{}`, `{ e, ... }`, `{ f = e, ... }`, each optionally ending in `...`. */
function parseBraceExpression(cursor: Cursor): Expr {
  const loc = cursor.advance().loc;
  if (cursor.is('#') && cursor.is('}', cursor.peek())) {
    cursor.index += 2;
    return { kind: 'Invalid', loc };
  }
  const isStruct = cursor.isName() && cursor.is('=', cursor.peek());
  let dots = false;
  if (isStruct) {
    const fields: { name: string; value: Expr; loc: Loc }[] = [];
    while (!cursor.is('}') && !cursor.atEnd() && !cursor.panic) {
      if (cursor.accept('...')) {
        dots = true;
        break;
      }
      const fieldLoc = cursor.token.loc;
      const name = cursor.name('a field name');
      cursor.expect('=');
      fields.push({ name, value: parseExpression(cursor), loc: fieldLoc });
      if (!cursor.accept(',')) break;
    }
    cursor.expect('}');
    return { kind: 'StructExpr', fields, dots, loc };
  }
  const elements: Expr[] = [];
  while (!cursor.is('}') && !cursor.atEnd() && !cursor.panic) {
    if (cursor.accept('...')) {
      dots = true;
      break;
    }
    elements.push(parseExpression(cursor));
    if (!cursor.accept(',')) break;
  }
  cursor.expect('}');
  return { kind: 'List', elements, dots, loc };
}

/** `( [argument {, argument}] )`; an argument is `e`, `name = e`, `_` or `name = _`. */
export function parseArguments(cursor: Cursor): Argument[] {
  const args: Argument[] = [];
  if (!cursor.expect('(')) return args;
  if (cursor.accept(')')) return args;
  do {
    const loc = cursor.token.loc;
    const token = cursor.token;
    const isNamed = (token.kind === 'ident' || token.kind === 'keyword') && cursor.is('=', cursor.peek());
    if (isNamed) {
      cursor.index += 2;
      args.push({ kind: 'Argument', name: token.text, value: parseExpression(cursor), loc });
    } else {
      args.push({ kind: 'Argument', value: parseExpression(cursor), loc });
    }
  } while (!cursor.panic && cursor.accept(','));
  cursor.expect(')');
  return args;
}

// ------------------------------------------------------------------ keysets

/** `keysetExpression`: a simple keyset or a parenthesized tuple of them (spec §13.6). */
export function parseKeyset(cursor: Cursor): Keyset {
  if (cursor.is('(') && parenthesizedKeysetIsTuple(cursor)) {
    const loc = cursor.advance().loc;
    const elements: Keyset[] = [];
    do {
      elements.push(parseSimpleKeyset(cursor));
    } while (!cursor.panic && cursor.accept(','));
    cursor.expect(')');
    // Grammar: `'(' reducedSimpleKeysetExpression ')'` is the keyset itself, not a 1-tuple.
    return elements.length === 1 && elements[0].kind !== 'KeysetExpr' ? elements[0] : { kind: 'Tuple', elements, loc };
  }
  return parseSimpleKeyset(cursor);
}

/**
 * Looks inside `( ... )`: a top-level `,`, `&&&`, `..`, or a leading
 * `default`/`_` makes it a keyset list; otherwise it is a parenthesized expression.
 */
function parenthesizedKeysetIsTuple(cursor: Cursor): boolean {
  const first = cursor.peek(1);
  if (cursor.is('default', first) || cursor.is('_', first)) return true;
  let depth = 0;
  for (let offset = 1; ; offset++) {
    const token = cursor.peek(offset);
    // A keyset never contains `;`: stopping there keeps error recovery linear.
    if (token.kind === 'eof' || cursor.is(';', token)) return false;
    if (token.kind !== 'punct') continue;
    if (token.text === '(' || token.text === '[' || token.text === '{') depth++;
    else if (token.text === ')' || token.text === ']' || token.text === '}') {
      if (depth === 0) return false;
      depth--;
    } else if (depth === 0 && (token.text === ',' || token.text === '&&&' || token.text === '..')) return true;
  }
}

/** `default`, `_`, `e`, `e &&& mask`, `lo .. hi`. */
export function parseSimpleKeyset(cursor: Cursor): Keyset {
  const loc = cursor.token.loc;
  if (cursor.accept('default')) return { kind: 'Default', loc };
  if (cursor.accept('_')) return { kind: 'DontCareKey', loc };
  const expr = parseExpression(cursor);
  if (cursor.accept('&&&')) return { kind: 'Mask', value: expr, mask: parseExpression(cursor), loc };
  if (cursor.accept('..')) return { kind: 'Range', lo: expr, hi: parseExpression(cursor), loc };
  return { kind: 'KeysetExpr', expr, loc };
}
