import type {
  Annotation, AssignmentStatement, BinaryOp, BlockStatement, ConstantDeclaration, EmptyStatement, Expr, Loc, MethodCallStatement,
  Statement, SwitchCase, TypeRef, VariableDeclaration,
} from '../ast.js';
import type { Cursor } from './cursor.js';
import { parseAnnotations } from './annotations.js';
import { parseExpression } from './expressions.js';
import { parseType, startsType } from './types.js';
import { parseFor } from './loops.js';
import { parseInstantiationRest } from './declarations.js';

// Statements (spec §12) and the declarations that may appear among them
// (`statementOrDeclaration`: variables and constants).

/** `{ statementOrDeclaration* }`, the `{` at the cursor. */
export function parseBlock(cursor: Cursor, annotations: Annotation[] = []): BlockStatement {
  const loc = cursor.token.loc;
  const statements: Statement[] = [];
  if (!cursor.expect('{')) return { kind: 'Block', annotations, statements, loc };
  parseStatementList(cursor, statements, () => false);
  cursor.expect('}');
  return { kind: 'Block', annotations, statements, loc };
}

/** Statements until `}` (not consumed) or until `stop()` says so (parser states stop at `transition`). */
export function parseStatementList(cursor: Cursor, into: Statement[], stop: () => boolean): void {
  while (!cursor.stopList() && !stop()) {
    cursor.listItem(() => {
      const statement = parseStatement(cursor);
      if (statement) into.push(statement);
    });
  }
}

export function parseStatement(cursor: Cursor): Statement | undefined {
  const loc = cursor.token.loc;
  return cursor.nested(() => parseStatementInner(cursor), () => ({ kind: 'Empty', loc }));
}

function parseStatementInner(cursor: Cursor): Statement | undefined {
  const annotations = parseAnnotations(cursor);
  const token = cursor.token;
  const loc = token.loc;
  if (token.kind === 'punct') {
    if (token.text === '{') return parseBlock(cursor, annotations);
    if (token.text === ';') {
      cursor.advance();
      return { kind: 'Empty', loc };
    }
  }
  if (token.kind === 'keyword') {
    switch (token.text) {
      case 'const':
        return parseConstant(cursor, annotations);
      case 'if':
        return parseIf(cursor);
      case 'switch':
        return parseSwitch(cursor);
      case 'for':
        return parseFor(cursor, annotations);
      case 'break':
      case 'continue':
        cursor.advance();
        cursor.expect(';');
        return { kind: token.text === 'break' ? 'Break' : 'Continue', loc };
      case 'exit':
        cursor.advance();
        cursor.expect(';');
        return { kind: 'Exit', loc };
      case 'return': {
        cursor.advance();
        if (cursor.accept(';')) return { kind: 'Return', loc };
        const value = parseExpression(cursor);
        cursor.expect(';');
        return { kind: 'Return', value, loc };
      }
    }
  }
  if (startsDeclaration(cursor)) return parseVariableOrInstantiation(cursor, annotations);
  return parseAssignmentOrCall(cursor, annotations, loc);
}

/**
 * At a statement start, does a type (hence a declaration) begin here? Yes for
 * base types and declared type names (unless followed by `.`, as in
 * `T.apply()`), and for `X y` where two names follow each other.
 */
export function startsDeclaration(cursor: Cursor): boolean {
  const token = cursor.token;
  const next = cursor.peek();
  if (token.kind === 'ident') {
    if (cursor.isName(next)) return true;
    return cursor.isTypeName(token.text) && !cursor.is('.', next) && !cursor.is('=', next);
  }
  if (cursor.is('error') && cursor.is('.', next)) return false;
  if (cursor.is('.')) return startsType(cursor, false) && !cursor.is('.', cursor.peek(2));
  return token.kind === 'keyword' && startsType(cursor, false) && token.text !== '_' && token.text !== 'void';
}

/** `const T name = e;` */
export function parseConstant(cursor: Cursor, annotations: Annotation[]): ConstantDeclaration {
  const loc = cursor.advance().loc;
  const type = parseType(cursor);
  const name = cursor.name('a constant name');
  cursor.expect('=');
  const value = parseExpression(cursor);
  cursor.expect(';');
  return { kind: 'ConstantDeclaration', annotations, type, name, value, loc };
}

/**
 * `T name [= e];` or `T(args) name;` inside a block: the grammar's
 * `statementOrDeclaration` includes instantiations (spec Appendix "P4 grammar");
 * the checker decides where they are legal.
 */
function parseVariableOrInstantiation(cursor: Cursor, annotations: Annotation[]): Statement | undefined {
  const loc = cursor.token.loc;
  const type = parseType(cursor);
  if (cursor.is('(')) return parseInstantiationRest(cursor, annotations, type, loc);
  return parseVariableRest(cursor, annotations, type, loc);
}

