// Abstract syntax of P4_16 (language specification v1.2.x), as produced by the
// parser (parser.ts) and consumed by the printer (printer.ts) and the type
// checker (check/). Every node carries the source location of its first token,
// already mapped back through the preprocessor to the original file and line.
//
// The tree is purely syntactic: names are unresolved strings, widths are
// unevaluated expressions. Resolution, typing and constant folding belong to the
// checker, which lowers this tree to the IR (ir.ts).

export interface Loc {
  file: string;
  line: number; // 1-based
  col: number; // 1-based
}

export interface NodeBase {
  loc: Loc;
}

// ---------------------------------------------------------------- annotations

/** A raw token kept for unstructured annotation bodies (spec §18.2). */
export interface AnnotationToken {
  kind: 'ident' | 'int' | 'string' | 'punct' | 'keyword';
  text: string;
  loc: Loc;
}

/**
 * `@name`, `@name(tokens...)` or `@name[structured]` (spec §18.2).
 * Unstructured bodies keep their raw tokens; when those tokens also parse as a
 * comma-separated expression list (the common case: `@name("x")`, `@id(3)`),
 * the parser fills `exprs` too.
 */
export interface Annotation extends NodeBase {
  kind: 'Annotation';
  name: string;
  body:
    | { kind: 'empty' }
    | { kind: 'unstructured'; tokens: AnnotationToken[]; exprs?: Expr[] }
    | { kind: 'expressionList'; exprs: Expr[] } // @name[e1, e2]
    | { kind: 'kvList'; pairs: { key: string; value: Expr; loc: Loc }[] }; // @name[k=e, ...]
}

// ---------------------------------------------------------------------- types

export type TypeRef =
  | BaseTypeRef
  | NamedTypeRef
  | SpecializedTypeRef
  | HeaderStackTypeRef
  | TupleTypeRef
  | ListTypeRef
  | DontCareTypeRef
  | VoidTypeRef;

/** bool, error, string, match_kind, int (arbitrary precision), bit<W>, int<W>, varbit<W>. */
export interface BaseTypeRef extends NodeBase {
  kind: 'BaseType';
  name: 'bool' | 'error' | 'string' | 'match_kind' | 'int' | 'bit' | 'varbit';
  /** `bit` alone means bit<1>; `int` alone is the infinite-precision type. */
  width?: Expr;
  /** true for int<W> and for the infinite-precision `int`. */
  signed: boolean;
}

/** A type name, optionally with a leading `.` (top-level scope). */
export interface NamedTypeRef extends NodeBase {
  kind: 'NamedType';
  name: string;
  global: boolean;
}

/** `T<A, B>`: a generic type applied to type arguments. */
export interface SpecializedTypeRef extends NodeBase {
  kind: 'SpecializedType';
  base: NamedTypeRef;
  args: TypeRef[];
}

/** `T[size]` */
export interface HeaderStackTypeRef extends NodeBase {
  kind: 'HeaderStackType';
  element: TypeRef;
  size: Expr;
}

/** `tuple<A, B>` */
export interface TupleTypeRef extends NodeBase {
  kind: 'TupleType';
  elements: TypeRef[];
}

/** `list<T>` (P4_16 v1.2.4 "List types"): a compile-time list of T, e.g. an extern constructor argument. */
export interface ListTypeRef extends NodeBase {
  kind: 'ListType';
  element: TypeRef;
}

/** `_` used as a type argument. */
export interface DontCareTypeRef extends NodeBase {
  kind: 'DontCareType';
}

