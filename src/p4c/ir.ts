// CHANGES FOR THE SWITCH ENGINE (additive, 2026-11-22): P4_16 v1.2.5 §12.15 loops.
// Four new IrStatement kinds, produced only for programs that use loops:
//   for      { init, cond, update, body }: run `init` once (its `declare`s scope
//            over the loop), then repeat: evaluate `cond`, leave when false, run
//            `body`, run `update`. `continue` in `body` skips to `update`.
//   forIn    { slot, range | elements, body }: `for (T x in lo .. hi)` assigns
//            lo, lo+1, ..., hi (inclusive, ascending, empty when lo > hi; both
//            bounds evaluated once before the first iteration) to frame `slot`;
//            `for (T x in collection)` assigns each of `elements` (evaluated at
//            the start of its iteration: stack elements 0..size-1, list items).
//            Beware hi = the type's maximum: the increment must not wrap.
//   break    leaves the innermost for/forIn; continue ends its current iteration.
// Both only occur (checked) inside a loop body of the same action, function or
// control; a loop never crosses a call. The interpreter needs one more
// completion status (or two) for break/continue; `exit`/`return` inside a loop
// propagate out as usual.
// Other source forms added at the same time reuse existing nodes: `l op= r` is
// `assign l = l op r` (l's index expressions then run twice), `e[lo +: w]` is a
// `slice` (constant lo) or slice(shr(e, lo), w - 1, 0), `...` initializers are
// folded constants, and generic functions are one IrFunction per specialization.
//
// The resolved, width-explicit intermediate representation of a checked P4_16
// program. The checker (check/) lowers the AST to this; the embedded switch
// (src/sim) executes it and the P4Info emitter reads its tables, actions and
// instances. Nothing here is a name to look up at run time: every variable is a
// frame slot, every callee an index or a (extern type, method, overload) triple,
// every implicit cast an explicit `cast` node, every constant already folded.
//
// ---------------------------------------------------------------- run-time values
// The interpreter represents values as follows (type on the node says which):
//   bit<W>, W <= 32      number in [0, 2^W)               (use `>>> 0` at W = 32)
//   int<W>, W <= 32      number in [-2^(W-1), 2^(W-1))     (two's complement wrap)
//   bit<W>/int<W>, W > 32  bigint, same ranges
//   bool                 boolean
//   varbit<M>            VarbitValue { width, value: bigint }  (width = current size)
//   error                number: index into IrProgram.errors
//   enum (plain)         number: index into the enum's `members`
//   enum (serializable)  the underlying bit<W>/int<W> value (number or bigint as above)
//   string               string (only as arguments to externs such as log_msg)
//   header               HeaderValue { valid, fields: Value[] }
//   struct / tuple       Value[] in field / element order
//   header union         Value[] of HeaderValue, one per member (at most one valid)
//   header stack         StackValue { elements, nextIndex }
//   extern (parameter)   whatever object the target binds (packet_in, packet_out)
// Widths are only ever taken from the node's `type`, never from the value.
// Compile-time-only types (`int`, match_kind, string constants) never reach
// run time except as folded `const` nodes that the checker has already cast.

import type { Loc } from './ast.js';

// ------------------------------------------------------------------------ types

export interface IrBitType {
  kind: 'bit';
  width: number;
  signed: boolean;
  /** Name of the `type` (new type, spec §7.6) this was declared as; P4Info `type_name`. */
  newTypeName?: string;
  /** Annotations of that `type` declaration (e.g. @p4runtime_translation for P4Info type_info). */
  newTypeAnnotations?: IrAnnotation[];
}

export interface IrField {
  name: string;
  type: IrType;
  /**
   * Bit offset from the start of the header (headers only). For fields after a
   * varbit the offset counts the varbit as zero bits; `afterVarbit` says so.
   */
  offsetBits?: number;
  afterVarbit?: boolean;
  annotations: IrAnnotation[];
}

export interface IrHeaderType {
  kind: 'header';
  name: string;
  fields: IrField[];
  /** Sum of fixed-width fields (the varbit, if any, counts as 0): minSizeInBits. */
  fixedWidthBits: number;
  /** Sum with the varbit at its maximum width: maxSizeInBits. */
  maxWidthBits: number;
  annotations: IrAnnotation[];
}

export interface IrStructType {
  kind: 'struct';
  name: string;
  fields: IrField[];
  annotations: IrAnnotation[];
}

