/**
 * Keys seen so far in a file, to report a code listed twice with the row of
 * its first listing: the one thing an import keeps for every row. A Map of
 * strings would not fit the millions of village-year keys of a national
 * figures file in the hub's heap (docs/performance.md, memory), so the keys
 * are kept as their UTF-8 bytes in one growing buffer, found through an
 * open-addressing hash table of typed arrays, and exact (a hash match is
 * confirmed by comparing the bytes).
 */
export class DuplicateKeys {
  private bytes = Buffer.alloc(1 << 16);
  private used = 0;
  /** per key: end of its bytes (it starts where the previous one ends), its row, its hash */
  private ends = new Uint32Array(1024);
  private rows = new Uint32Array(1024);
  private hashes = new Uint32Array(1024);
  private count = 0;
  /** key index + 1 by slot; 0 = empty */
  private table = new Uint32Array(2048);
  private scratch = Buffer.alloc(256);

  get size(): number {
    return this.count;
  }

  /** The row where `key` was first seen, or null (and remembers it) when new. */
  seen(key: string, row: number): number | null {
    if (this.scratch.length < key.length * 3) this.scratch = Buffer.alloc(key.length * 3);
    const length = this.scratch.write(key, 0, 'utf8');
    const hash = fnv1a(this.scratch, length);
    const mask = this.table.length - 1;
    let slot = hash & mask;
    for (let at = this.table[slot]!; at !== 0; at = this.table[slot]!) {
      const k = at - 1;
      if (this.hashes[k] === hash && this.same(k, length)) return this.rows[k]!;
      slot = (slot + 1) & mask;
    }
    this.add(length, hash, row);
    this.table[slot] = this.count;
    if (this.count * 4 > this.table.length * 3) this.rehash();
    return null;
  }

  private same(k: number, length: number): boolean {
    const start = k === 0 ? 0 : this.ends[k - 1]!;
    return this.ends[k]! - start === length && this.bytes.compare(this.scratch, 0, length, start, start + length) === 0;
  }

  private add(length: number, hash: number, row: number): void {
    if (this.used + length > this.bytes.length) {
      const grown = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + length));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    if (this.count === this.ends.length) {
      const grow = (a: Uint32Array) => {
        const b = new Uint32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.ends = grow(this.ends);
      this.rows = grow(this.rows);
      this.hashes = grow(this.hashes);
    }
    this.scratch.copy(this.bytes, this.used, 0, length);
    this.used += length;
    this.ends[this.count] = this.used;
    this.rows[this.count] = row;
    this.hashes[this.count] = hash;
    this.count++;
  }

  private rehash(): void {
    const table = new Uint32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let k = 0; k < this.count; k++) {
      let slot = this.hashes[k]! & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = k + 1;
    }
    this.table = table;
  }
}

/** FNV-1a over the first `length` bytes, as an unsigned 32-bit number. */
function fnv1a(bytes: Buffer, length: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