/** After the type: `name [= e];` */
export function parseVariableRest(cursor: Cursor, annotations: Annotation[], type: TypeRef, loc: Loc): VariableDeclaration {
  const name = cursor.name('a variable name');
  const declaration: VariableDeclaration = { kind: 'VariableDeclaration', annotations, type, name, loc };
  if (cursor.accept('=')) declaration.init = parseExpression(cursor);
  cursor.expect(';');
  return declaration;
}

/** `lvalue = e;` or `e(args);` (including `T.apply(args);`). */
function parseAssignmentOrCall(cursor: Cursor, annotations: Annotation[], loc: Loc): Statement {
  const statement = parseAssignmentOrCallWithoutSemicolon(cursor, annotations, loc);
  if (statement.kind !== 'Empty') cursor.expect(';');
  return statement;
}

/**
 * `lvalue = e` or `e(args)` with no `;` (the grammar's
 * assignmentOrMethodCallStatementWithoutSemicolon, used by `for` headers too).
 * Returns an Empty statement after reporting when neither form is found.
 */
export function parseAssignmentOrCallWithoutSemicolon(
  cursor: Cursor,
  annotations: Annotation[],
  loc: Loc,
): AssignmentStatement | MethodCallStatement | EmptyStatement {
  const target = parseExpression(cursor);
  const compound = compoundOperator(cursor);
  if (compound || cursor.accept('=')) {
    if (!isLvalue(target)) cursor.report('the left side of an assignment must be an lvalue', target.loc);
    const right = parseExpression(cursor);
    const assignment: AssignmentStatement = { kind: 'Assignment', annotations, left: target, right, loc };
    if (compound) assignment.op = compound;
    return assignment;
  }
  if (target.kind === 'Call') {
    if (!isLvalue(target.callee)) cursor.report('a method call statement must call an lvalue', target.loc);
    return { kind: 'MethodCallStatement', annotations, call: target, loc };
  }
  cursor.expected(cursor.panic ? "'='" : "'=' or '('");
  return { kind: 'Empty', loc };
}

const COMPOUND_ASSIGNMENTS: Record<string, BinaryOp> = {
  '+=': '+', '-=': '-', '*=': '*', '/=': '/', '%=': '%', '&=': '&', '|=': '|', '^=': '^',
  '<<=': '<<', '|+|=': '|+|', '|-|=': '|-|',
};

/** Consumes a compound assignment operator (`+=`, ..., `>>=` as `>` `>=`) and returns its binary operator. */
function compoundOperator(cursor: Cursor): BinaryOp | undefined {
  const token = cursor.token;
  if (token.kind !== 'punct') return undefined;
  const op = COMPOUND_ASSIGNMENTS[token.text];
  if (op) {
    cursor.advance();
    return op;
  }
  const next = cursor.peek();
  if (token.text === '>' && next.kind === 'punct' && next.text === '>=' && next.start === token.end) {
    cursor.index += 2;
    return '>>';
  }
  return undefined;
}

/**
 * Grammar `lvalue`: a name, `this`, or members, indexes and slices of an
 * lvalue. (It also keeps statements from starting with `(`, which after an
 * annotation would read as the annotation's body.)
 */
function isLvalue(expr: Expr): boolean {
  let current = expr;
  while (current.kind === 'Member' || current.kind === 'Index' || current.kind === 'Slice' || current.kind === 'PlusSlice') current = current.expr;
  return current.kind === 'Path' && current.name !== '';
}

function parseIf(cursor: Cursor): Statement {
  const loc = cursor.advance().loc;
  cursor.expect('(');
  const cond = parseExpression(cursor);
  cursor.expect(')');
  const then = parseStatement(cursor) ?? { kind: 'Empty', loc };
  if (!cursor.accept('else')) return { kind: 'If', cond, then, loc };
  const otherwise = parseStatement(cursor) ?? { kind: 'Empty', loc };
  return { kind: 'If', cond, then, else: otherwise, loc };
}

/** Spec §12.7: `switch (e) { label: block | label: (fall through) | default: block }`. */
function parseSwitch(cursor: Cursor): Statement {
  const loc = cursor.advance().loc;
  cursor.expect('(');
  const expr = parseExpression(cursor);
  cursor.expect(')');
  const cases: SwitchCase[] = [];
  if (cursor.expect('{')) {
    while (!cursor.stopList()) {
      cursor.listItem(() => {
        const caseLoc = cursor.token.loc;
        const label: Expr | { kind: 'Default'; loc: Loc } = cursor.accept('default')
          ? { kind: 'Default', loc: caseLoc }
          : parseExpression(cursor);
        cursor.expect(':');
        if (cursor.panic) return;
        const switchCase: SwitchCase = { label, loc: caseLoc };
        if (cursor.is('{') || cursor.is('@')) switchCase.body = parseBlock(cursor, parseAnnotations(cursor));
        cases.push(switchCase);
      });
    }
    cursor.expect('}');
  }
  return { kind: 'Switch', expr, cases, loc };
}
