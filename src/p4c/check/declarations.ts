// Top-level type declarations (spec §7.2, §7.3, §7.5, §7.6): headers with their
// bit layout, structs, unions, enums (plain and serializable), errors, match
// kinds, typedef and `type`, extern object and function prototypes.

import type { EnumDecl, ExternObjectDecl, FunctionPrototype, HeaderDecl, HeaderUnionDecl, StructDecl, StructField, TypedefDecl } from '../ast.js';
import type { IrBitType, IrEnumType, IrExternSignature, IrField, IrHeaderType, IrType } from '../ir.js';
import { typeToString } from '../ir.js';
import { prototypeSignature } from './calls.js';
import { type BodyContext, type Checker, error, Scope } from './context.js';
import { coerce, lowerExpr } from './expressions.js';
import { lowerAnnotations, resolveType } from './resolve.js';
import { isHeaderFieldType, UNKNOWN } from './types.js';
import { fits, runtimeInteger, toBigInt } from './values.js';

function declareType(context: BodyContext, name: string, type: IrType, loc: import('../ast.js').Loc): void {
  if (context.scope.lookupLocal(name)) error(context, loc, `${name}: duplicate declaration`);
  context.scope.set(name, { kind: 'type', type });
  context.checker.program.types.set(name, type);
}

function lowerFields(context: BodyContext, fields: StructField[], owner: string): IrField[] {
  const seen = new Set<string>();
  return fields.map((field) => {
    if (seen.has(field.name)) error(context, field.loc, `${owner}.${field.name}: duplicate field`);
    seen.add(field.name);
    return { name: field.name, type: resolveType(context, field.type), annotations: lowerAnnotations(field.annotations) };
  });
}

export function declareStructLike(context: BodyContext, decl: HeaderDecl | HeaderUnionDecl | StructDecl, name = decl.name): IrType {
  if (decl.typeParams.length) {
    if (context.scope.lookupLocal(name)) error(context, decl.loc, `${name}: duplicate declaration`);
    if (decl.kind === 'HeaderUnionDecl') {
      // Checked before any specialization (p4c decl-union-of-unsupported-type): members are headers.
      for (const field of decl.fields) {
        if (field.type.kind !== 'NamedType' && field.type.kind !== 'SpecializedType') {
          error(context, field.loc, `${name}.${field.name}: header union members must be headers`);
        }
      }
    }
    context.scope.set(name, { kind: 'genericType', decl, specializations: new Map() });
    return UNKNOWN;
  }
  const type = buildStructLike(context, decl, name);
  declareType(context, name, type, decl.loc);
  return type;
}

/**
 * `S<bit<8>>` for a generic `struct S<T>`: the fields resolved with T bound, named
 * `S<bit<8>>`, built once per argument list so the type stays nominal.
 */
export function specializeStructLike(context: BodyContext, decl: HeaderDecl | HeaderUnionDecl | StructDecl, specializations: Map<string, IrType>, args: IrType[], loc: import('../ast.js').Loc): IrType {
  if (args.length !== decl.typeParams.length) {
    error(context, loc, `${decl.name}: expected ${decl.typeParams.length} type arguments, got ${args.length}`);
    return UNKNOWN;
  }
  if (args.some((arg) => arg.kind === 'unknown')) return UNKNOWN;
  const name = `${decl.name}<${args.map(typeToString).join(', ')}>`;
  const cached = specializations.get(name);
  if (cached) return cached;
  const scope = new Scope(context.checker.globals);
  decl.typeParams.forEach((param, index) => scope.set(param, { kind: 'type', type: args[index] }));
  const type = buildStructLike({ ...context, scope }, decl, name);
  specializations.set(name, type);
  context.checker.program.types.set(name, type);
  return type;
}

function buildStructLike(context: BodyContext, decl: HeaderDecl | HeaderUnionDecl | StructDecl, name: string): IrType {
  const annotations = lowerAnnotations(decl.annotations);
  // Declare first so a struct may not contain itself, but later fields see the name.
  const fields = lowerFields(context, decl.fields, name);
  let type: IrType;
  if (decl.kind === 'HeaderDecl') {
    type = headerLayout(context, decl, name, fields, annotations);
  } else if (decl.kind === 'HeaderUnionDecl') {
    for (const [index, field] of fields.entries()) {
      if (field.type.kind !== 'header' && field.type.kind !== 'unknown') {
        error(context, decl.fields[index].loc, `${name}.${field.name}: header union members must be headers, not '${typeToString(field.type)}'`);
      }
    }
    type = { kind: 'union', name, fields, annotations };
  } else {
    for (const [index, field] of fields.entries()) {
      const kind = field.type.kind;
      if (kind === 'int' || kind === 'void' || kind === 'string' || kind === 'extern' || kind === 'parser' || kind === 'control' || kind === 'package' || kind === 'matchKind') {
        error(context, decl.fields[index].loc, `${name}.${field.name}: a struct field cannot have type '${typeToString(field.type)}'`);
      }
    }
    type = { kind: 'struct', name, fields, annotations };
  }
  return type;
}

