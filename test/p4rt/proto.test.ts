import { describe, expect, it } from 'vitest';
import {
  decodeMessage,
  decodeP4Info,
  encodeMessage,
  encodeP4Info,
  enumType,
  messageType,
  normalizeMessage,
  p4runtimeServiceDefinition,
} from '../../src/p4rt/proto.js';
import { plain, projectMessageTypes, sample } from './proto-samples.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('P4Runtime protos', () => {
  it('load with every message family named in the specification', () => {
    const names = [
      'p4.v1.WriteRequest', 'p4.v1.Update', 'p4.v1.Entity', 'p4.v1.ExternEntry', 'p4.v1.TableEntry',
      'p4.v1.FieldMatch.Exact', 'p4.v1.FieldMatch.Ternary', 'p4.v1.FieldMatch.LPM', 'p4.v1.FieldMatch.Range',
      'p4.v1.FieldMatch.Optional', 'p4.v1.TableAction', 'p4.v1.Action', 'p4.v1.ActionProfileActionSet',
      'p4.v1.ActionProfileMember', 'p4.v1.ActionProfileGroup', 'p4.v1.Index', 'p4.v1.MeterConfig',
      'p4.v1.CounterData', 'p4.v1.MeterCounterData', 'p4.v1.MeterEntry', 'p4.v1.DirectMeterEntry',
      'p4.v1.CounterEntry', 'p4.v1.DirectCounterEntry', 'p4.v1.PacketReplicationEngineEntry', 'p4.v1.Replica',
      'p4.v1.MulticastGroupEntry', 'p4.v1.CloneSessionEntry', 'p4.v1.ValueSetMember', 'p4.v1.ValueSetEntry',
      'p4.v1.RegisterEntry', 'p4.v1.DigestEntry', 'p4.v1.StreamMessageRequest', 'p4.v1.StreamMessageResponse',
      'p4.v1.MasterArbitrationUpdate', 'p4.v1.Role', 'p4.v1.Uint128', 'p4.v1.PacketOut', 'p4.v1.PacketIn',
      'p4.v1.PacketMetadata', 'p4.v1.DigestList', 'p4.v1.DigestListAck', 'p4.v1.IdleTimeoutNotification',
      'p4.v1.StreamError', 'p4.v1.PacketOutError', 'p4.v1.DigestListAckError', 'p4.v1.StreamOtherError',
      'p4.v1.Error', 'p4.v1.ForwardingPipelineConfig.Cookie', 'p4.v1.GetForwardingPipelineConfigRequest',
      'p4.v1.CapabilitiesRequest', 'p4.v1.CapabilitiesResponse', 'p4.v1.P4Data', 'p4.v1.P4HeaderUnionStack',
      'p4.config.v1.P4Info', 'p4.config.v1.PkgInfo', 'p4.config.v1.PlatformProperties', 'p4.config.v1.Table',
      'p4.config.v1.MatchField', 'p4.config.v1.ActionRef', 'p4.config.v1.Action.Param',
      'p4.config.v1.ActionProfile', 'p4.config.v1.Counter', 'p4.config.v1.DirectMeter',
      'p4.config.v1.ControllerPacketMetadata.Metadata', 'p4.config.v1.ValueSet', 'p4.config.v1.Register',
      'p4.config.v1.Digest', 'p4.config.v1.Extern', 'p4.config.v1.ExternInstance', 'p4.config.v1.P4TypeInfo',
      'p4.config.v1.P4DataTypeSpec', 'p4.config.v1.P4NewTypeSpec', 'p4.config.v1.StructuredAnnotation',
    ];
    for (const name of names) expect(messageType(name).fullName).toBe(`.${name}`);
    expect(enumType('p4.v1.SdnPort').values.SDN_PORT_CPU).toBe(-3);
    expect(enumType('p4.config.v1.P4Ids.Prefix').values.DIRECT_METER).toBe(0x15);
    expect(enumType('p4.v1.GetForwardingPipelineConfigRequest.ResponseType').values.DEVICE_CONFIG_AND_COOKIE).toBe(3);
  });

  it('round-trips a fully populated sample of every message type', () => {
    const types = projectMessageTypes();
    expect(types.length).toBeGreaterThan(100);
    for (const type of types) {
      const name = type.fullName.slice(1);
      const value = sample(type);
      const decoded = decodeMessage(name, encodeMessage(name, value));
      expect(decoded.ok, name).toBe(true);
      if (decoded.ok) expect(plain(decoded.value), name).toEqual(plain(normalizeMessage(name, value)));
    }
  });

  // Field numbers checked on the wire: these are what interoperability rests on.
  it('uses the specification field numbers', () => {
    expect(hex(encodeMessage('p4.v1.TableEntry', { table_id: 1, is_const: true }))).toBe('08016801');
    expect(hex(encodeMessage('p4.v1.TableEntry', { meter_counter_data: {} }))).toBe('6200');
    expect(hex(encodeMessage('p4.v1.Replica', { port: new Uint8Array([0x61]), instance: 2 }))).toBe('10021a0161');
    expect(hex(encodeMessage('p4.v1.MulticastGroupEntry', { metadata: new Uint8Array([9]) }))).toBe('1a0109');
    expect(hex(encodeMessage('p4.v1.FieldMatch', { field_id: 1, range: { low: new Uint8Array([1]) } }))).toBe('08013203' + '0a0101');
    expect(hex(encodeMessage('p4.v1.WriteRequest', { role: 'r', atomicity: 'DATAPLANE_ATOMIC' }))).toBe('28023201' + '72');
    expect(hex(encodeMessage('p4.v1.StreamMessageResponse', { error: { canonical_code: 3 } }))).toBe('32020803');
    expect(hex(encodeMessage('p4.config.v1.P4Info', { type_info: {} }))).toBe('c20c00');
    expect(hex(encodeMessage('p4.config.v1.P4Info', { externs: [{}] }))).toBe('a20600');
    expect(hex(encodeMessage('p4.config.v1.Table', { size: '1024', is_const_table: true }))).toBe('4080085001');
    expect(hex(encodeMessage('p4.config.v1.PkgInfo', { platform_properties: { multicast_group_table_size: 10 } }))).toBe('5a02080a');
    expect(hex(encodeMessage('p4.config.v1.MatchField', { other_match_type: 'x' }))).toBe('3a0178');
  });

  it('leaves proto3 fields at their default off the wire in canonical mode, like protoc', () => {
    const canonical = { canonical: true };
    expect(hex(encodeMessage('p4.config.v1.Table', { size: '0', is_const_table: false, const_default_action_id: 0, preamble: { name: '' } }, canonical))).toBe('0a00');
    expect(hex(encodeP4Info({ tables: [{ match_fields: [{ id: 0, bitwidth: 8 }] }] }))).toBe('1204' + '12022008');
    // A oneof member and a repeated element are kept even at their default.
    expect(hex(encodeMessage('p4.v1.Replica', { egress_port: 0 }, canonical))).toBe('0800');
    expect(hex(encodeMessage('p4.config.v1.Table', { direct_resource_ids: [0] }, canonical))).toBe('3a0100');
    // Without canonical, what the object sets is what goes on the wire.
    expect(hex(encodeMessage('p4.v1.CounterData', { byte_count: 0 }))).toBe('0800');
  });

  it('keeps 64-bit values exact as decimal strings', () => {
    const decoded = decodeMessage<{ high: string; low: string }>('p4.v1.Uint128', encodeMessage('p4.v1.Uint128', { high: '18446744073709551615', low: 1 }));
    expect(decoded).toEqual({ ok: true, value: { high: '18446744073709551615', low: '1' } });
  });

  it('reports malformed bytes as a value', () => {
    const decoded = decodeP4Info(new Uint8Array([0x0a, 0x05, 0x01]));
    expect(decoded.ok).toBe(false);
  });

  it('encodes and decodes P4Info through the typed helpers', () => {
    const info = { tables: [{ preamble: { id: 37375156, name: 'MyIngress.ipv4_lpm', alias: 'ipv4_lpm' }, size: '1024' }] };
    expect(decodeP4Info(encodeP4Info(info))).toEqual({ ok: true, value: info });
  });
});

