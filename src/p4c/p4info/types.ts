// P4Info as plain values, in the shape protobufjs produces for
// p4.config.v1.P4Info with the project's conversion options (src/p4rt/proto.ts):
// field names are the proto field names (keepCase), 64-bit integers are decimal
// strings, enums are their value names, fields at their proto3 default are
// absent. The emitter builds these; the P4Runtime server and client read them.

export type Int64 = string;

export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
}

export interface Expression {
  string_value?: string;
  int64_value?: Int64;
  bool_value?: boolean;
}

export interface StructuredAnnotation {
  name?: string;
  expression_list?: { expressions?: Expression[] };
  kv_pair_list?: { kv_pairs?: { key?: string; value?: Expression }[] };
  source_location?: SourceLocation;
}

export interface Documentation {
  brief?: string;
  description?: string;
}

/** Fields shared by everything that can carry annotations. */
export interface Annotated {
  annotations?: string[];
  annotation_locations?: SourceLocation[];
  structured_annotations?: StructuredAnnotation[];
}

export interface Preamble extends Annotated {
  id?: number;
  name?: string;
  alias?: string;
  doc?: Documentation;
}

export interface PlatformProperties {
  multicast_group_table_size?: number;
  multicast_group_table_total_replicas?: number;
  multicast_group_table_max_replicas_per_entry?: number;
}

export interface PkgInfo extends Annotated {
  name?: string;
  version?: string;
  doc?: Documentation;
  arch?: string;
  organization?: string;
  contact?: string;
  url?: string;
  platform_properties?: PlatformProperties;
}

export interface NamedType {
  name?: string;
}

export type MatchType = 'UNSPECIFIED' | 'EXACT' | 'LPM' | 'TERNARY' | 'RANGE' | 'OPTIONAL';

export interface MatchField extends Annotated {
  id?: number;
  name?: string;
  bitwidth?: number;
  match_type?: MatchType;
  other_match_type?: string;
  doc?: Documentation;
  type_name?: NamedType;
}

export type ActionRefScope = 'TABLE_AND_DEFAULT' | 'TABLE_ONLY' | 'DEFAULT_ONLY';

export interface ActionRef extends Annotated {
  id?: number;
  scope?: ActionRefScope;
}

export interface Table {
  preamble?: Preamble;
  match_fields?: MatchField[];
  action_refs?: ActionRef[];
  const_default_action_id?: number;
  initial_default_action?: { action_id?: number; arguments?: { param_id?: number; value?: Uint8Array }[] };
  implementation_id?: number;
  direct_resource_ids?: number[];
  size?: Int64;
  idle_timeout_behavior?: 'NO_TIMEOUT' | 'NOTIFY_CONTROL';
  is_const_table?: boolean;
  has_initial_entries?: boolean;
}

export interface ActionParam extends Annotated {
  id?: number;
  name?: string;
  bitwidth?: number;
  doc?: Documentation;
  type_name?: NamedType;
}

export interface Action {
  preamble?: Preamble;
  params?: ActionParam[];
}

export interface ActionProfile {
  preamble?: Preamble;
  table_ids?: number[];
  with_selector?: boolean;
  size?: Int64;
  max_group_size?: number;
  sum_of_weights?: Record<string, never>;
  sum_of_members?: { max_member_weight?: number };
}

export type CounterUnit = 'UNSPECIFIED' | 'BYTES' | 'PACKETS' | 'BOTH';
export type MeterUnit = 'UNSPECIFIED' | 'BYTES' | 'PACKETS';
export type MeterType = 'TWO_RATE_THREE_COLOR' | 'SINGLE_RATE_THREE_COLOR' | 'SINGLE_RATE_TWO_COLOR';

export interface Counter {
  preamble?: Preamble;
  spec?: { unit?: CounterUnit };
  size?: Int64;
  index_type_name?: NamedType;
}

export interface DirectCounter {
  preamble?: Preamble;
  spec?: { unit?: CounterUnit };
  direct_table_id?: number;
}

