import { describe, expect, it } from 'vitest';
import {
  convertMatch,
  findAction,
  findMatchField,
  findTable,
  parseStfMatchValue,
  resolveAction,
  resolveCounter,
  resolveMatch,
  toP4InfoView,
  type P4InfoView,
  type StfKey,
} from '../../../src/sim/stf/index.js';
import { p4info } from './fake-target.js';

const key = (field: string, text: string): StfKey => {
  const match = parseStfMatchValue(text);
  if (!match.ok) throw new Error(match.error);
  return { field, match: match.value };
};
const field = (matchType: string, bitwidth = 32) => ({ id: 1, name: 'f', bitwidth, matchType });
const convert = (matchType: string, text: string, bitwidth = 32) => convertMatch(field(matchType, bitwidth), key('f', text).match);

describe('STF name resolution against P4Info', () => {
  it('tables: exact name, alias, dotted suffix, raw suffix, ambiguity', () => {
    expect(findTable(p4info, 'MyIngress.forward').ok && 1).toBe(1);
    const byAlias = findTable(p4info, 'acl');
    expect(byAlias.ok && byAlias.value.preamble.id).toBe(2);
    const bySuffix = findTable(p4info, 'Ingress.ipv4_lpm');
    expect(bySuffix.ok && bySuffix.value.preamble.id).toBe(3);
    // "lpm" is a dotted suffix of MyEgress.lpm only, though MyIngress.ipv4_lpm ends with it too.
    const dotted = findTable(p4info, 'lpm');
    expect(dotted.ok && dotted.value.preamble.id).toBe(4);
    const twoTables: P4InfoView = { tables: [p4info.tables[0], { ...p4info.tables[0], preamble: { id: 9, name: 'MyEgress.forward' } }], actions: [] };
    const ambiguous = findTable({ ...twoTables, tables: twoTables.tables.map((table) => ({ ...table, preamble: { ...table.preamble, alias: undefined } })) }, 'forward');
    expect(!ambiguous.ok && ambiguous.error).toBe('table name "forward" is ambiguous between MyIngress.forward and MyEgress.forward');
    expect(findTable(p4info, 'nothing').ok).toBe(false);
  });

  it('actions only among the table action refs', () => {
    const table = p4info.tables[1];
    expect(findAction(p4info, table, 'drop').ok).toBe(true);
    expect(findAction(p4info, table, 'MyIngress.drop').ok).toBe(true);
    const notAllowed = findAction(p4info, table, 'set_port');
    expect(!notAllowed.ok && notAllowed.error).toBe('no action named "set_port" in table MyIngress.acl');
  });

  it('key fields: exact, dotted suffix, validity forms, $N stacks', () => {
    const acl = p4info.tables[1];
    for (const name of ['hdr.ipv4.dstAddr', 'ipv4.dstAddr', 'dstAddr']) {
      const found = findMatchField(acl, name);
      expect(found.ok && found.value.id, name).toBe(1);
    }
    for (const name of ['hdr.ipv4.$valid$', 'hdr.ipv4.valid', 'ipv4.$valid$', 'hdr.ipv4']) {
      const found = findMatchField(acl, name);
      expect(found.ok && found.value.id, name).toBe(2);
    }
    const renamed = { ...acl, matchFields: [{ ...acl.matchFields[0], name: 'dstAddr' }] };
    const longer = findMatchField(renamed, 'hdr.ipv4.dstAddr');
    expect(longer.ok && longer.value.name).toBe('dstAddr');
    const stack = findMatchField(p4info.tables[3], 'meta.ports$0');
    expect(stack.ok).toBe(true);
    expect(findMatchField(acl, 'srcAddr').ok).toBe(false);
  });
});

