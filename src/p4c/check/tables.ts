// Tables (spec §14.2): keys with match kinds and widths, the action list with
// scopes and bound arguments, default action, entries, size, implementation,
// direct counters and meters, idle timeout and every other property.

import type { ActionRef, Argument, CallExpr, Expr, KeyElement, Keyset, TableDecl, TableEntry } from '../ast.js';
import { Diagnostics } from '../diagnostics.js';
import type { IrActionCall, IrActionScope, IrArgument, IrExpr, IrKeyset, IrTable, IrTableActionRef, IrTableKey, Value } from '../ir.js';
import { typeToString } from '../ir.js';
import { bindArguments, paramsSignature } from './calls.js';
import { type BodyContext, error, exprText, warning } from './context.js';
import { lowerExpr } from './expressions.js';
import { instantiateInline } from './instances.js';
import { lowerKeyset } from './parsers.js';
import { annotationString, controlPlaneName, evalConstant, evalInteger, lowerAnnotations } from './resolve.js';
import { VOID } from './types.js';
import { toBigInt } from './values.js';

interface ActionTarget {
  index: number;
  args: Argument[];
  call: CallExpr;
}

function resolveActionRef(context: BodyContext, expr: Expr): ActionTarget | undefined {
  const callee = expr.kind === 'Call' ? expr.callee : expr;
  const args = expr.kind === 'Call' ? expr.args : [];
  if (callee.kind !== 'Path') {
    error(context, expr.loc, `${exprText(expr)}: expected an action name`);
    return undefined;
  }
  const symbol = callee.global ? context.checker.globals.lookup(callee.name) : context.scope.lookup(callee.name);
  if (symbol?.kind !== 'action') {
    error(context, expr.loc, `${callee.name}: ${symbol ? 'not an action' : 'no such action'}`);
    return undefined;
  }
  const call: CallExpr = expr.kind === 'Call' ? expr : { kind: 'Call', callee, typeArgs: [], args: [], loc: expr.loc };
  return { index: symbol.index, args, call };
}

export function lowerTable(context: BodyContext, decl: TableDecl): number {
  const program = context.checker.program;
  const index = program.tables.length;
  const name = controlPlaneName(context.prefix, decl.name, decl.annotations);
  if (context.scope.lookupLocal(decl.name)) error(context, decl.loc, `${decl.name}: duplicate declaration`);
  const table: IrTable = {
    index,
    name: decl.name,
    controlPlaneName: name,
    control: context.control ?? -1,
    keys: [],
    actions: [],
    defaultAction: { action: -1, args: [], isConst: false },
    directCounters: [],
    directMeters: [],
    supportTimeout: false,
    otherProperties: [],
    annotations: lowerAnnotations(decl.annotations),
    loc: decl.loc,
  };
  program.tables.push(table);
  const seen = new Set<string>();
  let defaultSeen = false;
  for (const property of decl.properties) {
    const key = property.kind === 'Value' ? property.name : property.kind;
    if (seen.has(key)) error(context, property.loc, `${decl.name}: duplicate table property ${key === 'Key' ? 'key' : key.toLowerCase()}`);
    seen.add(key);
    switch (property.kind) {
      case 'Key':
        table.keys = property.elements.map((element) => lowerKey(context, element));
        break;
      case 'Actions':
        for (const ref of property.actions) lowerActionListEntry(context, table, ref);
        break;
      case 'Entries':
        if (!seen.has('Key')) error(context, property.loc, `${decl.name}: entries require a key`);
        table.entries = { isConst: property.isConst, entries: property.entries.map((entry) => lowerEntry(context, table, entry, property.isConst)) };
        break;
      case 'Value':
        if (property.name === 'default_action') defaultSeen = true;
        lowerValueProperty(context, table, property);
        break;
    }
  }
  if (!seen.has('Actions')) error(context, decl.loc, `${decl.name}: a table needs an actions property`);
  if (!defaultSeen) {
    // Spec §14.2.1.3: without default_action the default is NoAction.
    const noAction = context.checker.globals.lookup('NoAction');
    if (noAction?.kind === 'action') {
      table.defaultAction = { action: noAction.index, args: [], isConst: false };
      // Spec §14.2.1.3 (and p4c): NoAction joins the list as a default-only action when absent.
      if (!table.actions.some((ref) => ref.action === noAction.index)) {
        table.actions.push({ action: noAction.index, scope: 'defaultOnly', boundArgs: [], annotations: [{ name: 'defaultonly', text: '', loc: decl.loc }] });
      }
    }
    else error(context, decl.loc, `${decl.name}: no default_action and NoAction is not declared`);
  }
  context.scope.set(decl.name, { kind: 'table', index, decl });
  return index;
}

