// P4Runtime Write throughput: LPM table-entry INSERTs in batches of 1,000
// over real gRPC (loopback) into the in-memory reference target — the cost
// of decode, validation, canonical conversion and the batch status.
// Prints one line: {"bench":"p4rt-write","entries_per_s":N,"entries_per_cpu_s":M}

import { P4RuntimeClient } from '../src/p4rt/client/client.js';
import type { UpdateMessage } from '../src/p4rt/server/messages.js';
import { MemoryTarget } from '../src/p4rt/server/memory-target.js';
import { startP4RuntimeServer } from '../src/p4rt/server/server.js';
import { timeBatchedWrites } from './_write-batches.js';

const tableId = 0x02000001;
const actionId = 0x01000001;
const batchSize = 1000;
const batches = Number(process.env.P4RT_BENCH_BATCHES ?? 100);

const p4info = {
  tables: [{
    preamble: { id: tableId, name: 'ingress.ipv4_lpm', alias: 'ipv4_lpm' },
    match_fields: [{ id: 1, name: 'hdr.ipv4.dst', bitwidth: 32, match_type: 'LPM' }],
    action_refs: [{ id: actionId }],
    size: String(batchSize * (batches + 10)),
  }],
  actions: [{
    preamble: { id: actionId, name: 'ingress.set_nhop', alias: 'set_nhop' },
    params: [{ id: 1, name: 'port', bitwidth: 9 }, { id: 2, name: 'mac', bitwidth: 48 }],
  }],
};

function batch(start: number): UpdateMessage[] {
  const updates: UpdateMessage[] = new Array(batchSize);
  for (let i = 0; i < batchSize; i++) {
    const route = start + i;
    // Distinct /24 prefixes: 10.x.y.0/24 and up.
    const address = 0x0a000000 + route * 256;
    updates[i] = {
      type: 'INSERT',
      entity: {
        table_entry: {
          table_id: tableId,
          match: [{ field_id: 1, lpm: { value: Uint8Array.of(address >>> 24, (address >>> 16) & 0xff, (address >>> 8) & 0xff, 0), prefix_len: 24 } }],
          action: {
            action: {
              action_id: actionId,
              params: [
                { param_id: 1, value: Uint8Array.of(route % 64 + 1) },
                { param_id: 2, value: Uint8Array.of(2, 0, 0, 0, (route >>> 8) & 0xff, route & 0xff) },
              ],
            },
          },
        },
      },
    };
  }
  return updates;
}

const server = await startP4RuntimeServer({ target: new MemoryTarget(), address: '127.0.0.1:0', idleScanIntervalMs: 0 });
const client = new P4RuntimeClient(`127.0.0.1:${server.port}`, { electionId: 1n });
const arbitration = await client.arbitrate();
if (!arbitration.ok) throw new Error(`arbitration: ${arbitration.message}`);
const pipeline = await client.setPipeline(p4info);
if (!pipeline.ok) throw new Error(`pipeline: ${pipeline.message}`);

const rates = await timeBatchedWrites(client, batch, batches, batchSize);
client.close();
await server.stop();
process.stdout.write(JSON.stringify({ bench: 'p4rt-write', ...rates }) + '\n');
