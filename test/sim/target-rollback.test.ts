// ROLLBACK_ON_ERROR on the embedded switch (P4Runtime 1.4 §12.2: all or none).
// SimTarget hands out its live entry objects and modifies them in place, so the
// undo record must be a copy: a MODIFY followed by a failing update in the same
// batch must leave the entry exactly as it was.
import { describe, expect, it } from 'vitest';
import { pipelineFromFile } from '../../src/sim/process.js';
import { buildP4InfoIndex } from '../../src/p4rt/p4info-index.js';
import { parseDeviceConfig } from '../../src/p4rt/server/device-config.js';
import { applyBatch } from '../../src/p4rt/server/write.js';
import { Code } from '../../src/p4rt/server/status.js';
import { SimTarget } from '../../src/sim/target.js';

describe('SimTarget under ROLLBACK_ON_ERROR', () => {
  it('undoes a MODIFY when a later update of the batch fails', async () => {
    const loaded = pipelineFromFile(new URL('../../p4/v1model/softmesh.p4', import.meta.url).pathname);
    if (!loaded.ok) throw new Error(loaded.error);
    const p4info = loaded.value.p4info as { tables: { preamble: { id: number; name: string } }[]; actions: { preamble: { id: number; name: string } }[] };
    const index = buildP4InfoIndex(p4info as unknown as Record<string, unknown>);
    const deviceConfig = parseDeviceConfig(loaded.value.deviceConfig);
    if (!index.ok || !deviceConfig.ok) throw new Error('pipeline fixture');
    const target = new SimTarget();
    expect((await target.commitPipeline({ p4info: p4info as unknown as Record<string, unknown>, index: index.index, deviceConfig: deviceConfig.config })).code).toBe(Code.OK);

    const table = p4info.tables.find((t) => t.preamble.name.endsWith('forwarding.nexthops'))!;
    const action = p4info.actions.find((a) => a.preamble.name.endsWith('forwarding.set_nexthop'))!;
    const nexthop = (port: number) => ({
      table_id: table.preamble.id,
      match: [{ field_id: 1, exact: { value: Uint8Array.of(1) } }],
      action: { action: { action_id: action.preamble.id, params: [
        { param_id: 1, value: Uint8Array.of(port) }, { param_id: 2, value: Uint8Array.of(2) }, { param_id: 3, value: Uint8Array.of(3) },
      ] } },
    });
    const context = { index: index.index, target };
    type Updates = Parameters<typeof applyBatch>[1];
    const insert = applyBatch(context, [{ type: 'INSERT', entity: { table_entry: nexthop(1) } }] as unknown as Updates, 'CONTINUE_ON_ERROR', undefined, '');
    expect(insert.map((status) => status.code)).toEqual([Code.OK]);

    const batch = applyBatch(context, [
      { type: 'MODIFY', entity: { table_entry: nexthop(7) } },
      { type: 'INSERT', entity: { table_entry: nexthop(1) } }, // already exists
    ] as unknown as Updates, 'ROLLBACK_ON_ERROR', undefined, '');
    expect(batch.map((status) => status.code)).toEqual([Code.ABORTED, Code.ALREADY_EXISTS]);

    const entries = [...target.tableEntries(table.preamble.id)];
    expect(entries).toHaveLength(1);
    const stored = entries[0].action;
    expect(stored.kind === 'action' ? stored.action.params[0] : undefined).toBe(1n);
  });
});