export interface IrUnionType {
  kind: 'union';
  name: string;
  /** Every member is a header. */
  fields: IrField[];
  annotations: IrAnnotation[];
}

export interface IrEnumType {
  kind: 'enum';
  name: string;
  members: string[];
  /** Serializable enums (spec §8.3): the underlying type and one value per member. */
  underlying?: IrBitType;
  values?: (number | bigint)[];
  annotations: IrAnnotation[];
}

export interface IrStackType {
  kind: 'stack';
  element: IrHeaderType | IrUnionType;
  size: number;
}

export interface IrListType {
  kind: 'list';
  element: IrType;
}

export type IrType =
  | IrBitType
  | { kind: 'bool' }
  | { kind: 'varbit'; maxWidth: number }
  /** Infinite-precision integer: compile-time only (spec §8.9). */
  | { kind: 'int' }
  | { kind: 'string' }
  | { kind: 'error' }
  | { kind: 'matchKind' }
  | { kind: 'void' }
  | IrEnumType
  | IrHeaderType
  | IrStructType
  | IrUnionType
  | IrStackType
  | { kind: 'tuple'; elements: IrType[] }
  /** `list<T>` (P4_16 v1.2.4 "List types"): compile-time only (extern constructor arguments); its value is Value[] like a tuple's. */
  | IrListType
  /** An extern object (instance or parameter), e.g. packet_in, counter. */
  | { kind: 'extern'; name: string; typeArgs: IrType[] }
  /** A sub-parser or sub-control instance; `instance` indexes IrProgram.parsers/controls. */
  | { kind: 'parser' | 'control' | 'package'; name: string; typeArgs?: IrType[] }
  /** Checker-internal: a type parameter, and the type of erroneous expressions. Never in an accepted program. */
  | { kind: 'typeVar'; name: string }
  | { kind: 'unknown' };

// ------------------------------------------------------------------ annotations

export interface IrAnnotation {
  name: string;
  /** Evaluated arguments of `@name(e1, e2)` when they are literals, else absent. */
  args?: (string | bigint | boolean)[];
  /** Raw body tokens joined by single spaces (`@pragma` and friends). */
  text: string;
  /** `@name[k = v, ...]` structured key-value bodies. */
  pairs?: Record<string, string | bigint | boolean>;
  loc: Loc;
}

// -------------------------------------------------------------------- values

export interface VarbitValue {
  width: number;
  value: bigint;
}

export interface HeaderValue {
  valid: boolean;
  fields: Value[];
  /** Bits after the last field up to a whole byte, as extracted (p4c's BMv2 `_padding` field, re-emitted by BMv2); absent = zeros. */
  padding?: number;
}

export interface StackValue {
  elements: Value[]; // HeaderValue, or Value[] for a stack of unions
  nextIndex: number;
}

export type Value =
  | number
  | bigint
  | boolean
  | string
  | VarbitValue
  | HeaderValue
  | StackValue
  | Value[];

// ------------------------------------------------------------------ expressions

export type IrUnaryOp =
  | 'not' // !  bool
  | 'complement' // ~  bit/int
  | 'negate'; // -  bit (wraps) / int

export type IrBinaryOp =
  | 'mul' | 'div' | 'mod'
  | 'add' | 'sub'
  | 'addSat' | 'subSat' // |+| |-| (spec §8.5, §8.6)
  // Right operand is unsigned bit<W>; int<W> >> is arithmetic (spec §8.6); an amount
  // >= width gives 0 (all ones for >> of a negative int<W>).
  | 'shl' | 'shr'
  | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'
  | 'and' | 'or' | 'xor' // bitwise
  | 'concat' // ++ : result width = sum (spec §8.5)
  | 'logicalAnd' | 'logicalOr'; // short-circuit, bool

interface ExprBase {
  type: IrType;
  loc: Loc;
}

