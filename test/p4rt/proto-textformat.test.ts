import { describe, expect, it } from 'vitest';
import { encodeMessage, normalizeMessage } from '../../src/p4rt/proto.js';
import { escapeBytes, formatText, parseText } from '../../src/p4rt/textformat.js';
import { plain, projectMessageTypes, sample } from './proto-samples.js';

// What p4c prints for a v1model program with one action selector shared by two
// tables (ids and layout as in p4c's own test outputs).
const SELECTOR_P4INFO = `pkg_info {
  arch: "v1model"
}
tables {
  preamble {
    id: 38116258
    name: "IngressI.indirect_ws"
    alias: "indirect_ws"
  }
  action_refs {
    id: 23455883
  }
  action_refs {
    id: 21257015
  }
  const_default_action_id: 21257015
  implementation_id: 291652621
  size: 1024
}
actions {
  preamble {
    id: 21257015
    name: "NoAction"
    alias: "NoAction"
    annotations: "@noWarn(\\"unused\\")"
  }
}
action_profiles {
  preamble {
    id: 291652621
    name: "IngressI.as"
    alias: "as"
  }
  table_ids: 38116258
  table_ids: 33951097
  with_selector: true
  size: 1024
}
type_info {
}
`;

const SELECTOR_OBJECT = {
  pkg_info: { arch: 'v1model' },
  tables: [
    {
      preamble: { id: 38116258, name: 'IngressI.indirect_ws', alias: 'indirect_ws' },
      action_refs: [{ id: 23455883 }, { id: 21257015 }],
      const_default_action_id: 21257015,
      implementation_id: 291652621,
      size: '1024',
    },
  ],
  actions: [{ preamble: { id: 21257015, name: 'NoAction', alias: 'NoAction', annotations: ['@noWarn("unused")'] } }],
  action_profiles: [
    {
      preamble: { id: 291652621, name: 'IngressI.as', alias: 'as' },
      table_ids: [38116258, 33951097],
      with_selector: true,
      size: '1024',
    },
  ],
  type_info: {},
};

describe('text format writer', () => {
  it('prints P4Info exactly as protoc does', () => {
    expect(formatText('p4.config.v1.P4Info', SELECTOR_OBJECT)).toBe(SELECTOR_P4INFO);
  });

  it('orders fields by number, not by declaration, and omits proto3 defaults', () => {
    const text = formatText('p4.config.v1.Table', { size: '0', is_const_table: false, has_initial_entries: true, const_default_action_id: 5 });
    expect(text).toBe('const_default_action_id: 5\nhas_initial_entries: true\n');
    // annotation_locations (10) is declared before arch (5) in MatchField-like messages.
    expect(formatText('p4.config.v1.MatchField', { annotation_locations: [{ line: 1 }], bitwidth: 9, id: 1 })).toBe(
      'id: 1\nbitwidth: 9\nannotation_locations {\n  line: 1\n}\n',
    );
  });

  it('prints a oneof member even at its default value', () => {
    expect(formatText('p4.v1.Replica', { egress_port: 0, instance: 0 })).toBe('egress_port: 0\n');
    expect(formatText('p4.config.v1.MatchField', { match_type: 'UNSPECIFIED' })).toBe('match_type: UNSPECIFIED\n');
  });

  it('escapes bytes and strings like CEscape', () => {
    expect(escapeBytes(new Uint8Array([0, 0x0a, 0x22, 0x27, 0x5c, 0x41, 0x7f, 0xff, 0x09, 0x0d]))).toBe(
      '\\000\\n\\"\\\'\\\\A\\177\\377\\t\\r',
    );
    expect(formatText('p4.v1.PacketIn', { payload: new Uint8Array([1, 0x61]) })).toBe('payload: "\\001a"\n');
    expect(formatText('p4.config.v1.Preamble', { name: 'é' })).toBe('name: "\\303\\251"\n');
  });

  it('sorts map entries by key and expands Any', () => {
    const info = { type_info: { headers: { b_t: { members: [{ name: 'x', type_spec: { bit: { bitwidth: 8 } } }] }, a_t: {} } } };
    expect(formatText('p4.config.v1.P4Info', info)).toBe(
      [
        'type_info {', '  headers {', '    key: "a_t"', '    value {', '    }', '  }',
        '  headers {', '    key: "b_t"', '    value {', '      members {', '        name: "x"',
        '        type_spec {', '          bit {', '            bitwidth: 8', '          }', '        }',
        '      }', '    }', '  }', '}', '',
      ].join('\n'),
    );
    const value = encodeMessage('p4.v1.CounterData', { packet_count: 3 });
    const text = formatText('p4.v1.ExternEntry', { extern_id: 1, entry: { type_url: 'type.googleapis.com/p4.v1.CounterData', value } });
    expect(text).toBe('extern_id: 1\nentry {\n  [type.googleapis.com/p4.v1.CounterData] {\n    packet_count: 3\n  }\n}\n');
    expect(plain(parseText('p4.v1.ExternEntry', text))).toEqual(
      plain({ ok: true, value: { extern_id: 1, entry: { type_url: 'type.googleapis.com/p4.v1.CounterData', value } } }),
    );
  });
});

