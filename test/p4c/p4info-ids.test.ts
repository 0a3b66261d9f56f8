import { describe, expect, it } from 'vitest';
import { P4IdPrefix, SymbolTable, explicitId, hashedId, jenkinsOneAtATime } from '../../src/p4c/p4info/ids.js';

describe('P4Info ids', () => {
  // Published P4Info of the p4lang tutorials' basic.p4 (compiled by p4c).
  it('equals p4c for the well-known basic.p4 objects', () => {
    expect(hashedId('table', 'MyIngress.ipv4_lpm')).toBe(37375156);
    expect(hashedId('action', 'MyIngress.ipv4_forward')).toBe(28792405);
    expect(hashedId('action', 'MyIngress.drop')).toBe(25652968);
    expect(hashedId('action', 'NoAction')).toBe(21257015);
  });

  // Published P4Info of SAI-P4 / fabric: controller header ids hash the header *type* name.
  it('hashes the header type name for controller packet metadata', () => {
    expect(hashedId('controllerHeader', 'packet_in_header_t')).toBe(81826293);
    expect(hashedId('controllerHeader', 'packet_out_header_t')).toBe(76689799);
  });

  it('matches the reference one-at-a-time hash on short inputs', () => {
    // Values of the textbook algorithm (Bob Jenkins), computed independently.
    expect(jenkinsOneAtATime('')).toBe(0);
    expect(jenkinsOneAtATime('a')).toBe(0xca2e9442);
    expect(jenkinsOneAtATime('The quick brown fox jumps over the lazy dog')).toBe(0x519e91f5);
  });

  it('puts the resource prefix in the top byte', () => {
    for (const [type, prefix] of Object.entries(P4IdPrefix)) {
      expect(hashedId(type as keyof typeof P4IdPrefix, 'x.y') >>> 24).toBe(prefix);
    }
  });

  it('probes linearly on collisions, in name order', () => {
    // Find two names whose hashes share the low 24 bits (birthday search, bounded).
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; i < 200_000 && !pair; i++) {
      const name = `c.t${i}`;
      const low = jenkinsOneAtATime(name) & 0xffffff;
      const other = seen.get(low);
      if (other) pair = [other, name];
      else seen.set(low, name);
    }
    expect(pair).toBeDefined();
    const [first, second] = [...pair!].sort();
    const symbols = new SymbolTable();
    symbols.add('table', second); // insertion order must not matter
    symbols.add('table', first);
    expect(symbols.assign()).toEqual([]);
    const base = hashedId('table', first);
    expect(symbols.id('table', first)).toBe(base);
    expect(symbols.id('table', second)).toBe(((base & 0xff000000) | ((base + 1) & 0xffffff)) >>> 0);
  });

  it('reserves @id values before hashing and applies the prefix', () => {
    const symbols = new SymbolTable();
    const taken = hashedId('action', 'b');
    symbols.add('action', 'b');
    symbols.add('action', 'a', BigInt(taken & 0xffffff)); // prefix added: collides with b's hash
    symbols.add('table', 't', 0x02000010n);
    expect(symbols.assign()).toEqual([]);
    expect(symbols.id('action', 'a')).toBe(taken);
    expect(symbols.id('action', 'b')).toBe(taken + 1);
    expect(symbols.id('table', 't')).toBe(0x02000010);
  });

  it('reports a wrong prefix or a duplicate @id as values', () => {
    expect(explicitId('table', 0x01000005n)).toEqual({ error: expect.stringContaining('wrong 8-bit prefix') });
    expect(explicitId('table', 5n)).toEqual({ id: 0x02000005 });
    const symbols = new SymbolTable();
    symbols.add('action', 'x', 7n);
    symbols.add('action', 'y', 7n);
    const problems = symbols.assign();
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('multiple declarations');
    expect(symbols.id('action', 'y')).toBe(hashedId('action', 'y'));
  });

  it('gives the shortest unique suffix as alias', () => {
    const symbols = new SymbolTable();
    for (const name of ['d.a.c', 'e.b.c', 'MyIngress.ipv4_lpm', 'NoAction', 'x.t', 'y.t']) symbols.add('table', name);
    symbols.assign();
    expect(symbols.alias('d.a.c')).toBe('a.c');
    expect(symbols.alias('MyIngress.ipv4_lpm')).toBe('ipv4_lpm');
    expect(symbols.alias('NoAction')).toBe('NoAction');
    expect(symbols.alias('x.t')).toBe('x.t');
  });
});