export type IrExpr =
  /**
   * A folded constant of `type` (bit/int/bool/error/enum/string/struct/tuple...).
   * A constant of extern type (an instance passed as a constructor argument) holds
   * the instance's index in IrProgram.instances.
   */
  | (ExprBase & { kind: 'const'; value: Value })
  /** A parameter or local: `slot` indexes the current frame (see IrFrame). */
  | (ExprBase & { kind: 'var'; slot: number; name: string })
  /** Field `index` of a struct, header or union value. */
  | (ExprBase & { kind: 'field'; base: IrExpr; index: number; name: string })
  /** `stack[index]`; out of range reads are unspecified, writes ignored (spec §8.18). */
  | (ExprBase & { kind: 'stackElement'; base: IrExpr; index: IrExpr })
  /** `stack.next` / `stack.last` (parsers only, spec §8.18). */
  | (ExprBase & { kind: 'stackNext' | 'stackLast'; base: IrExpr })
  /** `stack.lastIndex`, bit<32> (nextIndex - 1). `size` is folded to a const. */
  | (ExprBase & { kind: 'stackLastIndex'; base: IrExpr })
  /** `e[hi:lo]`, bit<hi-lo+1>; hi/lo are constants within the width (spec §8.5). */
  | (ExprBase & { kind: 'slice'; base: IrExpr; hi: number; lo: number })
  | (ExprBase & { kind: 'unary'; op: IrUnaryOp; operand: IrExpr })
  /** Both operands already have the result's width except for shifts and concat. */
  | (ExprBase & { kind: 'binary'; op: IrBinaryOp; left: IrExpr; right: IrExpr })
  /** Conversion from `operand.type` to `type` (explicit, or made explicit, spec §8.10). */
  | (ExprBase & { kind: 'cast'; operand: IrExpr })
  | (ExprBase & { kind: 'mux'; cond: IrExpr; then: IrExpr; else: IrExpr })
  /** Tuple value `{a, b}` (lists converted to structs/headers become structInit). */
  | (ExprBase & { kind: 'list'; elements: IrExpr[] })
  /** A valid header or a struct built from `{f = e, ...}`: one element per field, in field order. */
  | (ExprBase & { kind: 'structInit'; fields: IrExpr[] })
  /** `{#}`: an invalid header or header union of `type`. */
  | (ExprBase & { kind: 'invalid' })
  /** `h.isValid()`, also on unions (any member valid). */
  | (ExprBase & { kind: 'isValid'; base: IrExpr })
  /** `t.apply().hit` / `.miss` evaluates the apply then tests the result. */
  | (ExprBase & { kind: 'tableHit'; table: number; miss: boolean })
  /** A call with a return value (functions, extern methods and functions). */
  | (ExprBase & { kind: 'call'; call: IrCall });

// ------------------------------------------------------------------------ calls

/** Where an extern method is applied: a program-wide instance or an extern-typed parameter. */
export type IrExternTarget =
  | { kind: 'instance'; instance: number }
  | { kind: 'param'; slot: number; name: string };

export type IrCallee =
  /** An action called directly (index into IrProgram.actions). */
  | { kind: 'action'; action: number }
  /** A P4 function (index into IrProgram.functions). */
  | { kind: 'function'; function: number }
  /**
   * An extern object method; the target binds (externType, method, overload).
   * `overload` is the index among same-named methods in declaration order.
   */
  | {
      kind: 'externMethod';
      target: IrExternTarget;
      externType: string;
      method: string;
      overload: number;
      /** Type arguments, inferred or explicit (e.g. extract<T>: the header type). */
      typeArgs: IrType[];
    }
  /** An extern function (mark_to_drop, hash, digest, verify_checksum, verify, ...). */
  | { kind: 'externFunction'; name: string; overload: number; typeArgs: IrType[] }
  | { kind: 'setValid' | 'setInvalid'; base: IrExpr }
  /** push_front(count) / pop_front(count) on a stack; count is a constant. */
  | { kind: 'pushFront' | 'popFront'; base: IrExpr; count: number }
  /** Apply a table (its result is then ignored, or tested by tableHit/switchActionRun). */
  | { kind: 'tableApply'; table: number }
  /** `sub.apply(args)` of a sub-parser or sub-control instance. */
  | { kind: 'parserApply'; parser: number }
  | { kind: 'controlApply'; control: number };

/**
 * One argument, in parameter order (named arguments already reordered, default
 * values filled in). `value` is undefined for `_` bound to an out parameter
 * and for an omitted @optional parameter.
 * Copy-in/copy-out (spec §6.8): evaluate lvalues left to right, copy in `in`
 * and `inout`, run, then copy `out` and `inout` back in order.
 */
export interface IrArgument {
  param: string;
  direction: IrDirection;
  type: IrType;
  value: IrExpr | undefined;
}

export interface IrCall {
  callee: IrCallee;
  args: IrArgument[];
  loc: Loc;
}

// ------------------------------------------------------------------- statements

