// Helpers for interpreter tests: compile a v1model program from text, load it
// into a Switch with a fixed clock, and build table entries by name.

import { expect } from 'vitest';
import { compileSources } from '../../src/p4c/index.js';
import { formatDiagnostic } from '../../src/p4c/diagnostics.js';
import type { FieldMatch, TableEntryState } from '../../src/sim/entries.js';
import { Switch, type SwitchOptions } from '../../src/sim/switch.js';

export const PRELUDE = '#include <core.p4>\n#include <v1model.p4>\n';

export function load(source: string, options: SwitchOptions = {}): Switch {
  const result = compileSources({ 'main.p4': PRELUDE + source }, 'main.p4');
  const errors = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  expect(errors).toEqual([]);
  const created = Switch.create(result.ir!, { clock: () => 1_000_000n, ...options });
  if (!created.ok) throw new Error(created.problems.join('\n'));
  return created.switch;
}

export function addEntry(sw: Switch, table: string, match: FieldMatch[], action: string, params: bigint[] = [], priority = 0): void {
  const matchTable = sw.tableByName(table);
  const actionId = sw.actionId(action);
  if (!matchTable || actionId === undefined) throw new Error(`no table ${table} or action ${action}`);
  const entry: TableEntryState = {
    tableId: matchTable.spec.tableId,
    match,
    priority,
    action: { kind: 'action', action: { actionId, params } },
    controllerMetadata: 0n,
    metadata: new Uint8Array(),
    idleTimeoutNs: 0n,
    counter: { byteCount: 0n, packetCount: 0n },
    lastHitNs: 0n,
    isConst: false,
  };
  const result = matchTable.insert(entry);
  if (!result.ok) throw new Error(result.error.message);
}

export const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
