// The v1model architecture as BMv2 simple_switch runs it: parser (+ verify
// checksum) → ingress → traffic manager (I2E clone, digest, resubmit,
// multicast, drop, unicast) → egress → E2E clone → drop check → compute
// checksum → deparser → recirculate or transmit. Packet copies created by the
// traffic manager are processed from a bounded work queue, in BMv2's order.

import type { IrField, IrProgram, IrStructType, IrType, Value } from '../p4c/ir.js';
import { ProgramCompiler, compileControlBody } from './interpreter/compiler.js';
import { REJECT, type Frame, type TraceEvent } from './interpreter/context.js';
import { compileParserBody } from './interpreter/parser.js';
import type { Runtime, StandardMetadataIndex } from './interpreter/runtime.js';
import { cloneValue, compileClone, compileReset, defaultValue } from './interpreter/values.js';
import { InstanceType, type PacketReplicationEngine } from './pre.js';

export interface PipelineOutput {
  port: number;
  bytes: Uint8Array;
}

export interface PipelineDigest {
  /** Index into IrProgram.digests. */
  digest: number;
  value: Value;
  type: IrType;
}

export interface PipelineResult {
  outputs: PipelineOutput[];
  digests: PipelineDigest[];
  /** Per-packet trace when tracing is on (one list for the packet and all its copies). */
  trace?: TraceEvent[];
  /** Problems the program hit at run time (failed assert/assume, loop bounds). */
  errors: string[];
}

/** Bound on ingress passes (resubmit/recirculate) and total copies per received packet. */
export const MAX_INGRESS_PASSES = 16;
export const MAX_COPIES = 1024;

interface IngressJob {
  kind: 'ingress';
  bytes: Uint8Array;
  port: number;
  instanceType: number;
  /** Metadata preserved from the previous pass (resubmit/recirculate), or undefined. */
  meta?: Value;
  passes: number;
}

interface EgressJob {
  kind: 'egress';
  port: number;
  headers: Value;
  meta: Value;
  standardMetadata: Value[];
  payload: Uint8Array;
  /** Bytes to keep of the deparsed packet (truncate() or clone session truncation); 0 = all. */
  truncateLength: number;
  /** Bytes received for this packet: what BMv2 counters and meters count (Packet::get_ingress_length). */
  ingressLength: number;
  /** BMv2's packet-length register: ingress length adjusted by setValid/setInvalid; egress packet_length. */
  lengthRegister: number;
  passes: number;
}

type Job = IngressJob | EgressJob;

interface Stage {
  frame: Frame;
  run: () => number;
  params: { slot: number; type: IrType }[];
}

function v1modelBlocks(program: IrProgram): Record<'parser' | 'verify' | 'ingress' | 'egress' | 'compute' | 'deparser', number> | string {
  if (program.main === undefined) return 'the program has no `main` package instance';
  const main = program.packages[program.main];
  if (main.typeName !== 'V1Switch') return `main is a ${main.typeName}, the embedded switch runs V1Switch`;
  const byPosition = main.args;
  const pick = (name: string, position: number) => (byPosition.find((a) => a.param === name) ?? byPosition[position])?.index ?? -1;
  return {
    parser: pick('p', 0),
    verify: pick('vr', 1),
    ingress: pick('ig', 2),
    egress: pick('eg', 3),
    compute: pick('ck', 4),
    deparser: pick('dep', 5),
  };
}

/** Paths (field index lists) of user-metadata fields annotated @field_list(..., index, ...). */
function fieldListPaths(type: IrType, index: number, prefix: number[] = [], out: number[][] = []): number[][] {
  if (type.kind !== 'struct') return out;
  type.fields.forEach((field: IrField, i) => {
    const annotation = field.annotations.find((a) => a.name === 'field_list');
    if (annotation?.args?.some((arg) => Number(arg) === index)) out.push([...prefix, i]);
    else if (field.type.kind === 'struct') fieldListPaths(field.type, index, [...prefix, i], out);
  });
  return out;
}

