// Client arbitration over real gRPC (P4Runtime 1.4 §5, §16.2), several
// concurrent clients per test.

import { afterEach, describe, expect, it } from 'vitest';
import { P4RuntimeClient } from '../../src/p4rt/client/client.js';
import { Code } from '../../src/p4rt/server/status.js';
import { exactInsert, p4info, startHarness, type Harness } from './server-fixtures.js';

let harness: Harness;
afterEach(async () => {
  await harness?.close();
});

const nextAdvisory = (client: P4RuntimeClient) =>
  client.stream!.next((message) => message.arbitration !== undefined, 3000).then((result) => {
    if (!result.ok) throw new Error(result.message);
    return result.value.arbitration!;
  });

describe('client arbitration', () => {
  it('makes the first client with an election id primary and later lower ids backups', async () => {
    harness = await startHarness();
    const backup = harness.client(5n);
    const answer = await backup.arbitrate();
    expect(answer).toMatchObject({ ok: false, code: Code.ALREADY_EXISTS });
    // The primary stays primary and may write; the backup may not.
    expect((await harness.primary.write([exactInsert(1, 1, 1)])).ok).toBe(true);
    expect(await backup.write([exactInsert(2, 1, 1)])).toMatchObject({ ok: false, code: Code.PERMISSION_DENIED });
    expect(await backup.setPipeline(p4info)).toMatchObject({ ok: false, code: Code.PERMISSION_DENIED });
  });

  it('reports the highest election id in advisories and OK only to the primary', async () => {
    harness = await startHarness();
    const backup = harness.client(5n);
    await backup.arbitrate();
    const challenger = harness.client(20n);
    harness.primary.stream!.discard();
    backup.stream!.discard();
    const answer = await challenger.arbitrate();
    expect(answer.ok).toBe(true);
    expect(answer.ok && answer.value?.election_id).toEqual({ high: '0', low: '20' });
    for (const other of [harness.primary, backup]) {
      const advisory = await nextAdvisory(other);
      expect(advisory.status?.code).toBe(Code.ALREADY_EXISTS);
      expect(advisory.election_id).toEqual({ high: '0', low: '20' });
    }
    // The old primary lost write access.
    expect(await harness.primary.write([exactInsert(3, 1, 1)])).toMatchObject({ ok: false, code: Code.PERMISSION_DENIED });
    expect((await challenger.write([exactInsert(3, 1, 1)])).ok).toBe(true);
  });

  it('promotes nobody when the primary disconnects until a client reaches the highest id', async () => {
    harness = await startHarness();
    const backup = harness.client(5n);
    await backup.arbitrate();
    backup.stream!.discard();
    harness.primary.close();
    const advisory = await nextAdvisory(backup);
    expect(advisory.status?.code).toBe(Code.NOT_FOUND);
    expect(advisory.election_id).toEqual({ high: '0', low: '10' });
    // 9 < 10 (the highest ever seen): still no primary.
    expect(await backup.arbitrate(9n)).toMatchObject({ ok: false, code: Code.NOT_FOUND });
    expect(await backup.write([exactInsert(4, 1, 1)])).toMatchObject({ ok: false, code: Code.PERMISSION_DENIED });
    // Equal to the highest seen: primary (§5.3 "greater than or equal to election_id_past").
    expect((await backup.arbitrate(10n)).ok).toBe(true);
    expect((await backup.write([exactInsert(4, 1, 1)])).ok).toBe(true);
  });

  it('keeps a client without election id a backup forever', async () => {
    harness = await startHarness();
    harness.primary.close();
    const anonymous = harness.client(undefined);
    expect(await anonymous.arbitrate()).toMatchObject({ ok: false, code: Code.NOT_FOUND });
    expect(await anonymous.write([exactInsert(5, 1, 1)])).toMatchObject({ ok: false, code: Code.PERMISSION_DENIED });
  });

  it('tells everyone when the primary downgrades itself', async () => {
    harness = await startHarness();
    const backup = harness.client(5n);
    await backup.arbitrate();
    backup.stream!.discard();
    expect(await harness.primary.arbitrate(7n)).toMatchObject({ ok: false, code: Code.NOT_FOUND });
    expect((await nextAdvisory(backup)).status?.code).toBe(Code.NOT_FOUND);
  });

  it('terminates the stream for a duplicate election id, an unknown device and a changed device', async () => {
    harness = await startHarness();
    const duplicate = harness.client(10n);
    expect(await duplicate.arbitrate()).toMatchObject({ ok: false, code: Code.INVALID_ARGUMENT });
    expect(duplicate.stream!.ended?.code).toBe(Code.INVALID_ARGUMENT);
    // A new stream with a free election id works.
    expect(await duplicate.arbitrate(4n)).toMatchObject({ ok: false, code: Code.ALREADY_EXISTS });

    const wrongDevice = new P4RuntimeClient(harness.address, { deviceId: 99n, electionId: 1n });
    harness.clients.push(wrongDevice);
    expect(await wrongDevice.arbitrate()).toMatchObject({ ok: false, code: Code.NOT_FOUND });

    const switching = harness.client(3n);
    await switching.arbitrate();
    switching.stream!.send({ arbitration: { device_id: '2', election_id: { high: '0', low: '3' } } });
    const end = await switching.stream!.next(() => false, 3000);
    expect(end).toMatchObject({ ok: false, code: Code.FAILED_PRECONDITION });
    // The server keeps serving the primary.
    expect((await harness.primary.write([exactInsert(6, 1, 1)])).ok).toBe(true);
  });

  it('checks device, role and pipeline before a write (§12 order)', async () => {
    harness = await startHarness({ commit: false });
    expect(await harness.primary.write([exactInsert(7, 1, 1)])).toMatchObject({ ok: false, code: Code.FAILED_PRECONDITION });
    const otherDevice = new P4RuntimeClient(harness.address, { deviceId: 2n, electionId: 10n });
    harness.clients.push(otherDevice);
    expect(await otherDevice.write([])).toMatchObject({ ok: false, code: Code.NOT_FOUND });
    const otherRole = new P4RuntimeClient(harness.address, { electionId: 10n, role: 'sdn' });
    harness.clients.push(otherRole);
    expect(await otherRole.write([])).toMatchObject({ ok: false, code: Code.NOT_FOUND });
  });

  it('arbitrates roles independently', async () => {
    harness = await startHarness();
    const roleClient = new P4RuntimeClient(harness.address, { electionId: 1n, role: 'monitor' });
    harness.clients.push(roleClient);
    expect((await roleClient.arbitrate()).ok).toBe(true);
    expect((await harness.primary.write([exactInsert(8, 1, 1)])).ok).toBe(true);
  });
});
