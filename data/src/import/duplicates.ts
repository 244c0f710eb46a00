/**
 * Keys seen so far in a file, to report a code listed twice with the row of
 * its first listing. Holds one short string per row: about 60 MB for a
 * national village file, the one thing an import keeps for every row.
 */
export class DuplicateKeys {
  private readonly first = new Map<string, number>();

  /** The row where `key` was first seen, or null (and remembers it) when new. */
  seen(key: string, row: number): number | null {
    const at = this.first.get(key);
    if (at !== undefined) return at;
    this.first.set(key, row);
    return null;
  }
}
