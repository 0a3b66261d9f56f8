import { describe, expect, it } from 'vitest';
import { InstanceType, PacketReplicationEngine } from '../../src/sim/pre.js';

describe('packet replication engine', () => {
  it('orders replicas by instance of first appearance, then port', () => {
    const pre = new PacketReplicationEngine();
    const replicas = [
      { egressPort: 4, instance: 2 },
      { egressPort: 1, instance: 1 },
      { egressPort: 3, instance: 2 },
      { egressPort: 2, instance: 1 },
    ];
    expect(pre.writeMulticastGroup('insert', { multicastGroupId: 10, replicas, metadata: new Uint8Array() }).ok).toBe(true);
    expect(pre.replicate(10)).toEqual([
      { egressPort: 3, instance: 2 },
      { egressPort: 4, instance: 2 },
      { egressPort: 1, instance: 1 },
      { egressPort: 2, instance: 1 },
    ]);
    expect(pre.replicate(11)).toEqual([]);
  });
  it('insert/modify/delete follow P4Runtime identity rules; group 0 is reserved', () => {
    const pre = new PacketReplicationEngine();
    const group = { multicastGroupId: 1, replicas: [{ egressPort: 1, instance: 0 }], metadata: new Uint8Array() };
    expect(pre.writeMulticastGroup('modify', group).ok).toBe(false);
    expect(pre.writeMulticastGroup('insert', group).ok).toBe(true);
    expect(pre.writeMulticastGroup('insert', group).ok).toBe(false);
    expect(pre.writeMulticastGroup('modify', { ...group, replicas: [{ egressPort: 9, instance: 3 }] }).ok).toBe(true);
    expect(pre.replicate(1)).toEqual([{ egressPort: 9, instance: 3 }]);
    expect(pre.deleteMulticastGroup(1).ok).toBe(true);
    expect(pre.deleteMulticastGroup(1).ok).toBe(false);
    expect(pre.writeMulticastGroup('insert', { ...group, multicastGroupId: 0 }).ok).toBe(false);
  });
  it('clone sessions carry replicas and truncation; unknown sessions clone nothing', () => {
    const pre = new PacketReplicationEngine();
    pre.writeCloneSession('insert', { sessionId: 5, replicas: [{ egressPort: 7, instance: 1 }], classOfService: 0, packetLengthBytes: 64 });
    expect(pre.cloneTargets(5)).toEqual({ replicas: [{ egressPort: 7, instance: 1 }], packetLengthBytes: 64 });
    expect(pre.cloneTargets(6)).toBeUndefined();
  });
  it('uses the BMv2 instance_type values', () => {
    expect(InstanceType).toEqual({ NORMAL: 0, INGRESS_CLONE: 1, EGRESS_CLONE: 2, COALESCED: 3, RECIRCULATE: 4, REPLICATION: 5, RESUBMIT: 6 });
  });
});
