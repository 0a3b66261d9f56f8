import type {
  ActionDecl, Annotation, Declaration, EnumDecl, ExternFunctionDecl, ExternObjectDecl, FunctionPrototype,
  HeaderDecl, HeaderUnionDecl, Instantiation, Loc, StructDecl, StructField, TypedefDecl, TypeRef,
} from '../ast.js';
import type { Cursor } from './cursor.js';
import { parseAnnotations } from './annotations.js';
import { parseArguments, parseExpression } from './expressions.js';
import { parseBlock, parseConstant, parseVariableRest } from './statements.js';
import { parseControl, parseParser } from './blocks.js';
import { parseParameters, parseType, parseTypeParameters, startsType } from './types.js';

// Top-level declarations (grammar `declaration`, spec §7–§10, §13, §14) and
// the type-led declarations shared with parser/control locals.

export function parseDeclarations(cursor: Cursor): Declaration[] {
  const declarations: Declaration[] = [];
  while (!cursor.atEnd() && !cursor.aborted && !cursor.diagnostics.saturated()) {
    cursor.listItem(() => {
      if (cursor.accept(';')) return; // an empty declaration
      const declaration = parseDeclaration(cursor);
      if (declaration) declarations.push(declaration);
    });
  }
  return declarations;
}

function parseDeclaration(cursor: Cursor): Declaration | undefined {
  const annotations = parseAnnotations(cursor);
  const token = cursor.token;
  if (token.kind === 'keyword') {
    switch (token.text) {
      case 'const':
        return parseConstant(cursor, annotations);
      case 'extern':
        return parseExtern(cursor, annotations);
      case 'action':
        return parseAction(cursor, annotations);
      case 'parser':
        return parseParser(cursor, annotations);
      case 'control':
        return parseControl(cursor, annotations);
      case 'package':
        return parsePackage(cursor, annotations);
      case 'header':
      case 'header_union':
      case 'struct':
        return parseStructLike(cursor, annotations);
      case 'enum':
        return parseEnum(cursor, annotations);
      case 'typedef':
      case 'type':
        if (token.text === 'typedef' || !cursor.is('=', cursor.peek())) return parseTypedef(cursor, annotations);
        break;
      case 'error':
      case 'match_kind':
        if (cursor.is('{', cursor.peek())) {
          // Grammar: `errorDeclaration` and `matchKindDeclaration` take no annotations.
          if (annotations.length > 0) cursor.report(`annotations are not allowed on '${token.text}' declarations`, annotations[0].loc);
          return parseIdentifierList(cursor, token.text);
        }
        break;
    }
  }
  return parseTypeLedDeclaration(cursor, annotations, false);
}

/**
 * Declarations that begin with a type: `T(args) name [= {...}];`
 * (instantiation), `T name(params) {...}` (function), `T name [= e];` (variable).
 */
export function parseTypeLedDeclaration(cursor: Cursor, annotations: Annotation[], allowVariables: boolean): Declaration | undefined {
  const loc = cursor.token.loc;
  if (!startsType(cursor, true)) {
    cursor.expected('a declaration');
    return undefined;
  }
  const type = parseType(cursor);
  if (cursor.panic) return undefined;
  if (cursor.is('(')) return parseInstantiationRest(cursor, annotations, type, loc);
  if (cursor.isName() && (cursor.is('(', cursor.peek()) || cursor.is('<', cursor.peek()))) {
    const prototype = parsePrototypeRest(cursor, annotations, type, loc);
    const body = parseBlock(cursor);
    cursor.popTypeParams();
    return { kind: 'FunctionDecl', prototype, body, loc };
  }
  // Grammar: variables are parser/control locals or statements, never top-level declarations.
  if (!allowVariables) cursor.report('variables cannot be declared here', cursor.token.loc);
  return parseVariableRest(cursor, annotations, type, loc);
}

/** `(args) name [= { function and instance declarations }];` after the type. */
export function parseInstantiationRest(cursor: Cursor, annotations: Annotation[], type: TypeRef, loc: Loc): Instantiation {
  const args = parseArguments(cursor);
  const name = cursor.name('an instance name');
  const instantiation: Instantiation = { kind: 'Instantiation', annotations, type, args, name, loc };
  if (cursor.accept('=')) {
    // Spec §7.2.10.2: `= { ... }` implements the extern's abstract methods.
    const initializer: Declaration[] = [];
    if (cursor.expect('{')) {
      while (!cursor.stopList()) {
        cursor.listItem(() => {
          const declaration = parseTypeLedDeclaration(cursor, parseAnnotations(cursor), false);
          if (declaration) initializer.push(declaration);
        });
      }
      cursor.expect('}');
    }
    instantiation.initializer = initializer;
  }
  cursor.expect(';');
  return instantiation;
}

