// Packet replication engine (v1model traffic manager): multicast groups and
// clone (mirror) sessions, in the P4Runtime form of entries.ts.
//
// Replica order follows BMv2's simple_pre_lag as driven by P4Runtime: one L1
// node per distinct instance (egress_rid) in the order the instances first
// appear in the group, each node's ports in ascending order.

import type { CloneSessionEntry, MulticastGroupEntry } from './entries.js';
import type { TableWriteResult } from './table.js';

/** standard_metadata.instance_type values used by BMv2 simple_switch. */
export const InstanceType = {
  NORMAL: 0,
  INGRESS_CLONE: 1,
  EGRESS_CLONE: 2,
  COALESCED: 3,
  RECIRCULATE: 4,
  REPLICATION: 5,
  RESUBMIT: 6,
} as const;

export interface Replica {
  egressPort: number;
  instance: number;
}

function fail(code: 'ALREADY_EXISTS' | 'NOT_FOUND' | 'INVALID_ARGUMENT', message: string): TableWriteResult {
  return { ok: false, error: { code, message } };
}

function replicationOrder(replicas: readonly Replica[]): Replica[] {
  const byInstance = new Map<number, number[]>();
  for (const { egressPort, instance } of replicas) {
    let ports = byInstance.get(instance);
    if (!ports) byInstance.set(instance, (ports = []));
    if (!ports.includes(egressPort)) ports.push(egressPort);
  }
  const ordered: Replica[] = [];
  for (const [instance, ports] of byInstance) {
    for (const egressPort of ports.sort((a, b) => a - b)) ordered.push({ egressPort, instance });
  }
  return ordered;
}

export class PacketReplicationEngine {
  private readonly groups = new Map<number, { entry: MulticastGroupEntry; ordered: Replica[] }>();
  private readonly sessions = new Map<number, { entry: CloneSessionEntry; ordered: Replica[] }>();

  // ------------------------------------------------------------ multicast groups

  writeMulticastGroup(kind: 'insert' | 'modify', entry: MulticastGroupEntry): TableWriteResult {
    // BMv2 reserves group 0: mcast_grp == 0 means "no multicast".
    if (entry.multicastGroupId === 0) return fail('INVALID_ARGUMENT', 'multicast group 0 is reserved');
    const exists = this.groups.has(entry.multicastGroupId);
    if (kind === 'insert' && exists) return fail('ALREADY_EXISTS', `multicast group ${entry.multicastGroupId} exists`);
    if (kind === 'modify' && !exists) return fail('NOT_FOUND', `no multicast group ${entry.multicastGroupId}`);
    this.groups.set(entry.multicastGroupId, { entry, ordered: replicationOrder(entry.replicas) });
    return { ok: true };
  }

  deleteMulticastGroup(multicastGroupId: number): TableWriteResult {
    if (!this.groups.delete(multicastGroupId)) return fail('NOT_FOUND', `no multicast group ${multicastGroupId}`);
    return { ok: true };
  }

  multicastGroup(multicastGroupId: number): MulticastGroupEntry | undefined {
    return this.groups.get(multicastGroupId)?.entry;
  }

  multicastGroups(): MulticastGroupEntry[] {
    return [...this.groups.values()].map((g) => g.entry);
  }

  /** Replicas of a group in BMv2 order; empty for an unknown group (the packet is then dropped). */
  replicate(multicastGroupId: number): readonly Replica[] {
    return this.groups.get(multicastGroupId)?.ordered ?? [];
  }

  // -------------------------------------------------------------- clone sessions

  writeCloneSession(kind: 'insert' | 'modify', entry: CloneSessionEntry): TableWriteResult {
    const exists = this.sessions.has(entry.sessionId);
    if (kind === 'insert' && exists) return fail('ALREADY_EXISTS', `clone session ${entry.sessionId} exists`);
    if (kind === 'modify' && !exists) return fail('NOT_FOUND', `no clone session ${entry.sessionId}`);
    this.sessions.set(entry.sessionId, { entry, ordered: replicationOrder(entry.replicas) });
    return { ok: true };
  }

  deleteCloneSession(sessionId: number): TableWriteResult {
    if (!this.sessions.delete(sessionId)) return fail('NOT_FOUND', `no clone session ${sessionId}`);
    return { ok: true };
  }

  cloneSession(sessionId: number): CloneSessionEntry | undefined {
    return this.sessions.get(sessionId)?.entry;
  }

  cloneSessions(): CloneSessionEntry[] {
    return [...this.sessions.values()].map((s) => s.entry);
  }

  /**
   * Where the copies of a clone go. BMv2 silently skips cloning for an
   * unconfigured session, hence undefined rather than an error.
   */
  cloneTargets(sessionId: number): { replicas: readonly Replica[]; packetLengthBytes: number } | undefined {
    const session = this.sessions.get(sessionId);
    if (!session) return undefined;
    return { replicas: session.ordered, packetLengthBytes: session.entry.packetLengthBytes };
  }

  clear(): void {
    this.groups.clear();
    this.sessions.clear();
  }
}