describe('gRPC service definition', () => {
  const service = p4runtimeServiceDefinition();

  it('has the six methods with their paths and streaming flags', () => {
    const shape = Object.fromEntries(
      Object.entries(service).map(([name, m]) => [name, [m.path, m.requestStream, m.responseStream, m.originalName]]),
    );
    expect(shape).toEqual({
      Write: ['/p4.v1.P4Runtime/Write', false, false, 'write'],
      Read: ['/p4.v1.P4Runtime/Read', false, true, 'read'],
      SetForwardingPipelineConfig: ['/p4.v1.P4Runtime/SetForwardingPipelineConfig', false, false, 'setForwardingPipelineConfig'],
      GetForwardingPipelineConfig: ['/p4.v1.P4Runtime/GetForwardingPipelineConfig', false, false, 'getForwardingPipelineConfig'],
      StreamChannel: ['/p4.v1.P4Runtime/StreamChannel', true, true, 'streamChannel'],
      Capabilities: ['/p4.v1.P4Runtime/Capabilities', false, false, 'capabilities'],
    });
  });

  it('serializes requests and responses with the right message types', () => {
    const write = service.Write;
    const request = { device_id: '1', election_id: { low: '5' }, updates: [{ type: 'INSERT', entity: { table_entry: { table_id: 7 } } }] };
    expect(write.requestDeserialize(write.requestSerialize(request))).toEqual(request);
    const stream = service.StreamChannel;
    const response = { packet: { payload: Buffer.from([1, 2]), metadata: [{ metadata_id: 1, value: Buffer.from([3]) }] } };
    expect(stream.responseDeserialize(stream.responseSerialize(response))).toEqual(response);
  });
});