/**
 * After the return type: `name [<T>] (params)`. Leaves the function's type
 * parameters in scope (the caller pops them after the body, if any).
 */
function parsePrototypeRest(cursor: Cursor, annotations: Annotation[], returnType: TypeRef | undefined, loc: Loc): FunctionPrototype {
  const name = cursor.name('a function name');
  const typeParams = parseTypeParameters(cursor);
  cursor.pushTypeParams(typeParams);
  const params = parseParameters(cursor);
  const prototype: FunctionPrototype = { annotations, name, typeParams, params, isAbstract: false, loc };
  if (returnType) prototype.returnType = returnType;
  return prototype;
}

/** `action name(params) { ... }` (spec §14.1). */
export function parseAction(cursor: Cursor, annotations: Annotation[]): ActionDecl {
  const loc = cursor.advance().loc;
  const name = cursor.name('an action name');
  const params = parseParameters(cursor);
  const body = parseBlock(cursor);
  return { kind: 'ActionDecl', annotations, name, params, body, loc };
}

/** `extern Name<T> { methods }` or `extern ReturnType name<T>(params);` (spec §7.2.10). */
function parseExtern(cursor: Cursor, annotations: Annotation[]): ExternObjectDecl | ExternFunctionDecl | undefined {
  const loc = cursor.advance().loc;
  const moreAnnotations = parseAnnotations(cursor);
  const allAnnotations = [...annotations, ...moreAnnotations];
  if (isExternObject(cursor)) {
    const name = cursor.advance().text;
    cursor.declareType(name);
    const typeParams = parseTypeParameters(cursor);
    cursor.pushTypeParams(typeParams);
    const methods: FunctionPrototype[] = [];
    if (cursor.expect('{')) {
      while (!cursor.stopList()) {
        cursor.listItem(() => {
          const method = parseMethod(cursor, name);
          if (method) methods.push(method);
        });
      }
      cursor.expect('}');
    }
    cursor.popTypeParams();
    return { kind: 'ExternObjectDecl', annotations: allAnnotations, name, typeParams, methods, loc };
  }
  const returnType = parseType(cursor);
  const prototype = parsePrototypeRest(cursor, [], returnType, cursor.token.loc);
  prototype.loc = returnType.loc;
  cursor.popTypeParams();
  cursor.expect(';');
  return { kind: 'ExternFunctionDecl', annotations: allAnnotations, prototype, loc };
}

/** An extern object is `extern Name {` or `extern Name<...> {`; anything else is a function. */
function isExternObject(cursor: Cursor): boolean {
  if (!cursor.isName()) return false;
  if (cursor.is('{', cursor.peek())) return true;
  if (!cursor.is('<', cursor.peek())) return false;
  let depth = 0;
  for (let offset = 1; ; offset++) {
    const token = cursor.peek(offset);
    if (token.kind === 'eof' || cursor.is(';', token) || cursor.is('(', token) || cursor.is('{', token)) return false;
    if (cursor.is('<', token)) depth++;
    else if (cursor.is('>', token) && --depth === 0) return cursor.is('{', cursor.peek(offset + 1));
  }
}

/** A method prototype, `abstract` method or constructor `Name(params);`. */
function parseMethod(cursor: Cursor, externName: string): FunctionPrototype | undefined {
  const annotations = parseAnnotations(cursor);
  const loc = cursor.token.loc;
  if (cursor.token.text === externName && cursor.token.kind === 'ident' && cursor.is('(', cursor.peek())) {
    cursor.advance();
    const params = parseParameters(cursor);
    cursor.expect(';');
    return { annotations, name: externName, typeParams: [], params, isAbstract: false, loc };
  }
  const isAbstract = cursor.accept('abstract') !== undefined;
  const returnType = parseType(cursor);
  const prototype = parsePrototypeRest(cursor, annotations, returnType, loc);
  cursor.popTypeParams();
  prototype.isAbstract = isAbstract;
  cursor.expect(';');
  return prototype;
}

/** `package Name<T>(params);` (spec §7.2.12). */
function parsePackage(cursor: Cursor, annotations: Annotation[]): Declaration {
  const loc = cursor.advance().loc;
  const name = cursor.name('a package name');
  cursor.declareType(name);
  const typeParams = parseTypeParameters(cursor);
  cursor.pushTypeParams(typeParams);
  const params = parseParameters(cursor);
  cursor.popTypeParams();
  cursor.expect(';');
  return { kind: 'PackageTypeDecl', annotations, name, typeParams, params, loc };
}