/** Bit offsets of header fields in declaration order (spec §7.2.2); at most one varbit. */
function headerLayout(context: BodyContext, decl: HeaderDecl, name: string, fields: IrField[], annotations: IrHeaderType['annotations']): IrHeaderType {
  let offset = 0;
  let varbitWidth = 0;
  let afterVarbit = false;
  for (const [index, field] of fields.entries()) {
    if (field.type.kind === 'unknown') continue;
    if (!isHeaderFieldType(field.type)) {
      error(context, decl.fields[index].loc, `${name}.${field.name}: a header field cannot have type '${typeToString(field.type)}'`);
      continue;
    }
    field.offsetBits = offset;
    if (afterVarbit) field.afterVarbit = true;
    if (field.type.kind === 'varbit') {
      if (afterVarbit) error(context, decl.fields[index].loc, `${name}: a header may contain at most one varbit field`);
      afterVarbit = true;
      varbitWidth = field.type.maxWidth;
      continue;
    }
    offset += fieldWidth(field.type);
  }
  return { kind: 'header', name, fields, fixedWidthBits: offset, maxWidthBits: offset + varbitWidth, annotations };
}

function fieldWidth(type: IrType): number {
  if (type.kind === 'bit') return type.width;
  if (type.kind === 'bool') return 1;
  if (type.kind === 'enum') return type.underlying?.width ?? 0;
  if (type.kind === 'struct') return type.fields.reduce((sum, field) => sum + fieldWidth(field.type), 0);
  return 0;
}

export function declareEnum(context: BodyContext, decl: EnumDecl, name = decl.name): IrType {
  const members = decl.members.map((member) => member.name);
  const duplicates = members.filter((member, index) => members.indexOf(member) !== index);
  for (const duplicate of new Set(duplicates)) error(context, decl.loc, `${name}.${duplicate}: duplicate enum member`);
  const type: IrEnumType = { kind: 'enum', name, members, annotations: lowerAnnotations(decl.annotations) };
  if (decl.underlyingType) {
    const underlying = resolveType(context, decl.underlyingType);
    if (underlying.kind !== 'bit') {
      if (underlying.kind !== 'unknown') error(context, decl.loc, `${name}: an enum's underlying type must be bit<W> or int<W>, not '${typeToString(underlying)}'`);
    } else {
      type.underlying = underlying;
      type.values = decl.members.map((member) => enumValue(context, member, underlying, name));
    }
  } else {
    for (const member of decl.members) {
      if (member.value) error(context, member.loc, `${name}.${member.name}: only enums with an underlying type have member values`);
    }
  }
  declareType(context, name, type, decl.loc);
  return type;
}

function enumValue(context: BodyContext, member: EnumDecl['members'][number], underlying: IrBitType, name: string): number | bigint {
  // Spec §8.3: every member of a serializable enum needs a value that fits the underlying type.
  if (!member.value) {
    error(context, member.loc, `${name}.${member.name}: members of a serializable enum need a value`);
    return 0;
  }
  const raw = lowerExpr(context, member.value);
  if (raw.kind !== 'const' || (raw.type.kind !== 'int' && raw.type.kind !== 'bit')) {
    if (raw.type.kind !== 'unknown') error(context, member.value.loc, `${name}.${member.name}: the value must be an integer constant`);
    return 0;
  }
  const value = toBigInt(raw.value) ?? 0n;
  if (raw.type.kind === 'int' && !fits(value, underlying.width, underlying.signed)) {
    error(context, member.value.loc, `${name}.${member.name}: ${value} does not fit in '${typeToString(underlying)}'`);
    return 0;
  }
  const converted = coerce(context, raw, underlying, `${name}.${member.name}`);
  return converted.kind === 'const' ? runtimeInteger(toBigInt(converted.value) ?? 0n, underlying) : 0;
}

