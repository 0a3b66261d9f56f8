// Scopes, symbols and the state shared by every checker pass. A Scope maps names
// to Symbols; lowering a body threads a BodyContext (scope, frame, where we are)
// so each rule can ask "is a table apply allowed here?" without globals.

import type {
  ActionDecl,
  ControlDecl,
  ControlTypeDecl,
  Expr,
  ExternObjectDecl,
  FunctionDecl,
  FunctionPrototype,
  HeaderDecl,
  HeaderUnionDecl,
  Loc,
  PackageTypeDecl,
  ParserDecl,
  ParserTypeDecl,
  StructDecl,
  TableDecl,
} from '../ast.js';
import type { Diagnostics } from '../diagnostics.js';
import type { IrDirection, IrExpr, IrFrame, IrProgram, IrType } from '../ir.js';

export type Symbol =
  /** A named type: header, struct, union, enum, typedef, `type`. */
  | { kind: 'type'; type: IrType }
  | { kind: 'typeVar'; name: string }
  /** A generic header/struct/union (spec v1.2.2), specialized on use; one type per argument list. */
  | { kind: 'genericType'; decl: HeaderDecl | HeaderUnionDecl | StructDecl; specializations: Map<string, IrType> }
  /** A compile-time constant (const declaration, constructor parameter). */
  | { kind: 'constant'; value: IrExpr }
  /** A run-time variable or parameter in the current frame. */
  /** `frame` is the frame owning the slot: a body may only read slots of its own frame. */
  | { kind: 'variable'; slot: number; type: IrType; direction: IrDirection | 'local'; readonly: boolean; frame: FrameBuilder }
  | { kind: 'action'; decl: ActionDecl; index: number }
  /** `generic` is set for functions with type parameters: `index` is then -1, see generics.ts. */
  | { kind: 'function'; decl: FunctionDecl; index: number; returnType: IrType; generic?: import('./generics.js').GenericFunction }
  | { kind: 'externFunction'; name: string; overloads: FunctionPrototype[] }
  | { kind: 'externType'; decl: ExternObjectDecl }
  | { kind: 'parserType'; decl: ParserTypeDecl }
  | { kind: 'controlType'; decl: ControlTypeDecl }
  | { kind: 'packageType'; decl: PackageTypeDecl }
  /** `shadowedFunction`: an extern function of the same name, still callable (see index.ts). */
  | { kind: 'parserDecl'; decl: ParserDecl; shadowedFunction?: Extract<Symbol, { kind: 'externFunction' }> }
  | { kind: 'controlDecl'; decl: ControlDecl; shadowedFunction?: Extract<Symbol, { kind: 'externFunction' }> }
  /** An extern object instance (program-wide index). */
  | { kind: 'instance'; index: number; type: IrType }
  | { kind: 'subParser'; index: number; decl: ParserDecl }
  | { kind: 'subControl'; index: number; decl: ControlDecl }
  | { kind: 'package'; index: number }
  | { kind: 'table'; index: number; decl: TableDecl }
  | { kind: 'valueSet'; index: number; type: IrType }
  | { kind: 'state'; index: number };

export class Scope {
  private readonly symbols = new Map<string, Symbol>();
  constructor(readonly parent?: Scope) {}

  lookup(name: string): Symbol | undefined {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      const found = scope.symbols.get(name);
      if (found) return found;
    }
    return undefined;
  }

  lookupLocal(name: string): Symbol | undefined {
    return this.symbols.get(name);
  }

  root(): Scope {
    let scope: Scope = this;
    while (scope.parent) scope = scope.parent;
    return scope;
  }

  set(name: string, symbol: Symbol): void {
    this.symbols.set(name, symbol);
  }
}

export class FrameBuilder {
  readonly frame: IrFrame = { slots: [] };
  /** Slots that may not be assigned: `in` and directionless parameters (spec §6.8). */
  readonly readonlySlots = new Set<number>();
  add(name: string, type: IrType, readonly = false): number {
    this.frame.slots.push({ name, type });
    const slot = this.frame.slots.length - 1;
    if (readonly) this.readonlySlots.add(slot);
    return slot;
  }
}

/** What kind of body is being lowered; decides which statements and calls are legal. */
export type BodyKind = 'parser' | 'control' | 'action' | 'function' | 'constant';

export interface Checker {
  diagnostics: Diagnostics;
  program: IrProgram;
  globals: Scope;
  /** Parser/control declarations being lowered right now: instantiating one inside itself is an error. */
  lowering?: Set<object>;
  /** Resolved extern/function prototypes of this run (see calls.ts prototypeSignature). */
  signatures?: WeakMap<FunctionPrototype, import('./calls.js').Signature>;
  /** Parameter lists whose declaration-level rules were checked (once, however often the block is instantiated). */
  checkedParameters?: WeakSet<object>;
}

