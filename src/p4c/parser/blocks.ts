import type {
  ActionRef, Annotation, BlockStatement, ControlDecl, ControlTypeDecl, Declaration, KeyElement, Loc, ParserDecl,
  ParserState, ParserTypeDecl, SelectCase, SelectExpr, Statement, TableDecl, TableEntry, TableProperty, ValueSetDecl,
} from '../ast.js';
import type { Cursor } from './cursor.js';
import { parseAnnotations } from './annotations.js';
import { parseAction, parseTypeLedDeclaration } from './declarations.js';
import { parseExpression, parseKeyset } from './expressions.js';
import { parseBlock, parseConstant, parseStatementList } from './statements.js';
import { parseParameters, parseType, parseTypeParameters } from './types.js';

// Parsers (spec §13) and controls (spec §14) with their local declarations,
// parser states with `select`, and tables (spec §14.2).

/** `parser P<T>(params);` (a parser type) or `parser P(params)(ctor params) { locals states }`. */
export function parseParser(cursor: Cursor, annotations: Annotation[]): ParserTypeDecl | ParserDecl {
  const loc = cursor.advance().loc;
  const name = cursor.name('a parser name');
  cursor.declareType(name);
  const typeParams = parseTypeParameters(cursor);
  cursor.pushTypeParams(typeParams);
  const params = parseParameters(cursor);
  if (cursor.accept(';') || cursor.panic) {
    cursor.popTypeParams();
    return { kind: 'ParserTypeDecl', annotations, name, typeParams, params, loc };
  }
  const ctorParams = cursor.is('(') ? parseParameters(cursor) : [];
  const locals: Declaration[] = [];
  const states: ParserState[] = [];
  if (cursor.expect('{')) {
    while (!cursor.stopList()) {
      cursor.listItem(() => {
        const itemAnnotations = parseAnnotations(cursor);
        if (cursor.is('state')) {
          states.push(parseState(cursor, itemAnnotations));
          return;
        }
        const local = parseLocal(cursor, itemAnnotations);
        if (local) locals.push(local);
      });
    }
    cursor.expect('}');
  }
  cursor.popTypeParams();
  return { kind: 'ParserDecl', annotations, name, typeParams, params, ctorParams, locals, states, loc };
}

/** Parser and control locals: constants, value sets, actions, tables, variables, instances. */
function parseLocal(cursor: Cursor, annotations: Annotation[]): Declaration | undefined {
  if (cursor.is('const')) return parseConstant(cursor, annotations);
  if (cursor.is('value_set')) return parseValueSet(cursor, annotations);
  if (cursor.is('action')) return parseAction(cursor, annotations);
  if (cursor.is('table')) return parseTable(cursor, annotations);
  return parseTypeLedDeclaration(cursor, annotations, true);
}

/** `value_set<T>(size) name;` (spec §13.11). */
function parseValueSet(cursor: Cursor, annotations: Annotation[]): ValueSetDecl {
  const loc = cursor.advance().loc;
  cursor.expect('<');
  const elementType = parseType(cursor);
  cursor.expect('>');
  cursor.expect('(');
  const size = parseExpression(cursor);
  cursor.expect(')');
  const name = cursor.name('a value set name');
  cursor.expect(';');
  return { kind: 'ValueSetDecl', annotations, elementType, size, name, loc };
}

/** `state name { statements transition ... }` (spec §13.4). */
function parseState(cursor: Cursor, annotations: Annotation[]): ParserState {
  const loc = cursor.advance().loc;
  const name = cursor.name('a state name');
  const statements: Statement[] = [];
  const state: ParserState = { annotations, name, statements, loc };
  if (!cursor.expect('{')) return state;
  parseStatementList(cursor, statements, () => cursor.is('transition'));
  if (cursor.is('transition')) {
    const transitionLoc = cursor.advance().loc;
    if (cursor.is('select')) state.transition = parseSelect(cursor);
    else {
      const target = cursor.name('a state name');
      cursor.expect(';');
      state.transition = { kind: 'Direct', state: target, loc: transitionLoc };
    }
  }
  cursor.expect('}');
  return state;
}

/** `select (e, ...) { keyset: state; ... }` (spec §13.6). */
function parseSelect(cursor: Cursor): SelectExpr {
  const loc = cursor.advance().loc;
  const exprs = [];
  cursor.expect('(');
  if (!cursor.is(')')) {
    do exprs.push(parseExpression(cursor));
    while (!cursor.panic && cursor.accept(','));
  }
  cursor.expect(')');
  const cases: SelectCase[] = [];
  if (cursor.expect('{')) {
    while (!cursor.stopList()) {
      cursor.listItem(() => {
        const caseLoc = cursor.token.loc;
        const keyset = parseKeyset(cursor);
        cursor.expect(':');
        const state = cursor.name('a state name');
        cursor.expect(';');
        if (!cursor.panic) cases.push({ keyset, state, loc: caseLoc });
      });
    }
    cursor.expect('}');
  }
  return { kind: 'Select', exprs, cases, loc };
}