describe('STF values to canonical P4Runtime matches', () => {
  it('ternary masks follow bmv2stf: written digits, * digits, explicit masks', () => {
    expect(convert('TERNARY', '0x0a0000**')).toEqual({ ok: true, value: { kind: 'ternary', value: 0x0a000000n, mask: 0xffffff00n } });
    expect(convert('TERNARY', '0x0800', 32)).toEqual({ ok: true, value: { kind: 'ternary', value: 0x800n, mask: 0xffffn } });
    expect(convert('TERNARY', '10')).toEqual({ ok: true, value: { kind: 'ternary', value: 10n, mask: 0xffffffffn } });
    expect(convert('TERNARY', '0x0a0000ff&&&0xffffff00')).toEqual({ ok: true, value: { kind: 'ternary', value: 0x0a000000n, mask: 0xffffff00n } });
    expect(convert('TERNARY', '0x********')).toEqual({ ok: true, value: { kind: 'wildcard' } });
  });

  it('lpm from /length or trailing * digits; zero length is a wildcard; host bits cleared', () => {
    expect(convert('LPM', '0x0a0000ff/24')).toEqual({ ok: true, value: { kind: 'lpm', value: 0x0a000000n, prefixLen: 24 } });
    expect(convert('LPM', '0x0a00****')).toEqual({ ok: true, value: { kind: 'lpm', value: 0x0a000000n, prefixLen: 16 } });
    expect(convert('LPM', '0x0a000001')).toEqual({ ok: true, value: { kind: 'lpm', value: 0x0a000001n, prefixLen: 32 } });
    expect(convert('LPM', '0/0')).toEqual({ ok: true, value: { kind: 'wildcard' } });
    expect(convert('LPM', '0x0a**0000').ok).toBe(false);
    expect(convert('LPM', '1/33').ok).toBe(false);
  });

  it('exact, range, optional; values must fit the field width', () => {
    expect(convert('EXACT', '0x1ff', 9)).toEqual({ ok: true, value: { kind: 'exact', value: 0x1ffn } });
    expect(convert('EXACT', '0x200', 9).ok).toBe(false);
    expect(convert('EXACT', '0x1*', 8).ok).toBe(false);
    expect(convert('RANGE', '5->7', 16)).toEqual({ ok: true, value: { kind: 'range', low: 5n, high: 7n } });
    expect(convert('RANGE', '0->0xffff', 16)).toEqual({ ok: true, value: { kind: 'wildcard' } });
    expect(convert('RANGE', '9', 16)).toEqual({ ok: true, value: { kind: 'range', low: 9n, high: 9n } });
    expect(convert('EXACT', '1->2').ok).toBe(false);
    expect(convert('OPTIONAL', '3', 8)).toEqual({ ok: true, value: { kind: 'optional', value: 3n } });
  });

  it('resolveMatch fills omitted fields and maps STF priority to P4Runtime priority', () => {
    const acl = resolveMatch(p4info, 'acl', [key('dstAddr', '0x0a000001')], 0);
    expect(acl).toEqual({ ok: true, value: { tableId: 2, priority: 1, match: [{ kind: 'ternary', value: 0x0a000001n, mask: 0xffffffffn }, { kind: 'exact', value: 0n }] } });
    const forward = resolveMatch(p4info, 'forward', [], 7);
    expect(forward.ok && forward.value.priority).toBe(0);
    expect(resolveMatch(p4info, 'acl', [key('dstAddr', '1'), key('hdr.ipv4.dstAddr', '2')]).ok).toBe(false);
  });

  it('resolveAction orders parameters as P4Info and rejects unknown ones', () => {
    const number = (value: bigint) => ({ text: `${value}`, value, writtenBits: 0 });
    expect(resolveAction(p4info, 'forward', 'set_port', [{ name: 'port', value: number(3n) }])).toEqual({ ok: true, value: { actionId: 10, params: [3n] } });
    expect(resolveAction(p4info, 'forward', 'drop', [{ name: 'port', value: number(3n) }]).ok).toBe(false);
  });

  it('resolveCounter finds indirect and direct counters', () => {
    expect(resolveCounter(p4info, 'port_counter')).toEqual({ ok: true, value: { kind: 'indirect', id: 20, size: 512 } });
    expect(resolveCounter(p4info, 'forward_counter')).toEqual({ ok: true, value: { kind: 'direct', id: 21, tableId: 1 } });
  });
});

describe('toP4InfoView', () => {
  const table = (names: 'snake' | 'camel') => ({
    preamble: { id: 7, name: 'MyIngress.t', alias: 't' },
    [names === 'snake' ? 'match_fields' : 'matchFields']: [{ id: 1, name: 'hdr.x', bitwidth: 8, [names === 'snake' ? 'match_type' : 'matchType']: 'TERNARY' }],
    [names === 'snake' ? 'action_refs' : 'actionRefs']: [{ id: 9 }],
  });
  const expected: P4InfoView = {
    tables: [{ preamble: { id: 7, name: 'MyIngress.t', alias: 't' }, matchFields: [{ id: 1, name: 'hdr.x', bitwidth: 8, matchType: 'TERNARY' }], actionRefs: [{ id: 9 }] }],
    actions: [{ preamble: { id: 9, name: 'MyIngress.a', alias: undefined }, params: [{ id: 1, name: 'p', bitwidth: 9 }] }],
    counters: [{ preamble: { id: 20, name: 'c', alias: undefined }, size: 512 }],
    directCounters: [{ preamble: { id: 21, name: 'd', alias: undefined }, directTableId: 7 }],
  };
  const actions = [{ preamble: { id: 9, name: 'MyIngress.a' }, params: [{ id: 1, name: 'p', bitwidth: 9 }] }];

  it('accepts proto field names and lowerCamelCase, int64 as string', () => {
    expect(toP4InfoView({ tables: [table('snake')], actions, counters: [{ preamble: { id: 20, name: 'c' }, size: '512' }], direct_counters: [{ preamble: { id: 21, name: 'd' }, direct_table_id: 7 }] })).toEqual({ ok: true, value: expected });
    expect(toP4InfoView({ tables: [table('camel')], actions, counters: [{ preamble: { id: 20, name: 'c' }, size: 512 }], directCounters: [{ preamble: { id: 21, name: 'd' }, directTableId: 7 }] })).toEqual({ ok: true, value: expected });
  });

  it('malformed P4Info is an error value', () => {
    expect(toP4InfoView(null).ok).toBe(false);
    expect(toP4InfoView({ tables: [{}] })).toEqual({ ok: false, error: 'tables[0]: missing preamble' });
    expect(toP4InfoView({ tables: [{ preamble: { id: 1, name: 't' }, match_fields: [{ id: 1, name: 'x' }] }] }).ok).toBe(false);
    expect(toP4InfoView({ actions: [{ preamble: { id: 'x', name: 'a' } }] }).ok).toBe(false);
  });
});