describe('text format writer fallbacks', () => {
  it('prints an Any of an unknown type as its two fields', () => {
    const value = { entry: { type_url: 'type.googleapis.com/vendor.Unknown', value: new Uint8Array([1]) } };
    const text = formatText('p4.v1.ExternEntry', value);
    expect(text).toBe('entry {\n  type_url: "type.googleapis.com/vendor.Unknown"\n  value: "\\001"\n}\n');
    expect(plain(parseText('p4.v1.ExternEntry', text))).toEqual(plain({ ok: true, value }));
  });
});

describe('text format parser', () => {
  it('reads what the writer prints', () => {
    expect(parseText('p4.config.v1.P4Info', SELECTOR_P4INFO)).toEqual({ ok: true, value: SELECTOR_OBJECT });
  });

  it('round-trips a populated sample of every message type', () => {
    for (const type of projectMessageTypes()) {
      const name = type.fullName.slice(1);
      const value = sample(type);
      const parsed = parseText(name, formatText(name, value));
      expect(parsed.ok, name).toBe(true);
      if (parsed.ok) expect(plain(parsed.value), name).toEqual(plain(normalizeMessage(name, value)));
    }
  });

  it('accepts the general syntax: comments, <>, separators, concatenation, hex, enum numbers, lists', () => {
    const text = `# proto-file: p4/config/v1/p4info.proto
      tables < preamble: { id: 0x2000001; name: "a" 'b' } size: 12, >
      tables { match_fields { match_type: 3 } direct_resource_ids: [1, 2] }
      counters { spec { unit: BOTH } size: -1 }`;
    expect(parseText('p4.config.v1.P4Info', text)).toEqual({
      ok: true,
      value: {
        tables: [
          { preamble: { id: 0x2000001, name: 'ab' }, size: '12' },
          { match_fields: [{ match_type: 'LPM' }], direct_resource_ids: [1, 2] },
        ],
        counters: [{ spec: { unit: 'BOTH' }, size: '-1' }],
      },
    });
  });

  it('skips fields of newer protos only when asked to', () => {
    const text = 'generic_tables { preamble { id: 1 } sizes: [1, 2] }\nfuture: "a" "b"\nfuture_number: -5\ntables { preamble { id: 2 } new_flag: true }';
    expect(parseText('p4.config.v1.P4Info', text).ok).toBe(false);
    expect(parseText('p4.config.v1.P4Info', text, { allowUnknownFields: true })).toEqual({ ok: true, value: { tables: [{ preamble: { id: 2 } }] } });
  });

  it('decodes octal, hex and unicode escapes', () => {
    const parsed = parseText<{ payload: Uint8Array }>('p4.v1.PacketIn', 'payload: "\\000\\x41\\101\\n\\u00e9"');
    expect(parsed.ok && Array.from(parsed.value.payload)).toEqual([0, 0x41, 0x41, 0x0a, 0xc3, 0xa9]);
  });

  it('reports errors with a position instead of throwing', () => {
    expect(parseText('p4.config.v1.P4Info', 'tables {\n  bogus: 1\n}')).toEqual({
      ok: false,
      error: "p4.config.v1.P4Info: 2:3: Table has no field 'bogus'",
    });
    expect(parseText('p4.config.v1.P4Info', 'tables {').ok).toBe(false);
    expect(parseText('p4.config.v1.Table', 'size: "x"').ok).toBe(false);
    expect(parseText('p4.config.v1.Table', 'idle_timeout_behavior: SOMETIMES').ok).toBe(false);
    expect(parseText('p4.config.v1.Table', 'size: 1 @').ok).toBe(false);
    expect(parseText('p4.config.v1.Table', 'const_default_action_id: 4294967296').ok).toBe(false);
    expect(parseText('p4.config.v1.Table', 'const_default_action_id: -1').ok).toBe(false);
    expect(parseText('p4.config.v1.Table', 'size: 9223372036854775807')).toEqual({ ok: true, value: { size: '9223372036854775807' } });
  });
});
