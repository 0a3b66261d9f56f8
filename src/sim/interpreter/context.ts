// Shared state of the closure compiler: the per-packet state every compiled
// closure reads and writes, the frames of all blocks, and the status codes
// statements return instead of throwing (throwing per packet would be slow).
//
// P4 has no recursion (P4_16 §6.8), so each parser, control, action and
// function has exactly one frame for the lifetime of the switch; closures
// capture their frame array directly and take no arguments.

import type { IrProgram, IrStatement, IrCall, Value } from '../../p4c/ir.js';
import type { Runtime } from './runtime.js';

export type Frame = Value[];

/** Statement completion: continue, `return`, `exit`, or a parser reject (error in PacketState). */
export const NORMAL = 0;
export const RETURN = 1;
export const EXIT = 2;
export const REJECT = 3;
/** P4_16 v1.2.5 §12.15: `break` / `continue`, consumed by the innermost loop. */
export const BREAK = 4;
export const CONTINUE = 5;

export type Status = typeof NORMAL | typeof RETURN | typeof EXIT | typeof REJECT | typeof BREAK | typeof CONTINUE;
export type Run = () => number;
export type Get = () => Value;

export interface Lvalue {
  get: Get;
  set: (value: Value) => void;
}

/** One event of the optional per-packet trace. */
export type TraceEvent =
  | { kind: 'parserState'; parser: string; state: string }
  | { kind: 'parserError'; error: string }
  | { kind: 'table'; table: string; hit: boolean; entry?: unknown; action: string }
  | { kind: 'action'; action: string }
  | { kind: 'drop'; reason: string }
  | { kind: 'log'; message: string }
  | { kind: 'stage'; stage: string };

/** Mutable per-packet state, reset by the pipeline for every packet it runs. */
export interface PacketState {
  /** packet_in: the bytes being parsed and the extraction cursor in bits. */
  input: Uint8Array;
  cursorBits: number;
  /** Index into IrProgram.errors set by a failing extract/verify/select. */
  parserError: number;
  /** An error raised inside an expression (lookahead past the end); -1 = none. Checked by parser states. */
  pendingError: number;
  /** An `exit` ran inside an expression (a table applied in a condition); the statement turns it into EXIT. */
  exitPending: boolean;
  /** The standard_metadata of the packet being processed (for externs that imply it). */
  standardMetadata: Value[];
  /** v1model digest(): BMv2 sends only the last request of a packet, with field values read at the end of ingress. */
  digestRequest: { digest: number; read: () => Value } | undefined;
  /** packet_out: emitted header bytes (grown on demand) and their length in bits. */
  output: Uint8Array;
  outputBits: number;
  returnValue: Value;
  /** Result of the last table apply, for `.hit`/`.miss` and `action_run`. */
  hit: boolean;
  actionRun: number;
  /** Direct meter colour of the current hit (v1model direct_meter.read). */
  directMeterColor: number | undefined;
  /** v1model traffic-manager requests made during the current control. */
  cloneSession: number;
  cloneFieldList: number;
  cloneRequested: boolean;
  resubmitFieldList: number;
  recirculateFieldList: number;
  truncateLength: number;
  /** Bytes received (BMv2 ingress length): what counters and meters count. */
  packetLength: number;
  /** BMv2's packet-length register: grows/shrinks with setValid/setInvalid; becomes egress packet_length. */
  lengthRegister: number;
  nowMicroseconds: number;
  /** A failed assert/assume: BMv2 aborts the switch; we drop the packet and report. */
  assertionFailed: string | undefined;
  trace: TraceEvent[] | undefined;
}

export function newPacketState(): PacketState {
  return {
    input: new Uint8Array(0),
    cursorBits: 0,
    parserError: 0,
    pendingError: -1,
    exitPending: false,
    standardMetadata: [],
    digestRequest: undefined,
    output: new Uint8Array(2048),
    outputBits: 0,
    returnValue: 0,
    hit: false,
    actionRun: -1,
    directMeterColor: undefined,
    cloneSession: 0,
    cloneFieldList: -1,
    cloneRequested: false,
    resubmitFieldList: -1,
    recirculateFieldList: -1,
    truncateLength: 0,
    packetLength: 0,
    lengthRegister: 0,
    nowMicroseconds: 0,
    assertionFailed: undefined,
    trace: undefined,
  };
}

/** A user-facing problem found while binding a program (unsupported extern, bad name). */
export interface BindProblem {
  message: string;
}

export interface Compiler {
  program: IrProgram;
  state: PacketState;
  runtime: Runtime;
  /** Error indices of the standard errors the parser raises. */
  errors: {
    NoError: number;
    PacketTooShort: number;
    NoMatch: number;
    StackOutOfBounds: number;
    HeaderTooShort: number;
    ParserTimeout: number;
    ParserInvalidArgument: number;
  };
  problems: BindProblem[];
  frameOfControl(index: number): Frame;
  frameOfParser(index: number): Frame;
  /** The frame an action's parameters and body live in. */
  frameOfAction(index: number): Frame;
  frameOfFunction(index: number): Frame;
  compileStatements(statements: readonly IrStatement[], frame: Frame): Run;
  compileCall(call: IrCall, frame: Frame): Run;
  /** Runs a control-plane action invocation (table hit or default). */
  actionRunner(actionIndex: number): (params: readonly Value[]) => number;
}
