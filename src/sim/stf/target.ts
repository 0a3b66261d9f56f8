// The switch as the STF runner sees it. Every name is as the STF file writes it
// (table `ingress.ipv4_lpm` or `ipv4_lpm`, key `hdr.ipv4.dstAddr`, action
// `set_nhop`): the adapter for a real switch resolves them with resolve.ts.
// Rejections are values (the runner reports them as failures); methods may be
// synchronous or return promises.

import type { Result } from '../../packet/bytes.js';
import type { StfKey, StfNumber } from './ast.js';

export type MaybePromise<T> = T | Promise<T>;

export interface StfActionArgument {
  name: string;
  value: StfNumber;
}

export interface StfOutputPacket {
  port: number;
  data: Uint8Array;
}

/** One copy made by the packet replication engine: BMv2 node (rid, port) = P4Runtime replica (instance, port). */
export interface StfReplica {
  egressPort: number;
  instance: number;
}

export type StfCloneDestination = { kind: 'port'; port: number } | { kind: 'multicast'; groupId: number };

export interface StfCounterValue {
  packets: bigint;
  bytes: bigint;
}

/** A counter cell: an index of an indirect counter, or the direct counter of an entry added with `= HANDLE`. */
export type StfCounterCell =
  | { kind: 'index'; index: bigint }
  | { kind: 'entry'; table: string; keys: StfKey[]; priority?: number };

export interface StfTarget {
  /** STF `add`: insert an entry; priority as written (larger wins, as in P4Runtime). */
  addEntry(table: string, keys: StfKey[], action: string, args: StfActionArgument[], priority?: number): MaybePromise<Result<void>>;
  /** STF `setdefault`. */
  setDefault(table: string, action: string, args: StfActionArgument[]): MaybePromise<Result<void>>;
  /** STF `remove TABLE KEYS`: delete the entry with exactly this key. */
  removeEntry(table: string, keys: StfKey[], priority?: number): MaybePromise<Result<void>>;
  /** STF `remove all`: delete every non-const entry of every table. */
  removeAllEntries(): MaybePromise<Result<void>>;
  /** Inject a packet; resolves once the switch has finished processing it and its outputs can be collected. */
  packetIn(port: number, data: Uint8Array): MaybePromise<void>;
  /** Packets emitted since the previous call, in emission order. */
  collectOutputs(): MaybePromise<StfOutputPacket[]>;
  /** Create or replace a multicast group with these replicas (empty: group exists, no copies). */
  writeMulticastGroup(groupId: number, replicas: StfReplica[]): MaybePromise<Result<void>>;
  /** Create or replace a clone (mirroring) session. */
  writeCloneSession(sessionId: number, destination: StfCloneDestination): MaybePromise<Result<void>>;
  deleteCloneSession(sessionId: number): MaybePromise<Result<void>>;
  readCounter(counter: string, cell: StfCounterCell): MaybePromise<Result<StfCounterValue>>;
  /** STF `wait`: let in-flight work (recirculation, links) finish. Optional. */
  wait?(): MaybePromise<void>;
  /** simple_switch_CLI pass-through commands (register_write ...). Optional; absent means unsupported. */
  direct?(command: string, args: string[]): MaybePromise<Result<void>>;
}
