// P4Info ids compatible with p4c (control-plane/p4RuntimeSymbolTable).
//
// P4Runtime spec, P4Info ids: the top byte of every 32-bit id says which kind
// of resource it names, using the values of p4.config.v1.P4Ids.Prefix.
// p4c fills the low 24 bits with Jenkins' one-at-a-time hash of the object's
// fully-qualified control-plane name (no leading dot), and resolves
// collisions by linear probing of the hash value. Because probing makes an id
// depend on which ids were taken before it, p4c assigns them in a fixed order:
// resource types by ascending prefix, and within a type names in byte order;
// ids given with @id are reserved first. Reproducing exactly that order is
// what makes our ids equal p4c's, hence equal to the ids in P4Info files that
// controllers were written against.

/** p4.config.v1.P4Ids.Prefix */
export const P4IdPrefix = {
  action: 0x01,
  table: 0x02,
  valueSet: 0x03,
  controllerHeader: 0x04,
  actionProfile: 0x11,
  counter: 0x12,
  directCounter: 0x13,
  meter: 0x14,
  directMeter: 0x15,
  register: 0x16,
  digest: 0x17,
} as const;

export type ResourceType = keyof typeof P4IdPrefix;

/** Jenkins one-at-a-time hash over the UTF-8 bytes of `text`, as an unsigned 32-bit number. */
export function jenkinsOneAtATime(text: string): number {
  let hash = 0;
  for (const byte of new TextEncoder().encode(text)) {
    hash = (hash + byte) >>> 0;
    hash = (hash + (hash << 10)) >>> 0;
    hash = (hash ^ (hash >>> 6)) >>> 0;
  }
  hash = (hash + (hash << 3)) >>> 0;
  hash = (hash ^ (hash >>> 11)) >>> 0;
  hash = (hash + (hash << 15)) >>> 0;
  return hash;
}

/** The id p4c gives `name` when nothing collides. */
export function hashedId(type: ResourceType, name: string): number {
  return ((P4IdPrefix[type] << 24) | (jenkinsOneAtATime(name) & 0xffffff)) >>> 0;
}

/** A user id problem, reported by the caller with the object's location. */
export interface IdProblem {
  type: ResourceType;
  name: string;
  message: string;
}

/**
 * Apply the resource prefix to an @id value the way p4c does: a value without
 * a prefix byte gets one, a value with the wrong prefix is an error.
 */
export function explicitId(type: ResourceType, value: bigint): { id: number } | { error: string } {
  if (value <= 0n || value > 0xffffffffn) return { error: `@id ${value} is not a valid unsigned 32-bit id` };
  const id = Number(value);
  const prefix = P4IdPrefix[type] << 24;
  const present = (id & 0xff000000) >>> 0;
  if (present !== 0 && present !== prefix >>> 0) return { error: `@id ${value} has the wrong 8-bit prefix for a ${type}` };
  return { id: (id | prefix) >>> 0 };
}

interface SymbolEntry {
  explicit?: bigint;
  id?: number;
}

/**
 * Collects control-plane names per resource type, then assigns every id in one
 * go (`assign`), like p4c's P4RuntimeSymbolTable::create. Adding a name twice
 * is harmless (top-level actions are used by several controls).
 */
export class SymbolTable {
  private readonly symbols = new Map<ResourceType, Map<string, SymbolEntry>>();
  private readonly suffixes = new SuffixSet();
  private assigned = false;

  add(type: ResourceType, name: string, explicitValue?: bigint): void {
    if (this.assigned) throw new Error('SymbolTable.add after assign');
    let table = this.symbols.get(type);
    if (!table) this.symbols.set(type, (table = new Map()));
    if (table.has(name)) return;
    table.set(name, { explicit: explicitValue });
    this.suffixes.add(name);
  }

  has(type: ResourceType, name: string): boolean {
    return this.symbols.get(type)?.has(name) ?? false;
  }

  /** Assigns every id; returns the @id problems (those objects get hashed ids instead). */
  assign(): IdProblem[] {
    this.assigned = true;
    const problems: IdProblem[] = [];
    const taken = new Set<number>();
    const types = [...this.symbols.keys()].sort((a, b) => P4IdPrefix[a] - P4IdPrefix[b]);
    // p4c reserves @id values while collecting, before any hashing.
    for (const type of types) {
      for (const [name, entry] of this.symbols.get(type)!) {
        if (entry.explicit === undefined) continue;
        const result = explicitId(type, entry.explicit);
        if ('error' in result) {
          problems.push({ type, name, message: result.error });
        } else if (taken.has(result.id)) {
          problems.push({ type, name, message: `@id ${entry.explicit} is assigned to multiple declarations` });
        } else {
          taken.add(result.id);
          entry.id = result.id;
        }
      }
    }
    for (const type of types) {
      const table = this.symbols.get(type)!;
      const prefix = P4IdPrefix[type] << 24;
      const pending = [...table.keys()].filter((name) => table.get(name)!.id === undefined).sort(compareBytes);
      for (const name of pending) {
        const start = jenkinsOneAtATime(name);
        let value = start;
        let id = (prefix | (value & 0xffffff)) >>> 0;
        // Probe the hash value, not the id, so the prefix byte never changes.
        while (taken.has(id)) {
          value = (value + 1) >>> 0;
          if (value === start) throw new Error(`no P4Runtime id left for ${type}s`);
          id = (prefix | (value & 0xffffff)) >>> 0;
        }
        taken.add(id);
        table.get(name)!.id = id;
      }
    }
    return problems;
  }

  /** The id of a collected name; asking for an unknown one is a bug in the emitter. */
  id(type: ResourceType, name: string): number {
    const id = this.symbols.get(type)?.get(name)?.id;
    if (id === undefined) throw new Error(`no P4Info id for ${type} ${name}`);
    return id;
  }

  /** Shortest suffix of dot-separated components that no other collected name shares. */
  alias(name: string): string {
    return this.suffixes.shortestUniqueSuffix(name);
  }
}

/** p4c compares cstrings byte-wise; JS `<` on UTF-16 agrees for ASCII names. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface SuffixNode {
  instances: number;
  edges: Map<string, SuffixNode>;
}

/** A tree of name components read right to left, counting names through each node. */
class SuffixSet {
  private readonly names = new Set<string>();
  private readonly root: SuffixNode = { instances: 0, edges: new Map() };

  add(name: string): void {
    if (this.names.has(name)) return;
    this.names.add(name);
    let node = this.root;
    for (const component of name.split('.').reverse()) {
      let next = node.edges.get(component);
      if (!next) node.edges.set(component, (next = { instances: 0, edges: new Map() }));
      next.instances++;
      node = next;
    }
  }

  shortestUniqueSuffix(name: string): string {
    const components = name.split('.');
    let needed = 0;
    let node = this.root;
    for (const component of [...components].reverse()) {
      const next = node.edges.get(component);
      if (!next) throw new Error(`alias of a name never added: ${name}`);
      node = next;
      needed++;
      if (node.instances < 2) break;
    }
    return components.slice(components.length - needed).join('.');
  }
}
