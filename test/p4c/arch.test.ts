import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Declaration, Program, TypeRef } from '../../src/p4c/ast.js';
import { Diagnostics, formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { parseProgram } from '../../src/p4c/parser.js';
import { preprocess, type PreprocessOptions } from '../../src/p4c/preprocess.js';

// The architecture declaration files p4/arch/{core,v1model,tna}.p4: they must
// preprocess and parse cleanly, and the declarations that P4Info names and
// BMv2/Tofino behaviour depend on must have the public names, widths and order.

const ARCH = fileURLToPath(new URL('../../p4/arch/', import.meta.url));

function load(name: string, options: PreprocessOptions = {}): { program: Program; text: string; messages: string[] } {
  const diagnostics = new Diagnostics();
  const source = preprocess(ARCH + name, diagnostics, options);
  const program = parseProgram(source, diagnostics);
  return { program, text: source.text, messages: diagnostics.items.map(formatDiagnostic) };
}

function readDisk(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function typeText(type: TypeRef): string {
  switch (type.kind) {
    case 'BaseType': {
      if (type.width === undefined) return type.name === 'int' && type.signed ? 'int' : type.name;
      const width = type.width.kind === 'IntLiteral' ? type.width.value.toString() : '?';
      return `${type.signed ? 'int' : type.name}<${width}>`;
    }
    case 'NamedType':
      return type.name;
    case 'SpecializedType':
      return `${type.base.name}<${type.args.map(typeText).join(', ')}>`;
    case 'DontCareType':
      return '_';
    case 'VoidType':
      return 'void';
    default:
      return type.kind;
  }
}

function find<K extends Declaration['kind']>(program: Program, kind: K, name: string): Extract<Declaration, { kind: K }> {
  const found = program.declarations.find((declaration) => declaration.kind === kind && 'name' in declaration && declaration.name === name);
  if (found === undefined) throw new Error(`${kind} ${name} not declared`);
  return found as Extract<Declaration, { kind: K }>;
}

function fields(program: Program, name: string): string[] {
  const declaration = program.declarations.find(
    (candidate) => (candidate.kind === 'StructDecl' || candidate.kind === 'HeaderDecl') && candidate.name === name,
  );
  if (declaration === undefined || (declaration.kind !== 'StructDecl' && declaration.kind !== 'HeaderDecl')) throw new Error(`${name} not declared`);
  return declaration.fields.map((field) => `${typeText(field.type)} ${field.name}`);
}

function params(list: { direction: string; type: TypeRef; name: string }[]): string {
  return list.map((param) => `${param.direction === 'none' ? '' : param.direction + ' '}${typeText(param.type)} ${param.name}`).join(', ');
}

describe.each(['core.p4', 'v1model.p4', 'tna.p4'])('%s', (name) => {
  it('preprocesses and parses with no diagnostics', () => {
    expect(load(name).messages).toEqual([]);
  });

  it('can be included twice (include guard)', () => {
    const main = `#include <${name}>\n#include <${name}>\n`;
    const diagnostics = new Diagnostics();
    const source = preprocess('/v/main.p4', diagnostics, {
      includePaths: [ARCH],
      readFile: (path) => (path === '/v/main.p4' ? main : readDisk(path)),
    });
    const program = parseProgram(source, diagnostics);
    expect(diagnostics.items.map(formatDiagnostic)).toEqual([]);
    expect(program.declarations.length).toBe(load(name).program.declarations.length);
  });
});

describe('core.p4', () => {
  const { program } = load('core.p4');

  it('declares the core errors and match kinds in specification order', () => {
    const error = program.declarations.find((declaration) => declaration.kind === 'ErrorDecl');
    expect(error?.kind === 'ErrorDecl' && error.members.map((member) => member.name)).toEqual([
      'NoError', 'PacketTooShort', 'NoMatch', 'StackOutOfBounds', 'HeaderTooShort', 'ParserTimeout', 'ParserInvalidArgument',
    ]);
    const matchKind = program.declarations.find((declaration) => declaration.kind === 'MatchKindDecl');
    expect(matchKind?.kind === 'MatchKindDecl' && matchKind.members.map((member) => member.name)).toEqual(['exact', 'ternary', 'lpm']);
  });

  it('declares packet_in and packet_out with the specification signatures', () => {
    const packetIn = find(program, 'ExternObjectDecl', 'packet_in');
    expect(packetIn.methods.map((method) => `${method.returnType ? typeText(method.returnType) : ''} ${method.name}<${method.typeParams}>(${params(method.params)})`)).toEqual([
      'void extract<T>(out T hdr)',
      'void extract<T>(out T variableSizeHeader, in bit<32> variableFieldSizeInBits)',
      'T lookahead<T>()',
      'void advance<>(in bit<32> sizeInBits)',
      'bit<32> length<>()',
    ]);
    expect(params(find(program, 'ExternObjectDecl', 'packet_out').methods[0].params)).toBe('in T hdr');
  });

  it('declares verify, NoAction and both static_assert forms', () => {
    const functions = program.declarations.filter((declaration) => declaration.kind === 'ExternFunctionDecl');
    expect(functions.map((declaration) => declaration.kind === 'ExternFunctionDecl' && `${declaration.prototype.name}(${params(declaration.prototype.params)})`)).toEqual([
      'verify(in bool check, in error toSignal)',
      'static_assert(bool check, string message)',
      'static_assert(bool check)',
    ]);
    expect(program.declarations.some((declaration) => declaration.kind === 'ActionDecl' && declaration.name === 'NoAction')).toBe(true);
  });
});

describe('v1model.p4', () => {
  const { program, text } = load('v1model.p4');

  it('defaults to version 20200408', () => {
    expect(text).toContain('const bit<32> __v1model_version = 20200408;');
  });

  it('declares standard_metadata_t with simple_switch widths and order', () => {
    expect(fields(program, 'standard_metadata_t')).toEqual([
      'PortId_t ingress_port', 'PortId_t egress_spec', 'PortId_t egress_port', 'bit<32> instance_type', 'bit<32> packet_length',
      'bit<32> enq_timestamp', 'bit<19> enq_qdepth', 'bit<32> deq_timedelta', 'bit<19> deq_qdepth',
      'bit<48> ingress_global_timestamp', 'bit<48> egress_global_timestamp', 'bit<16> mcast_grp', 'bit<16> egress_rid',
      'bit<1> checksum_error', 'error parser_error', 'bit<3> priority',
    ]);
    const metadata = find(program, 'StructDecl', 'standard_metadata_t');
    const alias = metadata.fields.find((field) => field.name === 'egress_rid')?.annotations[0];
    expect(alias?.name).toBe('alias');
    expect(metadata.annotations.map((annotation) => annotation.name)).toEqual(['metadata', 'name']);
  });

  it('uses index type parameters for counter, meter and register', () => {
    expect(find(program, 'ExternObjectDecl', 'counter').typeParams).toEqual(['I']);
    expect(find(program, 'ExternObjectDecl', 'meter').typeParams).toEqual(['I']);
    const register = find(program, 'ExternObjectDecl', 'register');
    expect(register.typeParams).toEqual(['T', 'I']);
    expect(register.methods.map((method) => `${method.name}(${params(method.params)})`)).toEqual([
      'register(bit<32> size)',
      'read(out T result, in I index)',
      'write(in I index, in T value)',
    ]);
  });

  it('gives the older bit<32>-indexed forms for V1MODEL_VERSION 20180101', () => {
    const old = load('v1model.p4', { defines: { V1MODEL_VERSION: '20180101' } });
    expect(old.messages).toEqual([]);
    expect(find(old.program, 'ExternObjectDecl', 'register').typeParams).toEqual(['T']);
    expect(find(old.program, 'ExternObjectDecl', 'counter').typeParams).toEqual([]);
    expect(fields(old.program, 'standard_metadata_t')[0]).toBe('bit<9> ingress_port');
  });

  it('declares the externs programs call, with their public signatures', () => {
    const signatures = program.declarations
      .filter((declaration) => declaration.kind === 'ExternFunctionDecl')
      .map((declaration) => declaration.kind === 'ExternFunctionDecl' && `${declaration.prototype.name}(${params(declaration.prototype.params)})`);
    expect(signatures).toEqual([
      'verify(in bool check, in error toSignal)',
      'static_assert(bool check, string message)',
      'static_assert(bool check)',
      'random(out T result, in T lo, in T hi)',
      'digest(in bit<32> receiver, in T data)',
      'mark_to_drop()',
      'mark_to_drop(inout standard_metadata_t standard_metadata)',
      'hash(out O result, in HashAlgorithm algo, in T base, in D data, in M max)',
      'verify_checksum(in bool condition, in T data, in O checksum, HashAlgorithm algo)',
      'update_checksum(in bool condition, in T data, inout O checksum, HashAlgorithm algo)',
      'verify_checksum_with_payload(in bool condition, in T data, in O checksum, HashAlgorithm algo)',
      'update_checksum_with_payload(in bool condition, in T data, inout O checksum, HashAlgorithm algo)',
      'clone(in CloneType type, in bit<32> session)',
      'resubmit(in T data)',
      'resubmit_preserving_field_list(bit<8> index)',
      'recirculate(in T data)',
      'recirculate_preserving_field_list(bit<8> index)',
      'clone3(in CloneType type, in bit<32> session, in T data)',
      'clone_preserving_field_list(in CloneType type, in bit<32> session, bit<8> index)',
      'truncate(in bit<32> length)',
      'assert(in bool check)',
      'assume(in bool check)',
      'log_msg(string msg)',
      'log_msg(string msg, in T data)',
    ]);
  });

  it('declares HashAlgorithm and CloneType members in order', () => {
    expect(find(program, 'EnumDecl', 'HashAlgorithm').members.map((member) => member.name)).toEqual([
      'crc32', 'crc32_custom', 'crc16', 'crc16_custom', 'random', 'identity', 'csum16', 'xor16',
    ]);
    expect(find(program, 'EnumDecl', 'CloneType').members.map((member) => member.name)).toEqual(['I2E', 'E2E']);
  });

  it('declares the V1Switch package and its blocks', () => {
    expect(params(find(program, 'ParserTypeDecl', 'Parser').params)).toBe(
      'packet_in b, out H parsedHdr, inout M meta, inout standard_metadata_t standard_metadata',
    );
    expect(find(program, 'ControlTypeDecl', 'Ingress').annotations.map((annotation) => annotation.name)).toEqual(['pipeline']);
    expect(params(find(program, 'ControlTypeDecl', 'Deparser').params)).toBe('packet_out b, in H hdr');
    expect(params(find(program, 'PackageTypeDecl', 'V1Switch').params)).toBe(
      'Parser<H, M> p, VerifyChecksum<H, M> vr, Ingress<H, M> ig, Egress<H, M> eg, ComputeChecksum<H, M> ck, Deparser<H> dep',
    );
  });
});

describe('tna.p4', () => {
  const { program } = load('tna.p4');

  it('declares the traffic manager metadata with the public field names and widths', () => {
    expect(fields(program, 'ingress_intrinsic_metadata_for_tm_t')).toEqual([
      'PortId_t ucast_egress_port', 'bit<1> bypass_egress', 'bit<1> deflect_on_drop', 'bit<3> ingress_cos', 'QueueId_t qid',
      'bit<3> icos_for_copy_to_cpu', 'bit<1> copy_to_cpu', 'bit<2> packet_color', 'bit<1> disable_ucast_cutthru',
      'bit<1> enable_mcast_cutthru', 'MulticastGroupId_t mcast_grp_a', 'MulticastGroupId_t mcast_grp_b',
      'bit<13> level1_mcast_hash', 'bit<13> level2_mcast_hash', 'bit<16> level1_exclusion_id', 'bit<9> level2_exclusion_id',
      'bit<16> rid',
    ]);
  });

  it('declares the intrinsic metadata the hardware prepends, with padding', () => {
    expect(fields(program, 'ingress_intrinsic_metadata_t')).toEqual([
      'bit<1> resubmit_flag', 'bit<1> _pad1', 'bit<2> packet_version', 'bit<3> _pad2', 'PortId_t ingress_port', 'bit<48> ingress_mac_tstamp',
    ]);
    expect(fields(program, 'egress_intrinsic_metadata_t')).toHaveLength(25);
    expect(fields(program, 'ingress_intrinsic_metadata_for_deparser_t')).toEqual([
      'bit<3> drop_ctl', 'DigestType_t digest_type', 'ResubmitType_t resubmit_type', 'MirrorType_t mirror_type',
    ]);
  });

  it('declares the pipeline packages with the public parameter names', () => {
    expect(params(find(program, 'PackageTypeDecl', 'Pipeline').params)).toBe(
      'IngressParserT<IH, IM> ingress_parser, IngressT<IH, IM> ingress, IngressDeparserT<IH, IM> ingress_deparser, ' +
        'EgressParserT<EH, EM> egress_parser, EgressT<EH, EM> egress, EgressDeparserT<EH, EM> egress_deparser',
    );
    expect(find(program, 'PackageTypeDecl', 'Switch').typeParams).toHaveLength(16);
  });

  it('declares the stateful and deparser externs', () => {
    for (const name of ['Checksum', 'ParserCounter', 'Hash', 'Random', 'Counter', 'DirectCounter', 'Meter', 'DirectMeter', 'Register', 'RegisterAction', 'ActionSelector', 'Mirror', 'Resubmit', 'Digest']) {
      expect(find(program, 'ExternObjectDecl', name).name).toBe(name);
    }
    const registerAction = find(program, 'ExternObjectDecl', 'RegisterAction');
    expect(registerAction.typeParams).toEqual(['T', 'I', 'U']);
    expect(registerAction.methods.find((method) => method.name === 'apply')?.isAbstract).toBe(true);
  });
});