export class V1ModelPipeline {
  readonly compiler: ProgramCompiler;
  private readonly parser: Stage;
  private readonly verify: Stage;
  private readonly ingress: Stage;
  private readonly egress: Stage;
  private readonly compute: Stage;
  private readonly deparser: Stage;
  private readonly headersType: IrType;
  private readonly metaType: IrType;
  private readonly standardMetadataType: IrStructType;
  private readonly sm: StandardMetadataIndex;
  private readonly fieldLists = new Map<number, number[][]>();
  /** Objects reused by the first ingress pass of every packet (reset in place, not reallocated). */
  private readonly pooled: { headers: Value; meta: Value; standardMetadata: Value[] };
  private readonly resetHeaders: (value: Value) => void;
  private readonly resetMeta: (value: Value) => void;
  private readonly resetStandardMetadata: (value: Value) => void;
  private readonly cloneHeaders: (value: Value) => Value;
  private readonly cloneMeta: (value: Value) => Value;
  private readonly cloneStandardMetadata: (value: Value) => Value;
  /** PacketIn port (P4Runtime CPU port); outputs on it are also reported as packet-ins. */
  cpuPort = 510;
  tracing = false;

  constructor(
    readonly program: IrProgram,
    readonly runtime: Runtime,
    private readonly pre: PacketReplicationEngine,
  ) {
    const blocks = v1modelBlocks(program);
    if (typeof blocks === 'string') throw new Error(`internal: ${blocks} (check with v1modelProblems first)`);
    const parser = program.parsers[blocks.parser];
    const metaType = parser.params[2].type;
    runtime.metaTypeName = metaType.kind === 'struct' ? metaType.name : '';
    this.compiler = new ProgramCompiler(program, runtime);
    this.parser = this.stage(parser.params, this.compiler.frameOfParser(blocks.parser), compileParserBody(this.compiler, blocks.parser));
    const control = (index: number) =>
      this.stage(program.controls[index].params, this.compiler.frameOfControl(index), compileControlBody(this.compiler, index));
    this.verify = control(blocks.verify);
    this.ingress = control(blocks.ingress);
    this.egress = control(blocks.egress);
    this.compute = control(blocks.compute);
    this.deparser = control(blocks.deparser);
    this.headersType = parser.params[1].type;
    this.metaType = parser.params[2].type;
    const smType = parser.params[3].type;
    if (smType.kind !== 'struct') throw new Error('internal: standard_metadata is not a struct');
    this.standardMetadataType = smType;
    this.sm = runtime.standardMetadata;
    this.pooled = { headers: defaultValue(this.headersType), meta: defaultValue(this.metaType), standardMetadata: this.newStandardMetadata() };
    this.resetHeaders = compileReset(this.headersType);
    this.resetMeta = compileReset(this.metaType);
    this.resetStandardMetadata = compileReset(this.standardMetadataType);
    this.cloneHeaders = compileClone(this.headersType);
    this.cloneMeta = compileClone(this.metaType);
    this.cloneStandardMetadata = compileClone(this.standardMetadataType);
  }

  private stage(params: { slot: number; type: IrType }[], frame: Frame, run: () => number): Stage {
    return { frame, run, params: params.map((p) => ({ slot: p.slot, type: p.type })) };
  }

  /** Binds a block's apply parameters by position (no array per call: this runs several times per packet). */
  private bind(stage: Stage, first: Value, second: Value, third?: Value, fourth?: Value): void {
    const params = stage.params;
    const frame = stage.frame;
    if (params.length > 0) frame[params[0].slot] = first;
    if (params.length > 1) frame[params[1].slot] = second;
    if (params.length > 2 && third !== undefined) frame[params[2].slot] = third;
    if (params.length > 3 && fourth !== undefined) frame[params[3].slot] = fourth;
  }

  private preserved(index: number): number[][] {
    let paths = this.fieldLists.get(index);
    if (!paths) {
      paths = index < 0 ? [] : index >= 256 ? (this.runtime.inlineFieldLists[index - 256] ?? []) : fieldListPaths(this.metaType, index);
      this.fieldLists.set(index, paths);
    }
    return paths;
  }

  /** A fresh metadata value keeping only the fields of field list `index` from `from` (BMv2 copy_field_list). */
  private preserveMeta(from: Value, index: number): Value {
    const meta = defaultValue(this.metaType);
    for (const path of this.preserved(index)) {
      if (path.length === 0) return cloneValue(from); // the whole metadata struct
      let source = from as Value[];
      let target = meta as Value[];
      for (let i = 0; i < path.length - 1; i++) {
        source = source[path[i]] as Value[];
        target = target[path[i]] as Value[];
      }
      target[path[path.length - 1]] = cloneValue(source[path[path.length - 1]]);
    }
    return meta;
  }

