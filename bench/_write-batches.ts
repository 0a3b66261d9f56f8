// Timed P4Runtime Write loop shared by the p4rt-write benchmarks: one untimed
// warm-up batch, then `batches` batches, each built just before it is sent (as a
// controller would: building them all ahead keeps millions of objects alive and
// the old-generation GC would dominate).
import type { P4RuntimeClient } from '../src/p4rt/client/client.js';
import type { UpdateMessage } from '../src/p4rt/server/messages.js';

export interface WriteRates {
  entries_per_s: number;
  /** The same work per CPU-second of this process (client and server share it): independent of machine load. */
  entries_per_cpu_s: number;
}

export async function timeBatchedWrites(
  client: P4RuntimeClient, batch: (start: number) => UpdateMessage[], batches: number, batchSize: number,
): Promise<WriteRates> {
  const warmup = await client.write(batch(0));
  if (!warmup.ok) throw new Error(`warm-up write: ${warmup.message}`);
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  for (let number = 1; number <= batches; number++) {
    const result = await client.write(batch(number * batchSize));
    if (!result.ok) throw new Error(`write failed: ${result.message}`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const entries = batches * batchSize;
  return { entries_per_s: Math.round(entries / seconds), entries_per_cpu_s: Math.round(entries / ((cpu.user + cpu.system) / 1e6)) };
}