function lowerKey(context: BodyContext, element: KeyElement): IrTableKey {
  const expr = lowerExpr(context, element.expr);
  const type = expr.type;
  let width = 0;
  if (type.kind === 'bit') width = type.width;
  else if (type.kind === 'bool') width = 1;
  else if (type.kind === 'enum' && type.underlying) width = type.underlying.width;
  else if (type.kind !== 'unknown') {
    error(context, element.expr.loc, `${exprText(element.expr)}: a table key cannot have type '${typeToString(type)}'`);
  }
  if (!context.checker.program.matchKinds.includes(element.matchKind)) {
    error(context, element.loc, `${element.matchKind}: unknown match kind`);
  }
  // A key without a plain name is named by its text, as p4c prints it (testdata
  // match-on-exprs2-bmv2: "hdr.ethernet.dstAddr & 0x10101010101").
  const name = annotationString(element.annotations, 'name') ?? keyName(element.expr) ?? canonicalText(element.expr);
  return {
    expr,
    matchKind: element.matchKind,
    width,
    name: name ?? exprText(element.expr),
    annotations: lowerAnnotations(element.annotations),
    loc: element.loc,
  };
}

/**
 * The control-plane name p4c derives for a key (its TableKeyNames pass): the
 * expression as written for names, fields, indices and slices; `h.$valid$` for
 * `h.isValid()`; undefined for anything more complex (a @name is required).
 */
function keyName(expr: Expr): string | undefined {
  switch (expr.kind) {
    case 'Path':
      return exprText(expr);
    case 'Member': {
      const base = keyName(expr.expr);
      return base === undefined ? undefined : `${base}.${expr.member}`;
    }
    case 'Index': {
      // p4c's KeyNameGenerator prints the index constant without its width (`h.s[0]` for `h.s[32w0]`).
      const base = keyName(expr.expr);
      if (base === undefined) return undefined;
      return `${base}[${expr.index.kind === 'IntLiteral' ? literalName(expr.index) : exprText(expr.index)}]`;
    }
    case 'PlusSlice':
      return undefined;
    case 'Slice': {
      const base = keyName(expr.expr);
      if (base === undefined || expr.hi.kind !== 'IntLiteral' || expr.lo.kind !== 'IntLiteral') return undefined;
      return `${base}[${literalName(expr.hi)}:${literalName(expr.lo)}]`;
    }
    case 'Call':
      if (expr.callee.kind === 'Member' && expr.callee.member === 'isValid' && expr.args.length === 0) {
        const base = keyName(expr.callee.expr);
        return base === undefined ? undefined : `${base}.$valid$`;
      }
      return undefined;
    default:
      return undefined;
  }
}

/**
 * A literal as p4c's KeyNameGenerator prints a constant (`Util::toString(value,
 * 0, false, base)`): in the base it was written in, without a width prefix.
 */
function literalName(node: Extract<Expr, { kind: 'IntLiteral' }>): string {
  const base = /^(\d+[ws])?0[xX]/.test(node.text) ? 16 : /^(\d+[ws])?0[bB]/.test(node.text) ? 2 : /^(\d+[ws])?0[oO]/.test(node.text) ? 8 : 10;
  const prefix = { 16: '0x', 2: '0b', 8: '0o', 10: '' }[base];
  const magnitude = node.value < 0n ? -node.value : node.value;
  return `${node.value < 0n ? '-' : ''}${prefix}${magnitude.toString(base)}`;
}

function lowerActionListEntry(context: BodyContext, table: IrTable, ref: ActionRef): void {
  const target = resolveActionRef(context, ref.expr);
  if (!target) return;
  if (table.actions.some((existing) => existing.action === target.index)) {
    error(context, ref.loc, `${exprText(ref.expr)}: action listed twice in table ${table.name}`);
    return;
  }
  const action = context.checker.program.actions[target.index];
  const tableOnly = ref.annotations.some((annotation) => annotation.name === 'tableonly') || action.annotations.some((annotation) => annotation.name === 'tableonly');
  const defaultOnly = ref.annotations.some((annotation) => annotation.name === 'defaultonly') || action.annotations.some((annotation) => annotation.name === 'defaultonly');
  const scope: IrActionScope = tableOnly ? 'tableOnly' : defaultOnly ? 'defaultOnly' : 'tableAndDefault';
  // Spec §14.2.1.2: the list binds the directional parameters; directionless ones come from the control plane.
  const directional = action.params.filter((param) => param.direction !== 'none');
  const signature = paramsSignature(action.name, directional, VOID);
  if (target.args.length > directional.length && !target.args.some((arg) => arg.name)) {
    const extra = action.params.filter((param) => param.direction === 'none')[target.args.length - directional.length - 1];
    error(context, ref.loc, `${exprText(ref.expr)}: an actions list binds only directional parameters; ${extra?.name ?? 'the extra argument'} is control-plane data`);
  }
  const bindable = target.args.length <= directional.length || target.args.some((arg) => arg.name);
  const boundArgs: IrArgument[] = bindable && (directional.length || target.args.length) ? bindArguments(context, target.call, signature, new Map()) : [];
  table.actions.push({ action: target.index, scope, boundArgs, annotations: lowerAnnotations(ref.annotations) });
}