export function declareTypedef(context: BodyContext, decl: TypedefDecl): void {
  const inner = decl.type;
  let type: IrType;
  switch (inner.kind) {
    case 'HeaderDecl':
    case 'HeaderUnionDecl':
    case 'StructDecl':
      type = declareStructLike(context, inner, inner.name);
      break;
    case 'EnumDecl':
      type = declareEnum(context, inner, inner.name);
      break;
    default:
      type = resolveType(context, inner);
  }
  if (decl.isNewType) {
    // Spec §7.6: `type` introduces a distinct type; only bit<W>/int<W>/bool are supported here.
    if (type.kind === 'bit') type = { ...type, newTypeName: decl.name, newTypeAnnotations: lowerAnnotations(decl.annotations) };
    else if (type.kind !== 'bool' && type.kind !== 'unknown') {
      error(context, decl.loc, `${decl.name}: 'type' is only supported for bit<W>, int<W> and bool`);
      type = UNKNOWN;
    }
  }
  declareType(context, decl.name, type, decl.loc);
}

export function declareErrors(checker: Checker, members: { name: string; loc: import('../ast.js').Loc }[]): void {
  // Spec §7.1.2: all error declarations merge into one namespace.
  for (const member of members) {
    if (checker.program.errors.includes(member.name)) error(checker, member.loc, `error.${member.name}: duplicate error`);
    else checker.program.errors.push(member.name);
  }
}

export function declareMatchKinds(checker: Checker, members: { name: string; loc: import('../ast.js').Loc }[]): void {
  for (const member of members) {
    if (checker.program.matchKinds.includes(member.name)) error(checker, member.loc, `${member.name}: duplicate match_kind`);
    else checker.program.matchKinds.push(member.name);
  }
}

function signatureOf(checker: Checker, prototype: FunctionPrototype, overload: number, outer: string[]): IrExternSignature {
  const signature = prototypeSignature(checker, prototype, overload, outer);
  return {
    name: prototype.name,
    overload,
    typeParams: prototype.typeParams,
    params: signature.params.map((param) => ({ name: param.name, direction: param.direction, type: typeToString(param.type) })),
    returnType: typeToString(signature.returnType),
  };
}

export function declareExtern(checker: Checker, decl: ExternObjectDecl): void {
  if (checker.globals.lookupLocal(decl.name)) error(checker, decl.loc, `${decl.name}: duplicate declaration`);
  checker.globals.set(decl.name, { kind: 'externType', decl });
  checkExternMethods(checker, decl);
  const constructors = decl.methods.filter((method) => method.returnType === undefined && method.name === decl.name);
  const counts = new Map<string, number>();
  const methods = decl.methods
    .filter((method) => method.returnType !== undefined)
    .map((method) => {
      const overload = counts.get(method.name) ?? 0;
      counts.set(method.name, overload + 1);
      return signatureOf(checker, method, overload, decl.typeParams);
    });
  checker.program.externTypes.push({
    name: decl.name,
    typeParams: decl.typeParams,
    constructors: constructors.map((method, index) => signatureOf(checker, method, index, decl.typeParams)),
    methods,
    annotations: lowerAnnotations(decl.annotations),
  });
}

/**
 * p4c (testdata p4_16_errors constructor_e, duplicateMethod_e): a constructor
 * has no return type, and overloads of one method differ in their number of
 * parameters (calls are resolved by argument count, spec §8.20).
 */
function checkExternMethods(checker: Checker, decl: ExternObjectDecl): void {
  const arities = new Set<string>();
  for (const method of decl.methods) {
    if (method.name === decl.name && method.returnType !== undefined) {
      error(checker, method.loc, `${method.name}: a constructor cannot have a return type`);
      continue;
    }
    const key = `${method.name}/${method.params.length}`;
    if (arities.has(key)) error(checker, method.loc, `${method.name}: duplicate method (another overload takes ${method.params.length} parameters)`);
    arities.add(key);
    checkDistinctParameters(checker, method);
  }
}

/** Spec §6.8: parameter names of one declaration are distinct. */
function checkDistinctParameters(checker: Checker, prototype: FunctionPrototype): void {
  const names = new Set<string>();
  for (const param of prototype.params) {
    if (names.has(param.name)) error(checker, param.loc, `${prototype.name}: duplicate parameter ${param.name}`);
    names.add(param.name);
  }
}

export function declareExternFunction(checker: Checker, prototype: FunctionPrototype): void {
  const existing = checker.globals.lookupLocal(prototype.name);
  if (existing && existing.kind !== 'externFunction') {
    error(checker, prototype.loc, `${prototype.name}: duplicate declaration`);
    return;
  }
  checkDistinctParameters(checker, prototype);
  const overloads = existing?.kind === 'externFunction' ? existing.overloads : [];
  overloads.push(prototype);
  checker.globals.set(prototype.name, { kind: 'externFunction', name: prototype.name, overloads });
  checker.program.externFunctions.push(signatureOf(checker, prototype, overloads.length - 1, []));
}