export type IrStatement =
  | { kind: 'assign'; target: IrExpr; value: IrExpr; loc: Loc }
  | { kind: 'call'; call: IrCall; loc: Loc }
  /** A local declaration: `init` or, when absent, the type's default (zero / invalid). */
  | { kind: 'declare'; slot: number; name: string; type: IrType; init?: IrExpr; loc: Loc }
  | { kind: 'if'; cond: IrExpr; then: IrStatement[]; else: IrStatement[]; loc: Loc }
  /** `switch (expr)` over bit/int/enum/error values (spec §12.7); labels are folded. */
  | { kind: 'switch'; expr: IrExpr; cases: IrSwitchCase[]; loc: Loc }
  /** `switch (t.apply().action_run)`; labels are action indices (spec §12.7). */
  | { kind: 'switchActionRun'; table: number; cases: IrSwitchActionCase[]; loc: Loc }
  | { kind: 'block'; body: IrStatement[]; loc: Loc }
  | { kind: 'exit'; loc: Loc }
  | { kind: 'return'; value?: IrExpr; loc: Loc }
  /** Spec v1.2.5 §12.15 `for (init; cond; update) body` (see the note at the top of this file). */
  | { kind: 'for'; init: IrStatement[]; cond: IrExpr; update: IrStatement[]; body: IrStatement[]; loc: Loc }
  /** Spec v1.2.5 §12.15 `for (T x in ...)`: exactly one of `range` / `elements` is set. */
  | {
      kind: 'forIn';
      slot: number;
      name: string;
      type: IrType;
      range?: { low: IrExpr; high: IrExpr };
      elements?: IrExpr[];
      body: IrStatement[];
      loc: Loc;
    }
  | { kind: 'break' | 'continue'; loc: Loc };

/** Fall-through labels are merged: `values` holds all labels sharing `body`. */
export interface IrSwitchCase {
  values: Value[];
  isDefault: boolean;
  body: IrStatement[];
}

export interface IrSwitchActionCase {
  actions: number[];
  isDefault: boolean;
  body: IrStatement[];
}

// ------------------------------------------------------------- frames and params

export type IrDirection = 'none' | 'in' | 'out' | 'inout';

export interface IrParam {
  name: string;
  direction: IrDirection;
  type: IrType;
  /** Frame slot receiving the argument. */
  slot: number;
  annotations: IrAnnotation[];
  loc: Loc;
}

/**
 * The slots of one activation. A parser or control instance has a frame holding
 * its apply parameters, its locals and the parameters and locals of every action
 * and function declared inside it (they run in that frame: P4 has no recursion,
 * spec §6.8). Top-level actions and functions have their own frame.
 */
export interface IrFrame {
  slots: { name: string; type: IrType }[];
}

// ---------------------------------------------------------------------- blocks

export interface IrAction {
  index: number;
  /** Name as declared. */
  name: string;
  /** P4Info name: `Control.action`, top-level actions keep the plain name; @name honoured. */
  controlPlaneName: string;
  params: IrParam[];
  body: IrStatement[];
  /** Own frame (top-level actions) or undefined: runs in the enclosing control's frame. */
  frame?: IrFrame;
  /** Index into IrProgram.controls of the enclosing control instance, if any. */
  control?: number;
  annotations: IrAnnotation[];
  loc: Loc;
}

export interface IrFunction {
  index: number;
  name: string;
  returnType: IrType;
  params: IrParam[];
  body: IrStatement[];
  frame?: IrFrame;
  control?: number;
  annotations: IrAnnotation[];
  loc: Loc;
}

/** A select keyset element (spec §12.6); values are already cast to the key's type. */
export type IrKeyset =
  | { kind: 'value'; value: Value }
  | { kind: 'mask'; value: Value; mask: Value }
  | { kind: 'range'; low: Value; high: Value }
  /** `default` or `_`. */
  | { kind: 'default' }
  /** A parser value set (index into IrProgram.valueSets). */
  | { kind: 'valueSet'; valueSet: number };

export const ACCEPT_STATE = -1;
export const REJECT_STATE = -2;

export interface IrSelectCase {
  /**
   * One element per select expression; a single `valueSet` element when a value
   * set of struct type covers all the select expressions at once.
   */
  keysets: IrKeyset[];
  /** State index, or ACCEPT_STATE / REJECT_STATE. */
  next: number;
  nextName: string;
  loc: Loc;
}

export type IrTransition =
  | { kind: 'direct'; next: number; nextName: string; loc: Loc }
  /** No case matching: reject with error.NoMatch (spec §12.6). */
  | { kind: 'select'; exprs: IrExpr[]; cases: IrSelectCase[]; loc: Loc };