  private resetRequests(): void {
    const state = this.compiler.state;
    state.cloneRequested = false;
    state.cloneSession = 0;
    state.cloneFieldList = -1;
    state.resubmitFieldList = -1;
    state.recirculateFieldList = -1;
    state.digestRequest = undefined;
    state.assertionFailed = undefined;
  }

  /** Runs the parser over `bytes`; returns the headers, parser error and the unparsed payload. */
  private parse(bytes: Uint8Array, headers: Value, meta: Value, standardMetadata: Value[]): Uint8Array {
    const state = this.compiler.state;
    state.input = bytes;
    state.cursorBits = 0;
    state.parserError = this.compiler.errors.NoError;
    state.pendingError = -1;
    this.bind(this.parser, 0, headers, meta, standardMetadata);
    const status = this.parser.run();
    if (this.sm.parser_error >= 0) standardMetadata[this.sm.parser_error] = status === REJECT ? state.parserError : this.compiler.errors.NoError;
    return bytes.subarray(Math.min(bytes.length, (state.cursorBits + 7) >> 3));
  }

  process(port: number, bytes: Uint8Array, nowMicroseconds: number): PipelineResult {
    const state = this.compiler.state;
    state.nowMicroseconds = nowMicroseconds;
    const result: PipelineResult = { outputs: [], digests: [], errors: [] };
    state.trace = this.tracing ? [] : undefined;
    const queue: Job[] = [{ kind: 'ingress', bytes, port, instanceType: InstanceType.NORMAL, passes: 0 }];
    let copies = 0;
    while (queue.length > 0) {
      if (++copies > MAX_COPIES) {
        result.errors.push(`more than ${MAX_COPIES} packet copies; the rest are dropped`);
        break;
      }
      const job = queue.shift()!;
      if (job.kind === 'ingress') this.runIngress(job, queue, result);
      else this.runEgress(job, queue, result);
    }
    if (state.trace) result.trace = state.trace;
    return result;
  }

  private newStandardMetadata(): Value[] {
    return defaultValue(this.standardMetadataType) as Value[];
  }

  /** Per standard_metadata field: how to store a JS number into it (width-wrapped, bigint above 32 bits). */
  private smStore: ((value: number) => Value)[] = [];

  private setSm(metadata: Value[], field: keyof StandardMetadataIndex, value: number): void {
    const index = this.sm[field];
    if (index < 0) return;
    let store = this.smStore[index];
    if (!store) {
      const type = this.standardMetadataType.fields[index].type;
      const width = type.kind === 'bit' ? type.width : 32;
      const modulus = 2 ** width;
      if (width > 32) {
        // Timestamps repeat within a burst: reuse the last bigint instead of allocating one per packet.
        let lastNumber = -1;
        let lastBig = 0n;
        store = (v) => {
          if (v !== lastNumber) {
            lastNumber = v;
            lastBig = BigInt(v);
          }
          return lastBig;
        };
      } else {
        store = width === 32 ? (v) => v >>> 0 : (v) => v % modulus;
      }
      this.smStore[index] = store;
    }
    metadata[index] = store(value);
  }

  private getSm(metadata: Value[], field: keyof StandardMetadataIndex): number {
    const index = this.sm[field];
    return index < 0 ? 0 : Number(metadata[index]);
  }

