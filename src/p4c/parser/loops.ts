import type {
  Annotation, AssignmentStatement, ForInStatement, ForStatement, Loc, MethodCallStatement, Statement, VariableDeclaration,
} from '../ast.js';
import type { Cursor } from './cursor.js';
import { parseAnnotations } from './annotations.js';
import { parseExpression } from './expressions.js';
import { parseType } from './types.js';
import { parseAssignmentOrCallWithoutSemicolon, parseStatement, startsDeclaration } from './statements.js';

// Spec v1.2.5 §12.15 "For statement":
//   for ( forInitStatements ; expression ; forUpdateStatements ) statement
//   for ( [annotations] typeRef name in forCollectionExpr ) statement
// where forInitStatements are comma-separated variable declarations (no `;`),
// assignments and method calls, forUpdateStatements assignments and calls, and
// forCollectionExpr is `expression` or `expression .. expression`.

/** `for (...)`, the `for` keyword at the cursor. */
export function parseFor(cursor: Cursor, annotations: Annotation[]): Statement {
  const loc = cursor.advance().loc;
  cursor.expect('(');
  const init: ForStatement['init'] = [];
  if (!cursor.is(';')) {
    // The first item decides between the two forms: `T x in ...` is a for-in.
    const itemLoc = cursor.token.loc;
    const itemAnnotations = parseAnnotations(cursor);
    if (startsDeclaration(cursor)) {
      const type = parseType(cursor);
      const name = cursor.name('a variable name');
      if (cursor.accept('in')) return parseForInRest(cursor, { annotations, itemAnnotations, type, name, loc });
      init.push(parseDeclarationRest(cursor, itemAnnotations, type, name, itemLoc));
    } else {
      init.push(...simpleStatement(cursor, itemAnnotations, itemLoc));
    }
    while (cursor.accept(',')) init.push(...initItem(cursor));
  }
  cursor.expect(';');
  const cond = parseExpression(cursor);
  cursor.expect(';');
  const update: ForStatement['update'] = [];
  if (!cursor.is(')')) {
    do {
      const itemLoc = cursor.token.loc;
      update.push(...simpleStatement(cursor, parseAnnotations(cursor), itemLoc));
    } while (cursor.accept(','));
  }
  cursor.expect(')');
  const body = parseStatement(cursor) ?? { kind: 'Empty', loc };
  return { kind: 'For', annotations, init, cond, update, body, loc };
}

function initItem(cursor: Cursor): ForStatement['init'] {
  const loc = cursor.token.loc;
  const annotations = parseAnnotations(cursor);
  if (!startsDeclaration(cursor)) return simpleStatement(cursor, annotations, loc);
  const type = parseType(cursor);
  const name = cursor.name('a variable name');
  return [parseDeclarationRest(cursor, annotations, type, name, loc)];
}

function parseDeclarationRest(
  cursor: Cursor,
  annotations: Annotation[],
  type: VariableDeclaration['type'],
  name: string,
  loc: Loc,
): VariableDeclaration {
  const declaration: VariableDeclaration = { kind: 'VariableDeclaration', annotations, type, name, loc };
  if (cursor.accept('=')) declaration.init = parseExpression(cursor);
  return declaration;
}

function simpleStatement(cursor: Cursor, annotations: Annotation[], loc: Loc): (AssignmentStatement | MethodCallStatement)[] {
  const statement = parseAssignmentOrCallWithoutSemicolon(cursor, annotations, loc);
  return statement.kind === 'Empty' ? [] : [statement];
}

interface ForInHead {
  annotations: Annotation[];
  itemAnnotations: Annotation[];
  type: ForInStatement['type'];
  name: string;
  loc: Loc;
}

/** After `for (T x in`: the collection, `)` and the body. */
function parseForInRest(cursor: Cursor, head: ForInHead): ForInStatement {
  const collectionLoc = cursor.token.loc;
  const first = parseExpression(cursor);
  const collection: ForInStatement['collection'] = cursor.accept('..')
    ? { kind: 'Range', lo: first, hi: parseExpression(cursor), loc: collectionLoc }
    : { kind: 'Expr', expr: first, loc: collectionLoc };
  cursor.expect(')');
  const body = parseStatement(cursor) ?? { kind: 'Empty', loc: head.loc };
  return {
    kind: 'ForIn',
    annotations: head.annotations,
    variableAnnotations: head.itemAnnotations,
    type: head.type,
    name: head.name,
    collection,
    body,
    loc: head.loc,
  };
}