/** Directionless arguments as constants, in parameter order (for default actions and entries). */
function controlPlaneArgs(context: BodyContext, target: ActionTarget, what: string, listedRef?: IrTableActionRef): Value[] {
  const action = context.checker.program.actions[target.index];
  const signature = paramsSignature(action.name, action.params, VOID);
  const bound = target.args.length === 0 && action.params.every((param) => param.direction !== 'none') ? [] : bindArguments(context, target.call, signature, new Map());
  const values: Value[] = [];
  for (const arg of bound) {
    if (arg.direction !== 'none') {
      // Spec §14.2.1.3: the default action's directional arguments are those of the actions list.
      const listedArg = listedRef?.boundArgs.find((candidate) => candidate.param === arg.param);
      if (listedRef && arg.value && listedArg?.value && exprKey(arg.value) !== exprKey(listedArg.value)) {
        error(context, arg.value.loc, `${what}: argument ${arg.param} of ${action.name} does not match the actions list`);
      }
      continue;
    }
    if (!arg.value) continue;
    if (arg.value.kind !== 'const') {
      error(context, arg.value.loc, `${what}: argument ${arg.param} of ${action.name} must be a compile-time constant`);
      continue;
    }
    values.push(arg.value.value);
  }
  return values;
}

/** exprText with integer literals written as p4c prints them: same base, no leading zeros, no width. */
function canonicalText(expr: Expr): string {
  const literals = (node: Expr): Expr => {
    switch (node.kind) {
      case 'IntLiteral':
        return { ...node, text: literalName(node) };
      case 'Binary':
        return { ...node, left: literals(node.left), right: literals(node.right) };
      case 'Unary':
        return { ...node, expr: literals(node.expr) };
      case 'Cast':
        return { ...node, expr: literals(node.expr) };
      default:
        return node;
    }
  };
  return exprText(literals(expr));
}

/** Structural identity of a lowered expression (locations ignored). */
function exprKey(expr: IrExpr): string {
  return JSON.stringify(expr, (key, value: unknown) => (key === 'loc' ? undefined : typeof value === 'bigint' ? `${value}n` : value));
}

function listed(context: BodyContext, table: IrTable, target: ActionTarget, expr: Expr, what: string): IrActionScope | undefined {
  const ref = table.actions.find((entry) => entry.action === target.index);
  if (!ref) {
    error(context, expr.loc, `${exprText(expr)}: ${what} action is not in the actions list of table ${table.name}`);
    return undefined;
  }
  return ref.scope;
}

function lowerValueProperty(context: BodyContext, table: IrTable, property: Extract<TableDecl['properties'][number], { kind: 'Value' }>): void {
  const value = property.value;
  switch (property.name) {
    case 'default_action': {
      const target = resolveActionRef(context, value);
      if (!target) return;
      const scope = listed(context, table, target, value, 'the default');
      if (scope === 'tableOnly') error(context, value.loc, `${exprText(value)}: a @tableonly action cannot be the default action`);
      const listedRef = table.actions.find((entry) => entry.action === target.index);
      table.defaultAction = { action: target.index, args: controlPlaneArgs(context, target, 'default_action', listedRef), isConst: property.isConst };
      return;
    }
    case 'size':
      table.size = evalInteger(context, value, 'table size');
      return;
    case 'implementation':
      table.implementation = instanceProperty(context, table, property, ['action_profile', 'action_selector', 'ActionProfile', 'ActionSelector']);
      return;
    case 'counters':
    case 'psa_direct_counter': {
      const counter = instanceProperty(context, table, property, ['direct_counter', 'DirectCounter']);
      if (counter !== undefined) table.directCounters.push(counter);
      return;
    }
    case 'meters':
    case 'psa_direct_meter': {
      const meter = instanceProperty(context, table, property, ['direct_meter', 'DirectMeter']);
      if (meter !== undefined) table.directMeters.push(meter);
      return;
    }
    case 'support_timeout': {
      const constant = evalConstant(context, value, 'support_timeout');
      if (constant && typeof constant.value !== 'boolean') error(context, value.loc, 'support_timeout must be true or false');
      table.supportTimeout = constant?.value === true;
      return;
    }
    default: {
      // Target-specific properties: keep folded constants, tolerate anything else.
      const scratch = { ...context, checker: { ...context.checker, diagnostics: new Diagnostics() } };
      const lowered = lowerExpr(scratch, value);
      table.otherProperties.push({ name: property.name, value: lowered.kind === 'const' ? lowered.value : undefined, isConst: property.isConst });
    }
  }
}