  private runIngress(job: IngressJob, queue: Job[], result: PipelineResult): void {
    const state = this.compiler.state;
    // Only the received packet's own pass uses no preserved metadata; it may reuse the pooled objects.
    const pooled = job.meta === undefined;
    const sm = pooled ? this.pooled.standardMetadata : this.newStandardMetadata();
    const headers = pooled ? this.pooled.headers : defaultValue(this.headersType);
    const meta = job.meta ?? this.pooled.meta;
    if (pooled) {
      this.resetStandardMetadata(sm);
      this.resetHeaders(headers);
      this.resetMeta(meta);
    }
    state.standardMetadata = sm;
    state.packetLength = job.bytes.length;
    state.lengthRegister = job.bytes.length;
    state.truncateLength = 0;
    this.setSm(sm, 'ingress_port', job.port);
    this.setSm(sm, 'packet_length', job.bytes.length);
    this.setSm(sm, 'instance_type', job.instanceType);
    this.setSm(sm, 'ingress_global_timestamp', Math.floor(state.nowMicroseconds));
    state.trace?.push({ kind: 'stage', stage: `ingress port ${job.port}` });
    const payload = this.parse(job.bytes, headers, meta, sm);
    this.resetRequests();
    this.bind(this.verify, headers, meta);
    this.verify.run();
    this.bind(this.ingress, headers, meta, sm);
    this.ingress.run();
    if (state.assertionFailed) {
      result.errors.push(state.assertionFailed);
      state.trace?.push({ kind: 'drop', reason: state.assertionFailed });
      return;
    }
    // I2E clone: the original packet re-parsed, metadata reset except the field list.
    if (state.cloneRequested) {
      const targets = this.pre.cloneTargets(state.cloneSession);
      const fieldList = state.cloneFieldList;
      for (const replica of targets?.replicas ?? []) {
        const cloneSm = this.newStandardMetadata();
        const cloneHeaders = defaultValue(this.headersType);
        this.setSm(cloneSm, 'ingress_port', job.port);
        // BMv2 parses the copy first, then resets its metadata and copies the field list
        // (copy_field_list_and_set_type): what the parser wrote to metadata is lost.
        const clonePayload = this.parse(job.bytes, cloneHeaders, defaultValue(this.metaType), cloneSm);
        const cloneMeta = this.preserveMeta(meta, fieldList);
        const fresh = this.newStandardMetadata();
        this.setSm(fresh, 'instance_type', InstanceType.INGRESS_CLONE);
        this.setSm(fresh, 'packet_length', job.bytes.length);
        this.setSm(fresh, 'egress_rid', replica.instance);
        queue.push({ kind: 'egress', port: replica.egressPort, headers: cloneHeaders, meta: cloneMeta, standardMetadata: fresh, payload: clonePayload, truncateLength: targets!.packetLengthBytes, ingressLength: job.bytes.length, lengthRegister: job.bytes.length, passes: job.passes });
      }
      state.standardMetadata = sm;
    }
    if (state.digestRequest && state.digestRequest.digest >= 0) {
      const digest = this.program.digests[state.digestRequest.digest];
      result.digests.push({ digest: state.digestRequest.digest, value: cloneValue(state.digestRequest.read()), type: digest.type });
    }
    if (state.resubmitFieldList !== -1) {
      if (job.passes + 1 >= MAX_INGRESS_PASSES) {
        result.errors.push(`resubmit loop exceeded ${MAX_INGRESS_PASSES} passes; packet dropped`);
        return;
      }
      state.trace?.push({ kind: 'stage', stage: 'resubmit' });
      // BMv2 resets all metadata of the copy, standard_metadata.ingress_port included, and
      // restores only the field list (copy_field_list_and_set_type): the port reads 0.
      queue.push({ kind: 'ingress', bytes: job.bytes, port: 0, instanceType: InstanceType.RESUBMIT, meta: this.preserveMeta(meta, state.resubmitFieldList), passes: job.passes + 1 });
      return;
    }
    const multicastGroup = this.getSm(sm, 'mcast_grp');
    if (multicastGroup !== 0) {
      this.setSm(sm, 'instance_type', InstanceType.REPLICATION);
      const replicas = this.pre.replicate(multicastGroup);
      if (replicas.length === 0) state.trace?.push({ kind: 'drop', reason: `multicast group ${multicastGroup} has no replicas` });
      replicas.forEach((replica, i) => {
        // The original is discarded after replication (BMv2), so the last copy can take it over.
        const last = i === replicas.length - 1;
        const copy = (last ? sm : this.cloneStandardMetadata(sm)) as Value[];
        this.setSm(copy, 'egress_rid', replica.instance);
        queue.push({
          kind: 'egress', port: replica.egressPort, headers: last ? headers : this.cloneHeaders(headers), meta: last ? meta : this.cloneMeta(meta),
          standardMetadata: copy, payload, truncateLength: state.truncateLength, ingressLength: job.bytes.length, lengthRegister: state.lengthRegister, passes: job.passes,
        });
      });
      return;
    }
    const egressSpec = this.getSm(sm, 'egress_spec');
    if (egressSpec === this.runtime.dropPort) {
      state.trace?.push({ kind: 'drop', reason: 'egress_spec is the drop port at the end of ingress' });
      return;
    }
    this.setSm(sm, 'instance_type', InstanceType.NORMAL);
    queue.push({ kind: 'egress', port: egressSpec, headers, meta, standardMetadata: sm, payload, truncateLength: state.truncateLength, ingressLength: job.bytes.length, lengthRegister: state.lengthRegister, passes: job.passes });
  }