export interface BodyContext {
  checker: Checker;
  scope: Scope;
  frame: FrameBuilder;
  kind: BodyKind;
  /** Control instance index when inside a control (tables, control-local actions). */
  control?: number;
  /** Control-plane name prefix of the enclosing parser/control instance ('' at top level). */
  prefix: string;
  returnType?: IrType;
  /** Inside the body of a for loop: `break` and `continue` are allowed (spec v1.2.5 §12.15). */
  inLoop?: boolean;
  /** The list/struct expression allowed to end in `...` here (see defaults.ts). */
  defaultsAllowedFor?: Expr;
}

export function childContext(context: BodyContext, changes: Partial<BodyContext> = {}): BodyContext {
  return { ...context, scope: new Scope(context.scope), ...changes };
}

export function error(context: { checker: Checker } | Checker, loc: Loc, message: string): void {
  const checker = 'checker' in context ? context.checker : context;
  checker.diagnostics.error(loc, message);
}

export function warning(context: { checker: Checker } | Checker, loc: Loc, message: string): void {
  const checker = 'checker' in context ? context.checker : context;
  checker.diagnostics.warning(loc, message);
}

/** A declaration kind in words, for "X declarations are not allowed here". */
export function declarationWord(kind: string): string {
  const words: Record<string, string> = {
    ValueSetDecl: 'value set',
    TableDecl: 'table',
    ActionDecl: 'action',
    FunctionDecl: 'function',
    HeaderUnionDecl: 'header union',
    MatchKindDecl: 'match_kind',
    TypedefDecl: 'typedef',
    ExternObjectDecl: 'extern',
    ExternFunctionDecl: 'extern function',
    ParserTypeDecl: 'parser type',
    ControlTypeDecl: 'control type',
    PackageTypeDecl: 'package type',
  };
  return words[kind] ?? kind.replace(/Decl$/, '').toLowerCase();
}

/** Compact source text of an expression, as p4c prints it in messages and key names. */
export function exprText(expr: Expr): string {
  switch (expr.kind) {
    case 'IntLiteral':
      return expr.text;
    case 'BoolLiteral':
      return String(expr.value);
    case 'StringLiteral':
      return `"${expr.value}"`;
    case 'Path':
      return (expr.global ? '.' : '') + expr.name;
    case 'Member':
      return `${exprText(expr.expr)}.${expr.member}`;
    case 'Index':
      return `${exprText(expr.expr)}[${exprText(expr.index)}]`;
    case 'PlusSlice':
      return `${exprText(expr.expr)}[${exprText(expr.lo)}+:${exprText(expr.width)}]`;
    case 'Slice':
      return `${exprText(expr.expr)}[${exprText(expr.hi)}:${exprText(expr.lo)}]`;
    case 'Call':
      return `${exprText(expr.callee)}(${expr.args.map((arg) => (arg.name ? `${arg.name} = ` : '') + exprText(arg.value)).join(', ')})`;
    case 'Unary':
      return `${expr.op}${exprText(expr.expr)}`;
    case 'Binary':
      return `${exprText(expr.left)} ${expr.op} ${exprText(expr.right)}`;
    case 'Ternary':
      return `${exprText(expr.cond)} ? ${exprText(expr.then)} : ${exprText(expr.else)}`;
    case 'Cast':
      return `(${typeRefText(expr.type)})${exprText(expr.expr)}`;
    case 'List':
      return `{${expr.elements.map(exprText).join(', ')}}`;
    case 'StructExpr':
      return `{${expr.fields.map((field) => `${field.name} = ${exprText(field.value)}`).join(', ')}}`;
    case 'Invalid':
      return '{#}';
    case 'DontCare':
      return '_';
    case 'TypeName':
      return typeRefText(expr.type);
  }
}

export function typeRefText(type: import('../ast.js').TypeRef): string {
  switch (type.kind) {
    case 'BaseType':
      if (type.width) return `${type.name}<${exprText(type.width)}>`;
      return type.name;
    case 'NamedType':
      return (type.global ? '.' : '') + type.name;
    case 'SpecializedType':
      return `${type.base.name}<${type.args.map(typeRefText).join(', ')}>`;
    case 'HeaderStackType':
      return `${typeRefText(type.element)}[${exprText(type.size)}]`;
    case 'TupleType':
      return `tuple<${type.elements.map(typeRefText).join(', ')}>`;
    case 'ListType':
      return `list<${typeRefText(type.element)}>`;
    case 'DontCareType':
      return '_';
    case 'VoidType':
      return 'void';
  }
}