function instanceProperty(
  context: BodyContext,
  table: IrTable,
  property: Extract<TableDecl['properties'][number], { kind: 'Value' }>,
  externTypes: string[],
): number | undefined {
  const value = property.value;
  let index: number | undefined;
  if (value.kind === 'Path') {
    const symbol = context.scope.lookup(value.name);
    if (symbol?.kind !== 'instance') {
      error(context, value.loc, `${value.name}: not an extern instance`);
      return undefined;
    }
    index = symbol.index;
  } else if (value.kind === 'Call') {
    // An inline instance is named after its table; `@name("x")` on the property
    // names it "x" as written (p4c: testdata action_profile-bmv2 lists "ap").
    const given = annotationString(property.annotations, 'name');
    index = instantiateInline(context, value, given !== undefined ? given.replace(/^\./, '') : table.controlPlaneName, property.annotations);
  } else {
    error(context, value.loc, `${exprText(value)}: expected an extern instance`);
  }
  if (index === undefined) return undefined;
  const instance = context.checker.program.instances[index];
  if (!externTypes.includes(instance.externType)) {
    error(context, value.loc, `${exprText(value)}: expected ${externTypes.slice(0, 2).join(' or ')}, not ${instance.externType}`);
  }
  return index;
}

const ALLOWED_KEYSETS: Record<string, IrKeyset['kind'][]> = {
  exact: ['value'],
  lpm: ['value', 'mask', 'default'],
  ternary: ['value', 'mask', 'default'],
  range: ['value', 'range', 'default'],
  optional: ['value', 'default'],
};

function lowerEntry(context: BodyContext, table: IrTable, entry: TableEntry, listConst: boolean): IrTableEntry {
  const keysets = entryKeysets(context, table, entry.keyset);
  const matched = keysets.length === table.keys.length && keysets !== MISMATCH;
  keysets.forEach((keyset, position) => {
    if (!matched) return;
    const key = table.keys[position];
    const allowed = key ? ALLOWED_KEYSETS[key.matchKind] : undefined;
    if (allowed && !allowed.includes(keyset.kind)) {
      error(context, entry.loc, `key ${key.name} (${key.matchKind}) cannot match a ${keyset.kind === 'default' ? "default/'_'" : keyset.kind} keyset`);
    }
    if (key?.matchKind === 'lpm' && keyset.kind === 'mask') {
      const mask = toBigInt(keyset.mask) ?? 0n;
      const inverted = ~mask & ((1n << BigInt(key.width)) - 1n);
      // An lpm mask is a prefix: ones then zeros.
      if ((inverted & (inverted + 1n)) !== 0n) error(context, entry.loc, `key ${key.name}: an lpm mask must be a prefix`);
    }
  });
  let priority: number | undefined;
  if (entry.priority) priority = evalInteger(context, entry.priority, 'entry priority');
  const target = resolveActionRef(context, entry.action.expr);
  let action: IrActionCall = { action: -1, args: [] };
  if (target) {
    const scope = listed(context, table, target, entry.action.expr, 'the entry');
    if (scope === 'defaultOnly') error(context, entry.action.loc, `${exprText(entry.action.expr)}: a @defaultonly action cannot be used in an entry`);
    action = { action: target.index, args: controlPlaneArgs(context, target, 'entry') };
  }
  if (!listConst && entry.isConst === false && table.entries?.isConst) warning(context, entry.loc, 'entry constness mismatch');
  return { keysets, priority, action, isConst: listConst || entry.isConst, annotations: lowerAnnotations(entry.annotations), loc: entry.loc };
}

type IrTableEntry = import('../ir.js').IrTableEntry;

/** Returned when the keyset arity is wrong (already reported). */
const MISMATCH: IrKeyset[] = [];

function entryKeysets(context: BodyContext, table: IrTable, keyset: Keyset): IrKeyset[] {
  const keys = table.keys;
  const elements = keyset.kind === 'Tuple' ? keyset.elements : keyset.kind === 'Default' || keyset.kind === 'DontCareKey' ? keys.map(() => keyset) : [keyset];
  if (elements.length !== keys.length) {
    error(context, keyset.loc, `the entry has ${elements.length} key elements but table ${table.name} has ${keys.length} keys`);
    return MISMATCH;
  }
  return elements.map((element, position) => lowerKeyset(context, element, keys[position].expr.type));
}