export interface VoidTypeRef extends NodeBase {
  kind: 'VoidType';
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | IntLiteral
  | BoolLiteral
  | StringLiteral
  | PathExpr
  | MemberExpr
  | IndexExpr
  | SliceExpr
  | PlusSliceExpr
  | CallExpr
  | UnaryExpr
  | BinaryExpr
  | TernaryExpr
  | CastExpr
  | ListExpr
  | StructExpr
  | InvalidExpr
  | DontCareExpr
  | TypeNameExpr;

export interface IntLiteral extends NodeBase {
  kind: 'IntLiteral';
  value: bigint;
  /** Present for `8w5`, `8s5`; absent for unsized literals. */
  width?: number;
  signed: boolean;
  /** The literal as written (kept for printing, e.g. `0x0800`). */
  text: string;
}

export interface BoolLiteral extends NodeBase {
  kind: 'BoolLiteral';
  value: boolean;
}

export interface StringLiteral extends NodeBase {
  kind: 'StringLiteral';
  /** The string without quotes, escapes left as written. */
  value: string;
}

/** A name in expression position; `.x` refers to the top-level `x`. */
export interface PathExpr extends NodeBase {
  kind: 'Path';
  name: string;
  global: boolean;
}

/** `e.m` (fields, methods, enum members, `error.X`, `hdr.isValid`, `stack.next`). */
export interface MemberExpr extends NodeBase {
  kind: 'Member';
  expr: Expr;
  member: string;
}

/** `e[i]` */
export interface IndexExpr extends NodeBase {
  kind: 'Index';
  expr: Expr;
  index: Expr;
}

/** `e[hi:lo]` */
export interface SliceExpr extends NodeBase {
  kind: 'Slice';
  expr: Expr;
  hi: Expr;
  lo: Expr;
}

/**
 * `e[lo +: width]`: the `width` bits of e starting at bit `lo` (p4c's indexed
 * part select: `width` is a compile-time constant, `lo` may be a run-time value).
 * Added with the v1.2.5 loop support (additive contract change).
 */
export interface PlusSliceExpr extends NodeBase {
  kind: 'PlusSlice';
  expr: Expr;
  lo: Expr;
  width: Expr;
}

export interface Argument extends NodeBase {
  kind: 'Argument';
  /** Set for named arguments `f(x = 1)`. */
  name?: string;
  /** `_` (don't care) is a DontCareExpr. */
  value: Expr;
}

/** `callee<typeArgs>(args)` — functions, actions, methods, constructors in expressions. */
export interface CallExpr extends NodeBase {
  kind: 'Call';
  callee: Expr;
  typeArgs: TypeRef[];
  args: Argument[];
}

export type UnaryOp = '!' | '~' | '-' | '+';

export interface UnaryExpr extends NodeBase {
  kind: 'Unary';
  op: UnaryOp;
  expr: Expr;
}

export type BinaryOp =
  | '*' | '/' | '%'
  | '+' | '-' | '|+|' | '|-|'
  | '<<' | '>>'
  | '<=' | '>=' | '<' | '>'
  | '==' | '!='
  | '&' | '^' | '|'
  | '++'
  | '&&' | '||';

export interface BinaryExpr extends NodeBase {
  kind: 'Binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
}

export interface TernaryExpr extends NodeBase {
  kind: 'Ternary';
  cond: Expr;
  then: Expr;
  else: Expr;
}

/** `(T) e` */
export interface CastExpr extends NodeBase {
  kind: 'Cast';
  type: TypeRef;
  expr: Expr;
}

/** `{ e1, e2 }` (list / tuple expression), possibly `{ e1, ... }` with a trailing `...`. */
export interface ListExpr extends NodeBase {
  kind: 'List';
  elements: Expr[];
  /** `...` at the end (spec v1.2.2 §8.13: remaining fields default-initialized). */
  dots: boolean;
  /** `...` written alone (`T x = ...;`): the default value of T, an invalid header for headers. */
  bare?: boolean;
}

/** `{ f = e, g = e }`, optionally typed as `(T){...}` through a CastExpr. */
export interface StructExpr extends NodeBase {
  kind: 'StructExpr';
  fields: { name: string; value: Expr; loc: Loc }[];
  dots: boolean;
}

/** `{#}`: an invalid header or header union. */
export interface InvalidExpr extends NodeBase {
  kind: 'Invalid';
}

/** `_` in an expression position (don't-care argument). */
export interface DontCareExpr extends NodeBase {
  kind: 'DontCare';
}

/**
 * A type used where the grammar allows it in an expression: `bit<8>` in
 * `bit<8>.minSizeInBits()`-like forms or as an explicit prefix such as
 * `(bit<8>)` handled by CastExpr. Rare; kept so nothing parses into nonsense.
 */
export interface TypeNameExpr extends NodeBase {
  kind: 'TypeName';
  type: TypeRef;
}

// ------------------------------------------------------------------- keysets

/** A select case label or a table entry key element. */
export type Keyset =
  | { kind: 'KeysetExpr'; expr: Expr; loc: Loc }
  | { kind: 'Mask'; value: Expr; mask: Expr; loc: Loc } // v &&& m
  | { kind: 'Range'; lo: Expr; hi: Expr; loc: Loc } // lo .. hi
  | { kind: 'Default'; loc: Loc } // default
  | { kind: 'DontCareKey'; loc: Loc } // _
  | { kind: 'Tuple'; elements: Keyset[]; loc: Loc }; // (k1, k2)

// ---------------------------------------------------------------- statements

export type Statement =
  | AssignmentStatement
  | MethodCallStatement
  | EmptyStatement
  | BlockStatement
  | IfStatement
  | SwitchStatement
  | ExitStatement
  | ReturnStatement
  | ConstantDeclaration
  | VariableDeclaration
  | ForStatement
  | ForInStatement
  /** An extern/parser/control instantiation inside a block (grammar `statementOrDeclaration`). */
  | Instantiation
  | BreakStatement
  | ContinueStatement;

export interface AssignmentStatement extends NodeBase {
  kind: 'Assignment';
  annotations: Annotation[];
  left: Expr;
  right: Expr;
  /**
   * Compound assignment `left op= right` (p4c extension, e.g. `x += 1`,
   * `x |+|= y`, `x >>= 2`): means `left = left op right`. Absent for `=`.
   */
  op?: BinaryOp;
}

export interface MethodCallStatement extends NodeBase {
  kind: 'MethodCallStatement';
  annotations: Annotation[];
  call: CallExpr;
}

export interface EmptyStatement extends NodeBase {
  kind: 'Empty';
}

export interface BlockStatement extends NodeBase {
  kind: 'Block';
  annotations: Annotation[];
  statements: Statement[];
}

export interface IfStatement extends NodeBase {
  kind: 'If';
  cond: Expr;
  then: Statement;
  else?: Statement;
}

export interface SwitchCase extends NodeBase {
  /** An action name, an enum/int expression, or `default`. */
  label: Expr | { kind: 'Default'; loc: Loc };
  /** Absent for fall-through labels `case:` with no body. */
  body?: BlockStatement;
}

export interface SwitchStatement extends NodeBase {
  kind: 'Switch';
  expr: Expr;
  cases: SwitchCase[];
}

export interface ExitStatement extends NodeBase {
  kind: 'Exit';
}

export interface ReturnStatement extends NodeBase {
  kind: 'Return';
  value?: Expr;
}

/**
 * Spec v1.2.5 §12.15 "For statement": `for (init; cond; update) body`. `init`
 * holds variable declarations, assignments and method calls (comma separated in
 * the source), `update` assignments and method calls; the scope of a variable
 * declared in `init` is the loop. Added for v1.2.5 (additive contract change).
 */
export interface ForStatement extends NodeBase {
  kind: 'For';
  annotations: Annotation[];
  init: (VariableDeclaration | AssignmentStatement | MethodCallStatement)[];
  cond: Expr;
  update: (AssignmentStatement | MethodCallStatement)[];
  body: Statement;
}

/**
 * Spec v1.2.5 §12.15: `for (T x in collection) body`, where the collection is a
 * range `lo .. hi` (both ends included) or an expression (header stack, list).
 */
export interface ForInStatement extends NodeBase {
  kind: 'ForIn';
  annotations: Annotation[];
  /** Annotations written on the loop variable (`for (@a T x in ...)`). */
  variableAnnotations: Annotation[];
  type: TypeRef;
  name: string;
  collection: { kind: 'Range'; lo: Expr; hi: Expr; loc: Loc } | { kind: 'Expr'; expr: Expr; loc: Loc };
  body: Statement;
}

/** `break;` (spec v1.2.5 §12.15): only inside a for loop. */
export interface BreakStatement extends NodeBase {
  kind: 'Break';
}

/** `continue;` (spec v1.2.5 §12.15): only inside a for loop. */
export interface ContinueStatement extends NodeBase {
  kind: 'Continue';
}

// -------------------------------------------------------------- declarations

export type Declaration =
  | ConstantDeclaration
  | VariableDeclaration
  | Instantiation
  | HeaderDecl
  | HeaderUnionDecl
  | StructDecl
  | EnumDecl
  | ErrorDecl
  | MatchKindDecl
  | TypedefDecl
  | ExternObjectDecl
  | ExternFunctionDecl
  | ParserTypeDecl
  | ControlTypeDecl
  | PackageTypeDecl
  | ParserDecl
  | ControlDecl
  | ActionDecl
  | TableDecl
  | FunctionDecl
  | ValueSetDecl;

export interface Program {
  kind: 'Program';
  declarations: Declaration[];
}

export interface ConstantDeclaration extends NodeBase {
  kind: 'ConstantDeclaration';
  annotations: Annotation[];
  type: TypeRef;
  name: string;
  value: Expr;
}

export interface VariableDeclaration extends NodeBase {
  kind: 'VariableDeclaration';
  annotations: Annotation[];
  type: TypeRef;
  name: string;
  init?: Expr;
}

/**
 * `T(args) name;` or `T(args) name = { abstract method implementations };`
 * (extern, parser, control and package instantiations).
 */
export interface Instantiation extends NodeBase {
  kind: 'Instantiation';
  annotations: Annotation[];
  type: TypeRef;
  args: Argument[];
  name: string;
  /** Implementations of abstract extern methods (spec §7.2.10.2). */
  initializer?: Declaration[];
}

export interface StructField extends NodeBase {
  annotations: Annotation[];
  type: TypeRef;
  name: string;
}

/** A type parameter list `<T, U>` is kept as names. */
export interface HeaderDecl extends NodeBase {
  kind: 'HeaderDecl';
  annotations: Annotation[];
  name: string;
  typeParams: string[];
  fields: StructField[];
}

export interface HeaderUnionDecl extends NodeBase {
  kind: 'HeaderUnionDecl';
  annotations: Annotation[];
  name: string;
  typeParams: string[];
  fields: StructField[];
}

export interface StructDecl extends NodeBase {
  kind: 'StructDecl';
  annotations: Annotation[];
  name: string;
  typeParams: string[];
  fields: StructField[];
}

/** `enum E { A, B }` or a serializable enum `enum bit<8> E { A = 1, B = 2 }`. */
export interface EnumDecl extends NodeBase {
  kind: 'EnumDecl';
  annotations: Annotation[];
  name: string;
  underlyingType?: TypeRef;
  members: { name: string; value?: Expr; loc: Loc; annotations: Annotation[] }[];
}

export interface ErrorDecl extends NodeBase {
  kind: 'ErrorDecl';
  members: { name: string; loc: Loc }[];
}

export interface MatchKindDecl extends NodeBase {
  kind: 'MatchKindDecl';
  members: { name: string; loc: Loc }[];
}

/** `typedef T N;` (isNewType false) or `type T N;` (isNewType true). */
export interface TypedefDecl extends NodeBase {
  kind: 'TypedefDecl';
  annotations: Annotation[];
  isNewType: boolean;
  name: string;
  /** A type, or a derived type declaration written inline (`typedef struct {...} N`). */
  type: TypeRef | HeaderDecl | HeaderUnionDecl | StructDecl | EnumDecl;
}

export type Direction = 'none' | 'in' | 'out' | 'inout';

export interface Parameter extends NodeBase {
  annotations: Annotation[];
  direction: Direction;
  type: TypeRef;
  name: string;
  defaultValue?: Expr;
}

/**
 * A function, method, extern function or constructor prototype.
 * Constructors have `returnType` undefined and `name` equal to the extern's name.
 */
export interface FunctionPrototype extends NodeBase {
  annotations: Annotation[];
  returnType?: TypeRef;
  name: string;
  typeParams: string[];
  params: Parameter[];
  /** `abstract` methods of an extern (spec §7.2.10.2). */
  isAbstract: boolean;
}

export interface ExternObjectDecl extends NodeBase {
  kind: 'ExternObjectDecl';
  annotations: Annotation[];
  name: string;
  typeParams: string[];
  methods: FunctionPrototype[];
}

export interface ExternFunctionDecl extends NodeBase {
  kind: 'ExternFunctionDecl';
  annotations: Annotation[];
  prototype: FunctionPrototype;
}

export interface ParserTypeDecl extends NodeBase {
  kind: 'ParserTypeDecl';
  annotations: Annotation[];
  name: string;
  typeParams: string[];
  params: Parameter[];
}

export interface ControlTypeDecl extends NodeBase {
  kind: 'ControlTypeDecl';
  annotations: Annotation[];
  name: string;
  typeParams: string[];
  params: Parameter[];
}

export interface PackageTypeDecl extends NodeBase {
  kind: 'PackageTypeDecl';
  annotations: Annotation[];
  name: string;
  typeParams: string[];
  params: Parameter[];
}

export interface SelectCase extends NodeBase {
  keyset: Keyset;
  state: string;
}

export interface SelectExpr extends NodeBase {
  kind: 'Select';
  exprs: Expr[];
  cases: SelectCase[];
}

export interface ParserState extends NodeBase {
  annotations: Annotation[];
  name: string;
  statements: Statement[];
  /** `transition state;` or `transition select(...) {...}`; absent only for accept/reject. */
  transition?: { kind: 'Direct'; state: string; loc: Loc } | SelectExpr;
}

export interface ValueSetDecl extends NodeBase {
  kind: 'ValueSetDecl';
  annotations: Annotation[];
  elementType: TypeRef;
  size: Expr;
  name: string;
}

export interface ParserDecl extends NodeBase {
  kind: 'ParserDecl';
  annotations: Annotation[];
  name: string;
  typeParams: string[];
  params: Parameter[];
  ctorParams: Parameter[];
  /** Constants, variables, instantiations and value sets. */
  locals: Declaration[];
  states: ParserState[];
}

export interface ControlDecl extends NodeBase {
  kind: 'ControlDecl';
  annotations: Annotation[];
  name: string;
  typeParams: string[];
  params: Parameter[];
  ctorParams: Parameter[];
  /** Constants, variables, instantiations, actions, tables, functions. */
  locals: Declaration[];
  body: BlockStatement;
}

export interface ActionDecl extends NodeBase {
  kind: 'ActionDecl';
  annotations: Annotation[];
  name: string;
  params: Parameter[];
  body: BlockStatement;
}

export interface FunctionDecl extends NodeBase {
  kind: 'FunctionDecl';
  prototype: FunctionPrototype;
  body: BlockStatement;
}

export interface KeyElement extends NodeBase {
  annotations: Annotation[];
  expr: Expr;
  matchKind: string;
}

export interface ActionRef extends NodeBase {
  annotations: Annotation[];
  /** A Path, or a Call binding some parameters (`a(1)`). */
  expr: Expr;
}

export interface TableEntry extends NodeBase {
  annotations: Annotation[];
  /** `const` before an entry inside a non-const `entries` list (spec v1.2.4). */
  isConst: boolean;
  /** `priority = N :` prefix (spec v1.2.4 §14.2.1.4). */
  priority?: Expr;
  keyset: Keyset;
  action: ActionRef;
}

export type TableProperty =
  | { kind: 'Key'; elements: KeyElement[]; loc: Loc; annotations: Annotation[] }
  | { kind: 'Actions'; actions: ActionRef[]; loc: Loc; annotations: Annotation[] }
  | { kind: 'Entries'; isConst: boolean; entries: TableEntry[]; loc: Loc; annotations: Annotation[] }
  /** Any `[const] name = expr;` property: default_action, size, implementation, counters, custom. */
  | { kind: 'Value'; isConst: boolean; name: string; value: Expr; loc: Loc; annotations: Annotation[] };

export interface TableDecl extends NodeBase {
  kind: 'TableDecl';
  annotations: Annotation[];
  name: string;
  properties: TableProperty[];
}