export interface Meter {
  preamble?: Preamble;
  spec?: { unit?: MeterUnit; type?: MeterType };
  size?: Int64;
  index_type_name?: NamedType;
}

export interface DirectMeter {
  preamble?: Preamble;
  spec?: { unit?: MeterUnit; type?: MeterType };
  direct_table_id?: number;
}

export interface ControllerPacketMetadataField extends Annotated {
  id?: number;
  name?: string;
  bitwidth?: number;
  type_name?: NamedType;
}

export interface ControllerPacketMetadata {
  preamble?: Preamble;
  metadata?: ControllerPacketMetadataField[];
}

export interface ValueSet {
  preamble?: Preamble;
  match?: MatchField[];
  size?: number;
}

export interface Register {
  preamble?: Preamble;
  type_spec?: DataTypeSpec;
  size?: number;
  index_type_name?: NamedType;
}

export interface Digest {
  preamble?: Preamble;
  type_spec?: DataTypeSpec;
}

export interface ExternInstance {
  preamble?: Preamble;
  info?: { type_url?: string; value?: Uint8Array };
}

export interface Extern {
  extern_type_id?: number;
  extern_type_name?: string;
  instances?: ExternInstance[];
}

// ------------------------------------------------------------------- types

export interface BitstringLikeTypeSpec extends Annotated {
  bit?: { bitwidth?: number };
  int?: { bitwidth?: number };
  varbit?: { max_bitwidth?: number };
}

/** Exactly one member is set. */
export interface DataTypeSpec {
  bitstring?: BitstringLikeTypeSpec;
  bool?: Record<string, never>;
  tuple?: { members?: DataTypeSpec[] };
  struct?: NamedType;
  header?: NamedType;
  header_union?: NamedType;
  header_stack?: { header?: NamedType; size?: number };
  header_union_stack?: { header_union?: NamedType; size?: number };
  enum?: NamedType;
  error?: Record<string, never>;
  serializable_enum?: NamedType;
  new_type?: NamedType;
}

export interface StructTypeSpec extends Annotated {
  members?: { name?: string; type_spec?: DataTypeSpec }[];
}

export interface HeaderTypeSpec extends Annotated {
  members?: { name?: string; type_spec?: BitstringLikeTypeSpec }[];
}

export interface HeaderUnionTypeSpec extends Annotated {
  members?: { name?: string; header?: NamedType }[];
}

export interface EnumTypeSpec extends Annotated {
  members?: ({ name?: string } & Annotated)[];
}

export interface SerializableEnumTypeSpec extends Annotated {
  underlying_type?: { bitwidth?: number };
  members?: ({ name?: string; value?: Uint8Array } & Annotated)[];
}

export interface NewTypeSpec extends Annotated {
  original_type?: DataTypeSpec;
  translated_type?: { uri?: string; sdn_bitwidth?: number; sdn_string?: Record<string, never> };
}

export interface TypeInfo {
  structs?: Record<string, StructTypeSpec>;
  headers?: Record<string, HeaderTypeSpec>;
  header_unions?: Record<string, HeaderUnionTypeSpec>;
  enums?: Record<string, EnumTypeSpec>;
  error?: { members?: string[] };
  serializable_enums?: Record<string, SerializableEnumTypeSpec>;
  new_types?: Record<string, NewTypeSpec>;
}

/** p4.config.v1.P4Info */
export interface P4InfoObject {
  pkg_info?: PkgInfo;
  tables?: Table[];
  actions?: Action[];
  action_profiles?: ActionProfile[];
  counters?: Counter[];
  direct_counters?: DirectCounter[];
  meters?: Meter[];
  direct_meters?: DirectMeter[];
  controller_packet_metadata?: ControllerPacketMetadata[];
  value_sets?: ValueSet[];
  registers?: Register[];
  digests?: Digest[];
  externs?: Extern[];
  type_info?: TypeInfo;
}
