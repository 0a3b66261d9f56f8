// Statements of the STF ("simple test framework") files of p4c's test suite,
// as accepted by p4c's STF grammar (tools/stf/stf_parser.py) and the BMv2
// driver's extensions (backends/bmv2/bmv2stf.py). Names stay as written in the
// file: resolving them against P4Info is resolve.ts's job.

/** A number as written: `0x0a**`, `0b10*1`, `42`. Star digits give a mask. */
export interface StfNumber {
  text: string;
  value: bigint;
  /** Present when the literal has `*` digits: 1 bits where digits were given. */
  mask?: bigint;
  /** Bits the literal spells out (digits times bits per digit); 0 for decimal. */
  writtenBits: number;
}

export type StfMatchValue =
  | { kind: 'number'; number: StfNumber } // exact, or ternary with the written digits as mask
  | { kind: 'prefix'; number: StfNumber; prefixLength: number } // value/length
  | { kind: 'mask'; number: StfNumber; mask: StfNumber } // value&&&mask
  | { kind: 'range'; low: StfNumber; high: StfNumber }; // low->high

export interface StfKey {
  /** Key field as written, e.g. `hdr.ipv4.dstAddr`, `dstAddr`, `hdr.ipv4.$valid$`. */
  field: string;
  match: StfMatchValue;
}

export interface StfActionCall {
  name: string;
  args: { name: string; value: StfNumber }[];
}

export type StfComparison = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type StfCounterIndex = { kind: 'index'; index: bigint } | { kind: 'handle'; handle: string };

/** Expected packet: hex nibbles with `*` wildcards; `exact` when the text ended in `$`. */
export interface StfExpectPattern {
  nibbles: string; // upper-case hex digits and '*'
  exact: boolean;
}

export type StfStatement = { line: number } & (
  | { kind: 'add'; table: string; priority?: number; keys: StfKey[]; action: StfActionCall; handle?: string }
  | { kind: 'setdefault'; table: string; action: StfActionCall }
  | { kind: 'remove'; all: true }
  | { kind: 'remove'; all: false; table: string; priority?: number; keys: StfKey[] }
  | { kind: 'packet'; port: number; data: Uint8Array }
  /** No pattern: any number of packets on the port is fine (bmv2stf "expect PORT"). */
  | { kind: 'expect'; port: number; pattern?: StfExpectPattern }
  | { kind: 'no_packet' }
  | { kind: 'wait' }
  | {
      kind: 'check_counter';
      counter: string;
      index: StfCounterIndex;
      /** Absent: both packets and bytes are checked. */
      countType?: 'packets' | 'bytes';
      comparison: StfComparison;
      expected: bigint;
    }
  | { kind: 'mc_mgrp_create'; group: number }
  | { kind: 'mc_node_create'; replicationId: number; ports: number[] }
  | { kind: 'mc_node_update'; node: number; ports: number[] }
  | { kind: 'mc_node_associate'; group: number; node: number }
  | { kind: 'mirroring_add'; session: number; port: number }
  | { kind: 'mirroring_add_mc'; session: number; group: number }
  | { kind: 'mirroring_delete'; session: number }
  /** Other simple_switch_CLI commands bmv2stf passes through (register_write ...), kept as words. */
  | { kind: 'direct'; command: string; args: string[] }
);

export interface StfParseError {
  line: number;
  message: string;
}

export interface StfFile {
  statements: StfStatement[];
  errors: StfParseError[];
}
