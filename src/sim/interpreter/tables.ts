// Table apply (P4_16 §14.2.2): build the key, look it up, resolve indirect
// actions through the action profile/selector, update direct resources, run
// the action with the control-plane parameters, and record hit/action_run.

import type { ActionInvocation } from '../entries.js';
import type { IrParam, Value } from '../../p4c/ir.js';
import { resolveTableAction } from '../action-profile.js';
import { packBits, type BitField } from '../externs/hash.js';
import { bindArguments, actionBody } from './calls.js';
import { NORMAL, type Compiler, type Get, type Run } from './context.js';
import { compileExpr } from './expressions.js';
import { isHeaderValue } from './values.js';

const MATCH_KINDS = new Set(['exact', 'lpm', 'ternary', 'range', 'optional']);

/** Control-plane parameters (bigint) converted to the IR representation of each directionless parameter. */
function paramConverter(params: readonly IrParam[]): (values: readonly bigint[]) => Value[] {
  const directionless = params.filter((p) => p.direction === 'none');
  const converters = directionless.map((p) => {
    if (p.type.kind === 'bool') return (v: bigint): Value => v !== 0n;
    const width = p.type.kind === 'bit' ? p.type.width : p.type.kind === 'enum' ? (p.type.underlying?.width ?? 32) : 32;
    const signed = p.type.kind === 'bit' && p.type.signed;
    if (width > 32) return (v: bigint): Value => (signed ? BigInt.asIntN(width, v) : v);
    return (v: bigint): Value => (signed ? Number(BigInt.asIntN(width, v)) : Number(v));
  });
  return (values) => converters.map((convert, i) => convert(values[i] ?? 0n));
}

/**
 * Runs action `actionIndex` with control-plane parameter values in the IR
 * representation (directionless parameters only, in order).
 */
export function makeActionRunner(compiler: Compiler, actionIndex: number): (params: readonly Value[]) => number {
  const action = compiler.program.actions[actionIndex];
  const frame = compiler.frameOfAction(actionIndex);
  const slots = action.params.filter((p) => p.direction === 'none').map((p) => p.slot);
  const body = actionBody(compiler, actionIndex);
  const state = compiler.state;
  const name = action.controlPlaneName;
  return (params) => {
    for (let i = 0; i < slots.length; i++) frame[slots[i]] = params[i];
    if (state.trace) state.trace.push({ kind: 'action', action: name });
    return body();
  };
}

export function compileTableApply(compiler: Compiler, tableIndex: number): Run {
  const { program, runtime, state } = compiler;
  const table = program.tables[tableIndex];
  const matchTable = runtime.tables[tableIndex];
  const frame = compiler.frameOfControl(table.control);
  const keyGetters: Get[] = [];
  const selectorFields: { get: Get; width: number; valid?: Get }[] = [];
  for (const key of table.keys) {
    const raw = compileExpr(compiler, key.expr, frame);
    // A bool key (e.g. `hdr.x.isValid(): exact`) is a 1-bit bitstring to the control plane.
    const get: Get = key.expr.type.kind === 'bool' ? () => (raw() ? 1 : 0) : raw;
    if (MATCH_KINDS.has(key.matchKind)) keyGetters.push(get);
    else if (key.matchKind === 'selector') {
      // BMv2 leaves fields of invalid headers out of a hash input (BufBuilder).
      const base = key.expr.kind === 'field' && key.expr.base.type.kind === 'header' ? compileExpr(compiler, key.expr.base, frame) : undefined;
      selectorFields.push({ get, width: key.width, valid: base
          ? () => {
              const header = base();
              return isHeaderValue(header) && header.valid;
            }
          : undefined });
    }
  }
  const profile = runtime.profileOfTable(tableIndex);
  const algorithm = profile?.spec.selectorAlgorithm;
  const hash = (): bigint => {
    const selectorHash = algorithm ? runtime.hash(algorithm) : undefined;
    if (!selectorHash) return 0n;
    const fields: BitField[] = [];
    for (const field of selectorFields) {
      if (field.valid && !field.valid()) continue;
      fields.push({ value: field.get() as number | bigint, width: field.width });
    }
    return selectorHash(packBits(fields));
  };

  // Per-action: runner, parameter conversion and the arguments bound in the `actions` list.
  const perAction = new Map<number, { run: (params: readonly Value[]) => number; convert: (v: readonly bigint[]) => Value[]; bound?: { copyIn: () => void; copyOut: () => void } }>();
  const actionInfo = (actionIndex: number) => {
    let info = perAction.get(actionIndex);
    if (!info) {
      const action = program.actions[actionIndex];
      const ref = table.actions.find((a) => a.action === actionIndex);
      const bound =
        ref && ref.boundArgs.length > 0
          ? bindArguments(compiler, ref.boundArgs, action.params, compiler.frameOfAction(actionIndex), frame)
          : undefined;
      info = { run: compiler.actionRunner(actionIndex), convert: paramConverter(action.params), bound };
      perAction.set(actionIndex, info);
    }
    return info;
  };
  const converted = new WeakMap<ActionInvocation, Value[]>();
  const key: (number | bigint)[] = new Array(keyGetters.length);
  const hasDirectMeter = table.directMeters.length > 0;
  const meterUnit = hasDirectMeter ? runtime.externs[table.directMeters[0]]?.directUnit : undefined;
  const name = table.controlPlaneName;
  let lastHitMicroseconds = -1;
  let lastHitNs = 0n;

  return () => {
    for (let i = 0; i < keyGetters.length; i++) key[i] = keyGetters[i]() as number | bigint;
    const entry = keyGetters.length > 0 || matchTable.size > 0 ? matchTable.lookup(key) : undefined;
    let invocation: ActionInvocation | undefined;
    if (entry) invocation = resolveTableAction(entry.action, profile, hash);
    const hit = invocation !== undefined;
    if (entry && hit) {
      // One bigint timestamp per packet, not one per hit.
      if (lastHitMicroseconds !== state.nowMicroseconds) {
        lastHitMicroseconds = state.nowMicroseconds;
        lastHitNs = BigInt(Math.floor(state.nowMicroseconds * 1000));
      }
      matchTable.recordHit(entry, state.packetLength, lastHitNs);
      state.directMeterColor = hasDirectMeter
        ? matchTable.executeDirectMeter(entry, state.nowMicroseconds, meterUnit === 'packets' ? 1 : state.packetLength)
        : undefined;
    } else {
      invocation = matchTable.defaultAction;
      state.directMeterColor = undefined;
    }
    const actionIndex = runtime.actionIdToIndex.get(invocation!.actionId);
    state.hit = hit;
    if (state.trace) {
      state.trace.push({ kind: 'table', table: name, hit, entry: hit ? entry : undefined, action: actionIndex === undefined ? '?' : program.actions[actionIndex].controlPlaneName });
    }
    if (actionIndex === undefined) {
      state.actionRun = -1;
      return NORMAL;
    }
    state.actionRun = actionIndex;
    const info = actionInfo(actionIndex);
    let params = converted.get(invocation!);
    if (!params) converted.set(invocation!, (params = info.convert(invocation!.params)));
    if (info.bound) info.bound.copyIn();
    const status = info.run(params);
    if (info.bound) info.bound.copyOut();
    return status;
  };
}
