// P4Runtime into the embedded switch: SetForwardingPipelineConfig of
// softmesh.p4 (large table profile, compiled by the target) and E-IP IPv4
// route INSERTs in batches of 1,000 over real gRPC (loopback) into SimTarget —
// what a controller pays to program the embedded switch, next to
// p4rt-write (same writes into the in-memory reference target).
// Prints one line: {"bench":"p4rt-sim-write","set_pipeline_ms":P,"entries_per_s":N,"entries_per_cpu_s":M}

import { fileURLToPath } from 'node:url';
import { P4RuntimeClient } from '../src/p4rt/client/client.js';
import { idOf, buildP4InfoIndex } from '../src/p4rt/p4info-index.js';
import type { UpdateMessage } from '../src/p4rt/server/messages.js';
import { pipelineFromFile, startSimProcess } from '../src/sim/process.js';
import { timeBatchedWrites } from './_write-batches.js';

const batchSize = 1000;
const batches = Number(process.env.P4RT_BENCH_BATCHES ?? 50);
const programFile = fileURLToPath(new URL('../p4/v1model/softmesh.p4', import.meta.url));

const pipeline = pipelineFromFile(programFile, { SOFTMESH_PROFILE_LARGE: '1' });
if (!pipeline.ok) throw new Error(pipeline.error);
const index = buildP4InfoIndex(pipeline.value.p4info);
if (!index.ok) throw new Error(index.message);
const tableId = idOf(index.index, 'eip_ipv4_routes');
const actionId = idOf(index.index, 'SoftmeshV1Ingress.pipeline.eip.route_nexthop');
if (!tableId || !actionId) throw new Error('eip_ipv4_routes / route_nexthop not in the P4Info');

function batch(start: number): UpdateMessage[] {
  const updates: UpdateMessage[] = new Array(batchSize);
  for (let i = 0; i < batchSize; i++) {
    const route = start + i;
    const address = 0x0a000000 + route * 256; // distinct /24 prefixes from 10.0.0.0/24 up
    updates[i] = {
      type: 'INSERT',
      entity: {
        table_entry: {
          table_id: tableId,
          match: [{ field_id: 1, lpm: { value: Uint8Array.of(address >>> 24, (address >>> 16) & 0xff, (address >>> 8) & 0xff, 0), prefix_len: 24 } }],
          action: { action: { action_id: actionId, params: [{ param_id: 1, value: Uint8Array.of(route % 200 + 1) }] } },
        },
      },
    };
  }
  return updates;
}

const sim = await startSimProcess({ grpcAddress: '127.0.0.1:0' });
if (!sim.ok) throw new Error(sim.error);
const client = new P4RuntimeClient(sim.value.address, { electionId: 1n });
const arbitration = await client.arbitrate();
if (!arbitration.ok) throw new Error(`arbitration: ${arbitration.message}`);
const pipelineStarted = process.hrtime.bigint();
const set = await client.setPipeline(pipeline.value.p4info, pipeline.value.deviceConfig);
if (!set.ok) throw new Error(`pipeline: ${set.message}`);
const setPipelineMs = Number(process.hrtime.bigint() - pipelineStarted) / 1e6;

const rates = await timeBatchedWrites(client, batch, batches, batchSize);
client.close();
await sim.value.close();
process.stdout.write(JSON.stringify({ bench: 'p4rt-sim-write', set_pipeline_ms: Math.round(setPipelineMs), ...rates }) + '\n');