export interface IrParserState {
  index: number;
  name: string;
  statements: IrStatement[];
  transition: IrTransition;
  annotations: IrAnnotation[];
  loc: Loc;
}

/** One parser instance. `states[0]` is `start`. */
export interface IrParser {
  index: number;
  /** The parser type declaration's name. */
  typeName: string;
  /** Fully qualified instance name (control-plane prefix). */
  controlPlaneName: string;
  params: IrParam[];
  frame: IrFrame;
  /** Local variable declarations, run at each apply before `start`. */
  localInits: IrStatement[];
  states: IrParserState[];
  annotations: IrAnnotation[];
  loc: Loc;
}

/** One control instance. */
export interface IrControl {
  index: number;
  typeName: string;
  controlPlaneName: string;
  params: IrParam[];
  frame: IrFrame;
  localInits: IrStatement[];
  body: IrStatement[];
  annotations: IrAnnotation[];
  loc: Loc;
}

// ----------------------------------------------------------------------- tables

export interface IrTableKey {
  expr: IrExpr;
  matchKind: string;
  width: number;
  /** P4Info match field name: `hdr.ipv4.dstAddr` as written, or @name. */
  name: string;
  annotations: IrAnnotation[];
  loc: Loc;
}

/** How an action may be used in a table (spec §14.2.1.2, P4Runtime scope). */
export type IrActionScope = 'tableAndDefault' | 'tableOnly' | 'defaultOnly';

export interface IrTableActionRef {
  action: number;
  scope: IrActionScope;
  /** Arguments bound in the `actions` list for directional params, in param order. */
  boundArgs: IrArgument[];
  annotations: IrAnnotation[];
}

export interface IrActionCall {
  action: number;
  /** Control-plane (directionless) argument values in parameter order, already cast. */
  args: Value[];
}

export interface IrTableEntry {
  /** One keyset per key element. */
  keysets: IrKeyset[];
  /**
   * `priority = N:` as written (spec v1.2.4 §14.2.1.4: with the default
   * largest_priority_wins, larger wins). Undefined: the entry's order decides,
   * earlier entries winning (as p4c numbers them).
   */
  priority?: number;
  action: IrActionCall;
  isConst: boolean;
  annotations: IrAnnotation[];
  loc: Loc;
}

/**
 * A table (spec §14.2). Applying it evaluates `keys` in order in the control's
 * frame, looks up the entries, then runs the chosen action: the entry's (or the
 * default) action, with `boundArgs` of the actions list for directional
 * parameters and the control-plane values for directionless ones. The result
 * (hit, action index) feeds `tableHit` and `switchActionRun`.
 */
export interface IrTable {
  index: number;
  name: string;
  controlPlaneName: string;
  control: number;
  keys: IrTableKey[];
  actions: IrTableActionRef[];
  /** Without default_action: NoAction, which is then also added to `actions` as defaultOnly (spec §14.2.1.3). */
  defaultAction: IrActionCall & { isConst: boolean };
  /** `entries` / `const entries` (spec §14.2.1.4), in source order. */
  entries?: { isConst: boolean; entries: IrTableEntry[] };
  size?: number;
  /** action_profile / action_selector instance index. */
  implementation?: number;
  directCounters: number[];
  directMeters: number[];
  supportTimeout: boolean;
  /** Every other property, folded where constant. */
  otherProperties: { name: string; value: Value | undefined; isConst: boolean }[];
  annotations: IrAnnotation[];
  loc: Loc;
}

// --------------------------------------------------------------- extern instances

export interface IrConstructorArg {
  name: string;
  type: IrType;
  value: Value;
}

export interface IrExternInstance {
  index: number;
  name: string;
  controlPlaneName: string;
  /** counter, direct_counter, meter, direct_meter, register, action_profile, ... */
  externType: string;
  typeArgs: IrType[];
  /** Which constructor overload (index among the extern's constructors). */
  constructorOverload: number;
  /**
   * Constructor arguments, folded. An argument of extern type (e.g. the Register
   * of a TNA RegisterAction) holds that instance's index.
   */
  args: IrConstructorArg[];
  /** Implementations of abstract methods given at instantiation (spec §11.3.1), as functions. */
  abstractMethods?: { name: string; function: number }[];
  annotations: IrAnnotation[];
  loc: Loc;
}

export interface IrValueSet {
  index: number;
  name: string;
  controlPlaneName: string;
  elementType: IrType;
  /** Width of the element in bits (sum of fields for struct elements). */
  width: number;
  size: number;
  annotations: IrAnnotation[];
  loc: Loc;
}

