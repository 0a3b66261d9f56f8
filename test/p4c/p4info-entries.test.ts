import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/p4c/diagnostics.js';
import type { IrKeyset, IrTableEntry } from '../../src/p4c/ir.js';
import { emitP4Info, emitStaticEntries } from '../../src/p4c/p4info/index.js';
import { decodeMessage, encodeMessage } from '../../src/p4rt/proto.js';
import { addAction, addControl, addTable, annotation, bit, emptyProgram, key, loc, setMain } from './p4info-builders.js';

const bytes = (...values: number[]) => Uint8Array.from(values);

function program(isConst: boolean) {
  const ir = emptyProgram();
  const ingress = addControl(ir, 'c');
  const set = addAction(ir, 'set', { control: ingress, params: [{ name: 'port', type: bit(9) }, { name: 'mark', type: bit(8), annotations: [annotation('id', [7n])] }] });
  const drop = addAction(ir, 'drop', { control: ingress });
  const entry = (keysets: IrKeyset[], action: number, args: number[], priority?: number): IrTableEntry => ({
    keysets, action: { action, args }, isConst: false, annotations: [], loc: loc(30), ...(priority === undefined ? {} : { priority }),
  });
  addTable(ir, ingress, 'acl', {
    keys: [key('hdr.dst', 'ternary', 16), key('hdr.prefix', 'lpm', 32), key('meta.hash', 'selector', 8), key('hdr.port', 'range', 9), key('hdr.proto', 'exact', 8)],
    actions: [set, drop],
    defaultAction: drop,
    entries: {
      isConst,
      entries: [
        entry([{ kind: 'mask', value: 0x1234, mask: 0xff00 }, { kind: 'mask', value: 0x0a000001, mask: 0xffffff00 }, { kind: 'default' }, { kind: 'range', low: 1, high: 5 }, { kind: 'value', value: 6 }], set.index, [3, 9], isConst ? undefined : 20),
        entry([{ kind: 'default' }, { kind: 'default' }, { kind: 'default' }, { kind: 'range', low: 0, high: 511 }, { kind: 'value', value: 17 }], drop.index, [], isConst ? undefined : 10),
      ],
    },
  });
  setMain(ir, [ingress]);
  return ir;
}

describe('static table entries', () => {
  it('converts const entries with program-order priorities and P4Info ids', () => {
    const ir = program(true);
    const diagnostics = new Diagnostics();
    const info = emitP4Info(ir, diagnostics);
    const request = emitStaticEntries(ir, info, diagnostics);
    expect(diagnostics.items).toEqual([]);
    const [tableId, setId, dropId] = [info.tables![0].preamble!.id, info.actions![0].preamble!.id, info.actions![1].preamble!.id];
    expect(request.updates).toEqual([
      {
        type: 'INSERT',
        entity: {
          table_entry: {
            table_id: tableId,
            match: [
              { field_id: 1, ternary: { value: bytes(0x12, 0x00), mask: bytes(0xff, 0x00) } },
              { field_id: 2, lpm: { value: bytes(10, 0, 0, 0), prefix_len: 24 } },
              // the selector key has no field; field 3 is the range.
              { field_id: 4, range: { low: bytes(0, 1), high: bytes(0, 5) } },
              { field_id: 5, exact: { value: bytes(6) } },
            ],
            action: { action: { action_id: setId, params: [{ param_id: 1, value: bytes(0, 3) }, { param_id: 7, value: bytes(9) }] } },
            priority: 2,
            is_const: true,
          },
        },
      },
      {
        type: 'INSERT',
        entity: {
          table_entry: {
            table_id: tableId,
            // don't-care ternary/lpm and a full range are left out (P4Runtime §9.1.1).
            match: [{ field_id: 5, exact: { value: bytes(17) } }],
            action: { action: { action_id: dropId } },
            priority: 1,
            is_const: true,
          },
        },
      },
    ]);
    // The objects are valid p4.v1.WriteRequest values.
    const decoded = decodeMessage('p4.v1.WriteRequest', encodeMessage('p4.v1.WriteRequest', request));
    expect(decoded.ok).toBe(true);
  });

  it('keeps the written priorities of non-const entries', () => {
    const ir = program(false);
    const info = emitP4Info(ir, new Diagnostics());
    const request = emitStaticEntries(ir, info, new Diagnostics());
    expect(request.updates?.map((update) => [update.entity.table_entry.priority, update.entity.table_entry.is_const])).toEqual([[20, undefined], [10, undefined]]);
  });

  it('reports a key value P4Runtime cannot express', () => {
    const ir = program(true);
    ir.tables[0].entries!.entries[0].keysets[1] = { kind: 'mask', value: 0, mask: 0xff00ff00 };
    const diagnostics = new Diagnostics();
    const request = emitStaticEntries(ir, emitP4Info(ir, diagnostics), diagnostics);
    expect(diagnostics.items.map((item) => item.message)).toEqual(['c.acl: this lpm key value has no P4Runtime form']);
    expect(request.updates).toHaveLength(1);
  });

  it('gives an empty request for a program without entries', () => {
    const ir = emptyProgram();
    expect(emitStaticEntries(ir, emitP4Info(ir, new Diagnostics()), new Diagnostics())).toEqual({});
  });
});
