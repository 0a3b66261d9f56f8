// v1model `register<T>(size)`: an array of unsigned values of one width.
// BMv2 (behavioral-model#637) checks indices: an out-of-range write changes no
// state and an out-of-range read leaves the destination unchanged.

export class RegisterArray {
  private readonly cells: bigint[];
  private readonly mask: bigint;

  constructor(
    readonly name: string,
    readonly size: number,
    readonly width: number,
  ) {
    this.cells = new Array<bigint>(size).fill(0n);
    this.mask = (1n << BigInt(width)) - 1n;
  }

  /** The cell value, or undefined for an out-of-range index (the caller keeps its destination). */
  read(index: number): bigint | undefined {
    if (!(index >= 0 && index < this.size)) return undefined;
    return this.cells[index];
  }

  /** Writes value truncated to the register width; false for an out-of-range index. */
  write(index: number, value: bigint): boolean {
    if (!(index >= 0 && index < this.size)) return false;
    this.cells[index] = value & this.mask;
    return true;
  }

  reset(): void {
    this.cells.fill(0n);
  }
}