// ------------------------------------------------------------------ the program

/** An argument of the top-level package instantiation (e.g. V1Switch's slots). */
export interface IrPackageArg {
  /** Package parameter name: `p`, `vr`, `ig`, `eg`, `ck`, `dep` for V1Switch. */
  param: string;
  kind: 'parser' | 'control' | 'package' | 'extern' | 'value';
  /** Index into parsers / controls / packages / instances. */
  index: number;
}

export interface IrPackage {
  index: number;
  typeName: string;
  name: string;
  args: IrPackageArg[];
  typeArgs: IrType[];
  loc: Loc;
}

export interface IrDigest {
  /** The digest's struct type (P4Info digest type_spec). */
  type: IrType;
  /** Control-plane name as p4c uses it: the struct type's name. */
  name: string;
  loc: Loc;
}

/** Signature of an extern method or function, for targets to validate bindings. */
export interface IrExternSignature {
  name: string;
  overload: number;
  typeParams: string[];
  params: { name: string; direction: IrDirection; type: string }[];
  returnType: string;
}

export interface IrExternType {
  name: string;
  typeParams: string[];
  constructors: IrExternSignature[];
  methods: IrExternSignature[];
  annotations: IrAnnotation[];
}

export interface IrProgram {
  /** Declared named types (headers, structs, unions, enums, typedefs resolved). */
  types: Map<string, IrType>;
  /** All error members; a run-time error value is an index here (core.p4's first). */
  errors: string[];
  matchKinds: string[];
  externTypes: IrExternType[];
  externFunctions: IrExternSignature[];
  /**
   * Parser and control instances: those reachable from top-level instantiations
   * (one per instance, so a block instantiated twice appears twice). Without a
   * `main` package ("library mode") every parser/control declared without
   * constructor parameters is also lowered, named by its type.
   */
  parsers: IrParser[];
  controls: IrControl[];
  actions: IrAction[];
  functions: IrFunction[];
  tables: IrTable[];
  instances: IrExternInstance[];
  valueSets: IrValueSet[];
  packages: IrPackage[];
  /** The package instance named `main` (index into packages), if any. */
  main?: number;
  /** Headers annotated @controller_header("packet_in" / "packet_out"). */
  controllerHeaders: { packetIn?: IrHeaderType; packetOut?: IrHeaderType };
  digests: IrDigest[];
}

// ----------------------------------------------------------------- helpers

/** Width in bits of a fixed-width type (bit/int/bool=1/enum underlying/header/struct); undefined otherwise. */
export function widthOf(type: IrType): number | undefined {
  switch (type.kind) {
    case 'bit':
      return type.width;
    case 'bool':
      return 1;
    case 'enum':
      return type.underlying?.width;
    case 'header':
      return type.fixedWidthBits === type.maxWidthBits ? type.fixedWidthBits : undefined;
    case 'struct': {
      let sum = 0;
      for (const field of type.fields) {
        const w = widthOf(field.type);
        if (w === undefined) return undefined;
        sum += w;
      }
      return sum;
    }
    case 'stack': {
      const w = widthOf(type.element);
      return w === undefined ? undefined : w * type.size;
    }
    default:
      return undefined;
  }
}

/** True when a bit<W>/int<W> of this width is represented as bigint (see top of file). */
export function isBigWidth(width: number): boolean {
  return width > 32;
}

/** Printable type, as p4c writes it (`bit<8>`, `headers_t`, `h[4]`). */
export function typeToString(type: IrType): string {
  switch (type.kind) {
    case 'bit':
      return type.newTypeName ?? `${type.signed ? 'int' : 'bit'}<${type.width}>`;
    case 'varbit':
      return `varbit<${type.maxWidth}>`;
    case 'tuple':
      return `tuple<${type.elements.map(typeToString).join(', ')}>`;
    case 'list':
      return `list<${typeToString(type.element)}>`;
    case 'stack':
      return `${typeToString(type.element)}[${type.size}]`;
    case 'extern':
      return type.typeArgs.length ? `${type.name}<${type.typeArgs.map(typeToString).join(', ')}>` : type.name;
    case 'header':
    case 'struct':
    case 'union':
    case 'enum':
    case 'parser':
    case 'control':
    case 'package':
    case 'typeVar':
      return type.name;
    case 'matchKind':
      return 'match_kind';
    default:
      return type.kind;
  }
}
