// Control-plane state of a loaded pipeline, in the form the P4Runtime server
// writes and reads and the embedded switch matches against. Values are bigint,
// already canonical and range-checked by the server (P4Runtime §8.3); every id
// is the P4Info id. This file is the contract between src/p4rt/server and
// src/sim: neither side re-validates what the other guarantees.

/** One match field of an entry, in P4Info match-field order. */
export type FieldMatch =
  | { kind: 'exact'; value: bigint }
  | { kind: 'lpm'; value: bigint; prefixLen: number } // value has host bits zero
  | { kind: 'ternary'; value: bigint; mask: bigint } // value & ~mask === 0
  | { kind: 'range'; low: bigint; high: bigint }
  | { kind: 'optional'; value: bigint }
  /** A ternary/lpm/range/optional field omitted in the P4Runtime entry: matches anything. */
  | { kind: 'wildcard' };

export interface ActionInvocation {
  actionId: number;
  /** Parameter values in P4Info parameter order. */
  params: bigint[];
}

export type TableAction =
  | { kind: 'action'; action: ActionInvocation }
  | { kind: 'member'; memberId: number } // indirect table: action profile member
  | { kind: 'group'; groupId: number } // indirect table: action profile group
  | { kind: 'oneShot'; actions: { action: ActionInvocation; weight: number; watchPort?: number }[] };

export interface MeterConfig {
  cir: bigint; // committed information rate (units per second)
  cburst: bigint;
  pir: bigint; // peak information rate
  pburst: bigint;
}

export interface CounterData {
  byteCount: bigint;
  packetCount: bigint;
}

export interface TableEntryState {
  tableId: number;
  match: FieldMatch[];
  /** P4Runtime priority: larger wins; 0 for tables without ternary/range/optional fields. */
  priority: number;
  action: TableAction;
  controllerMetadata: bigint;
  metadata: Uint8Array;
  /** 0 = no idle timeout. */
  idleTimeoutNs: bigint;
  /** Direct counter attached to this entry (kept by the target, read by the server). */
  counter: CounterData;
  /** Direct meter config; undefined = all packets GREEN. */
  meterConfig?: MeterConfig;
  /** Set from the switch's clock when the entry is hit (for idle timeout). */
  lastHitNs: bigint;
  /** True for a const entry or an entry from the program's `entries` list. */
  isConst: boolean;
}

export interface ActionProfileMember {
  actionProfileId: number;
  memberId: number;
  action: ActionInvocation;
}

export interface ActionProfileGroup {
  actionProfileId: number;
  groupId: number;
  members: { memberId: number; weight: number; watchPort?: number }[];
  maxSize: number;
}

/** Packet replication engine: multicast group of (egress port, instance) replicas. */
export interface MulticastGroupEntry {
  multicastGroupId: number;
  replicas: { egressPort: number; instance: number }[];
  metadata: Uint8Array;
}

/** Clone session (P4Runtime CloneSessionEntry): replicas, class of service, truncation. */
export interface CloneSessionEntry {
  sessionId: number;
  replicas: { egressPort: number; instance: number }[];
  classOfService: number;
  /** 0 = no truncation. */
  packetLengthBytes: number;
}