/** `header|header_union|struct Name<T> { fields }` (spec §7.2.2–§7.2.5). */
export function parseStructLike(cursor: Cursor, annotations: Annotation[]): HeaderDecl | HeaderUnionDecl | StructDecl {
  const keyword = cursor.advance();
  const loc = keyword.loc;
  const name = cursor.name('a type name');
  cursor.declareType(name);
  const typeParams = parseTypeParameters(cursor);
  cursor.pushTypeParams(typeParams);
  const fields: StructField[] = [];
  if (cursor.expect('{')) {
    while (!cursor.stopList()) {
      cursor.listItem(() => {
        const fieldAnnotations = parseAnnotations(cursor);
        const fieldLoc = cursor.token.loc;
        const type = parseType(cursor);
        const fieldName = cursor.name('a field name');
        cursor.expect(';');
        fields.push({ annotations: fieldAnnotations, type, name: fieldName, loc: fieldLoc });
      });
    }
    cursor.expect('}');
  }
  cursor.popTypeParams();
  const kind = keyword.text === 'header' ? 'HeaderDecl' : keyword.text === 'struct' ? 'StructDecl' : 'HeaderUnionDecl';
  return { kind, annotations, name, typeParams, fields, loc };
}

/** `enum Name { A, B }` or `enum bit<8> Name { A = 1, B = 2 }` (spec §7.2.1, §8.3). */
export function parseEnum(cursor: Cursor, annotations: Annotation[]): EnumDecl {
  const loc = cursor.advance().loc;
  let underlyingType: TypeRef | undefined;
  if (!(cursor.isName() && cursor.is('{', cursor.peek()))) underlyingType = parseType(cursor);
  const name = cursor.name('an enum name');
  cursor.declareType(name);
  const members: EnumDecl['members'] = [];
  if (cursor.expect('{')) {
    while (!cursor.is('}') && !cursor.atEnd() && !cursor.panic) {
      const memberAnnotations = parseAnnotations(cursor);
      const memberLoc = cursor.token.loc;
      const member: EnumDecl['members'][number] = { name: cursor.name('an enum member'), loc: memberLoc, annotations: memberAnnotations };
      if (cursor.accept('=')) member.value = parseExpression(cursor);
      members.push(member);
      if (!cursor.accept(',')) break;
    }
    cursor.expect('}');
  }
  const declaration: EnumDecl = { kind: 'EnumDecl', annotations, name, members, loc };
  if (underlyingType) declaration.underlyingType = underlyingType;
  return declaration;
}

/** `typedef T Name;` / `type T Name;`, T possibly a derived type written inline (spec §7.5, §7.6). */
function parseTypedef(cursor: Cursor, annotations: Annotation[]): TypedefDecl {
  const keyword = cursor.advance();
  const loc = keyword.loc;
  let type: TypedefDecl['type'];
  if (cursor.is('header') || cursor.is('header_union') || cursor.is('struct')) type = parseStructLike(cursor, []);
  else if (cursor.is('enum')) type = parseEnum(cursor, []);
  else if (cursor.is('@')) type = parseInlineAnnotated(cursor);
  else type = parseType(cursor);
  const name = cursor.name('a type name');
  cursor.declareType(name);
  cursor.expect(';');
  return { kind: 'TypedefDecl', annotations, isNewType: keyword.text === 'type', name, type, loc };
}

/** `typedef @a struct S {...} N;`: annotations of the inline type, then the type itself. */
function parseInlineAnnotated(cursor: Cursor): TypedefDecl['type'] {
  const annotations = parseAnnotations(cursor);
  if (cursor.is('enum')) return parseEnum(cursor, annotations);
  if (cursor.is('header') || cursor.is('header_union') || cursor.is('struct')) return parseStructLike(cursor, annotations);
  cursor.expected("'struct', 'header', 'header_union' or 'enum'");
  return parseType(cursor);
}

/** `error { A, B }` and `match_kind { a, b }` (spec §7.1.2, §7.1.3). */
function parseIdentifierList(cursor: Cursor, keyword: string): Declaration {
  const loc = cursor.advance().loc;
  const members: { name: string; loc: Loc }[] = [];
  cursor.expect('{');
  while (!cursor.is('}') && !cursor.atEnd() && !cursor.panic) {
    const memberLoc = cursor.token.loc;
    members.push({ name: cursor.name('a name'), loc: memberLoc });
    if (!cursor.accept(',')) break;
  }
  cursor.expect('}');
  return keyword === 'error' ? { kind: 'ErrorDecl', members, loc } : { kind: 'MatchKindDecl', members, loc };
}