/** `control C<T>(params);` (a control type) or `control C(params)(ctor params) { locals apply {...} }`. */
export function parseControl(cursor: Cursor, annotations: Annotation[]): ControlTypeDecl | ControlDecl {
  const loc = cursor.advance().loc;
  const name = cursor.name('a control name');
  cursor.declareType(name);
  const typeParams = parseTypeParameters(cursor);
  cursor.pushTypeParams(typeParams);
  const params = parseParameters(cursor);
  if (cursor.accept(';') || cursor.panic) {
    cursor.popTypeParams();
    return { kind: 'ControlTypeDecl', annotations, name, typeParams, params, loc };
  }
  const ctorParams = cursor.is('(') ? parseParameters(cursor) : [];
  const locals: Declaration[] = [];
  let body: BlockStatement = { kind: 'Block', annotations: [], statements: [], loc: cursor.token.loc };
  if (cursor.expect('{')) {
    while (!cursor.stopList() && !(cursor.is('apply') && cursor.is('{', cursor.peek()))) {
      cursor.listItem(() => {
        const local = parseLocal(cursor, parseAnnotations(cursor));
        if (local) locals.push(local);
      });
    }
    if (cursor.expect('apply')) body = parseBlock(cursor);
    cursor.expect('}');
  }
  cursor.popTypeParams();
  return { kind: 'ControlDecl', annotations, name, typeParams, params, ctorParams, locals, body, loc };
}

/** `table name { properties }` (spec §14.2.1). */
function parseTable(cursor: Cursor, annotations: Annotation[]): TableDecl {
  const loc = cursor.advance().loc;
  const name = cursor.name('a table name');
  const properties: TableProperty[] = [];
  if (cursor.expect('{')) {
    while (!cursor.stopList()) {
      cursor.listItem(() => {
        const property = parseTableProperty(cursor);
        if (property) properties.push(property);
      });
    }
    cursor.expect('}');
  }
  return { kind: 'TableDecl', annotations, name, properties, loc };
}

function parseTableProperty(cursor: Cursor): TableProperty | undefined {
  const annotations = parseAnnotations(cursor);
  const loc = cursor.token.loc;
  const isConst = cursor.accept('const') !== undefined;
  const isKeyword = cursor.token.kind === 'keyword' && cursor.is('=', cursor.peek());
  if (isKeyword && cursor.is('key') && !isConst) {
    cursor.index += 2;
    const elements = parseBracedList(cursor, parseKeyElement);
    return { kind: 'Key', elements, loc, annotations };
  }
  if (isKeyword && cursor.is('actions') && !isConst) {
    cursor.index += 2;
    const actions = parseBracedList(cursor, (c) => {
      const actionAnnotations = parseAnnotations(c);
      const action = parseActionRef(c, actionAnnotations);
      c.expect(';');
      return action;
    });
    return { kind: 'Actions', actions, loc, annotations };
  }
  if (isKeyword && cursor.is('entries')) {
    cursor.index += 2;
    const entries = parseBracedList(cursor, parseEntry);
    return { kind: 'Entries', isConst, entries, loc, annotations };
  }
  const name = cursor.name('a table property');
  cursor.expect('=');
  const value = parseExpression(cursor);
  cursor.expect(';');
  return { kind: 'Value', isConst, name, value, loc, annotations };
}

/** `{ item* }`, each item parsed by `parseItem` with recovery. */
function parseBracedList<T>(cursor: Cursor, parseItem: (cursor: Cursor) => T): T[] {
  const items: T[] = [];
  if (!cursor.expect('{')) return items;
  while (!cursor.stopList()) {
    cursor.listItem(() => {
      const item = parseItem(cursor);
      if (!cursor.panic) items.push(item);
    });
  }
  cursor.expect('}');
  return items;
}

/** `expression : match_kind annotations ;` */
function parseKeyElement(cursor: Cursor): KeyElement {
  const leading = parseAnnotations(cursor);
  const loc = cursor.token.loc;
  const expr = parseExpression(cursor);
  cursor.expect(':');
  const matchKind = cursor.name('a match kind');
  const annotations = [...leading, ...parseAnnotations(cursor)];
  cursor.expect(';');
  return { annotations, expr, matchKind, loc };
}

/** An action name, possibly binding arguments: `a`, `.a`, `a(1, x)`. */
function parseActionRef(cursor: Cursor, annotations: Annotation[]): ActionRef {
  const loc = cursor.token.loc;
  return { annotations, expr: parseExpression(cursor), loc };
}

/** `[const] [priority = e :] keyset : action annotations ;` (spec v1.2.4 §14.2.1.4). */
function parseEntry(cursor: Cursor): TableEntry {
  const leading = parseAnnotations(cursor);
  const loc = cursor.token.loc;
  const isConst = cursor.accept('const') !== undefined;
  let priority;
  if (cursor.is('priority') && cursor.is('=', cursor.peek())) {
    cursor.index += 2;
    priority = parseExpression(cursor);
    cursor.expect(':');
  }
  const keyset = parseKeyset(cursor);
  cursor.expect(':');
  const actionLoc: Loc = cursor.token.loc;
  const action = parseActionRef(cursor, []);
  action.loc = actionLoc;
  const annotations = [...leading, ...parseAnnotations(cursor)];
  cursor.expect(';');
  const entry: TableEntry = { annotations, isConst, keyset, action, loc };
  if (priority) entry.priority = priority;
  return entry;
}