  private runEgress(job: EgressJob, queue: Job[], result: PipelineResult): void {
    const state = this.compiler.state;
    const sm = job.standardMetadata;
    state.standardMetadata = sm;
    state.truncateLength = job.truncateLength;
    state.packetLength = job.ingressLength;
    state.lengthRegister = job.lengthRegister;
    this.setSm(sm, 'packet_length', job.lengthRegister);
    this.setSm(sm, 'egress_port', job.port);
    // BMv2 sets egress_spec to drop_port + 1, which wraps to 0 in the 9-bit field.
    this.setSm(sm, 'egress_spec', this.runtime.dropPort + 1);
    this.setSm(sm, 'egress_global_timestamp', Math.floor(state.nowMicroseconds));
    this.setSm(sm, 'enq_timestamp', Math.floor(state.nowMicroseconds));
    this.setSm(sm, 'deq_timedelta', 0);
    state.trace?.push({ kind: 'stage', stage: `egress port ${job.port}` });
    this.resetRequests();
    this.bind(this.egress, job.headers, job.meta, sm);
    this.egress.run();
    if (state.assertionFailed) {
      result.errors.push(state.assertionFailed);
      state.trace?.push({ kind: 'drop', reason: state.assertionFailed });
      return;
    }
    if (state.cloneRequested) {
      const targets = this.pre.cloneTargets(state.cloneSession);
      for (const replica of targets?.replicas ?? []) {
        const fresh = this.newStandardMetadata();
        this.setSm(fresh, 'instance_type', InstanceType.EGRESS_CLONE);
        this.setSm(fresh, 'packet_length', state.lengthRegister);
        this.setSm(fresh, 'egress_rid', replica.instance);
        queue.push({ kind: 'egress', port: replica.egressPort, headers: this.cloneHeaders(job.headers), meta: this.preserveMeta(job.meta, state.cloneFieldList), standardMetadata: fresh, payload: job.payload, truncateLength: targets!.packetLengthBytes, ingressLength: job.ingressLength, lengthRegister: state.lengthRegister, passes: job.passes });
      }
      state.standardMetadata = sm;
    }
    if (this.getSm(sm, 'egress_spec') === this.runtime.dropPort) {
      state.trace?.push({ kind: 'drop', reason: 'mark_to_drop in egress' });
      return;
    }
    const recirculate = state.recirculateFieldList;
    this.bind(this.compute, job.headers, job.meta);
    state.input = job.payload;
    state.cursorBits = 0;
    this.compute.run();
    state.outputBits = 0;
    this.bind(this.deparser, 0, job.headers);
    this.deparser.run();
    const headerBytes = state.outputBits >> 3;
    let bytes = new Uint8Array(headerBytes + job.payload.length);
    const output = state.output;
    for (let i = 0; i < headerBytes; i++) bytes[i] = output[i];
    bytes.set(job.payload, headerBytes);
    if (state.truncateLength > 0 && bytes.length > state.truncateLength) bytes = bytes.slice(0, state.truncateLength);
    if (recirculate !== -1) {
      if (job.passes + 1 >= MAX_INGRESS_PASSES) {
        result.errors.push(`recirculate loop exceeded ${MAX_INGRESS_PASSES} passes; packet dropped`);
        return;
      }
      state.trace?.push({ kind: 'stage', stage: 'recirculate' });
      // As for resubmit: BMv2 calls reset_metadata() on the copy, so ingress_port is 0.
      queue.push({ kind: 'ingress', bytes, port: 0, instanceType: InstanceType.RECIRCULATE, meta: this.preserveMeta(job.meta, recirculate), passes: job.passes + 1 });
      return;
    }
    result.outputs.push({ port: job.port, bytes });
  }
}

/** Why a program cannot run on the embedded switch, or undefined when it can. */
export function v1modelProblems(program: IrProgram): string | undefined {
  const blocks = v1modelBlocks(program);
  if (typeof blocks === 'string') return blocks;
  if (Object.values(blocks).some((index) => index < 0)) return 'V1Switch is missing one of its six blocks';
  const parser = program.parsers[blocks.parser];
  if (!parser || parser.params.length < 4) return 'the V1Switch parser must take (packet_in, out H, inout M, inout standard_metadata_t)';
  return undefined;
}
