// A Map that forgets its least recently used entry beyond `capacity`, and optionally entries
// older than a time to live (Tabby's completion cache: 100 entries, 5 minutes).

export interface LruOptions<V> {
  /** Entries older than this are gone, however recently used; no limit when absent. */
  ttlMs?: number;
  /** For the time to live; injectable so tests run on a virtual clock. */
  clock?: { now(): number };
  /** Called for each value that leaves: evicted, expired, replaced by another value, deleted or cleared. */
  onEvict?: (value: V) => void;
}

export class LruMap<K, V> {
  // Map's insertion order doubles as recency order: the first key is the least recently used.
  private readonly entries = new Map<K, { value: V; storedAt: number }>();
  private readonly clock: { now(): number };

  constructor(
    readonly capacity: number,
    private readonly options: LruOptions<V> = {},
  ) {
    this.clock = options.clock ?? { now: () => Date.now() };
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.liveEntry(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry?.value;
  }

  set(key: K, value: V): void {
    const previous = this.entries.get(key);
    this.entries.delete(key);
    if (previous && previous.value !== value) {
      this.options.onEvict?.(previous.value);
    }
    // Without a time to live the clock is never read: token counting sets thousands of entries.
    this.entries.set(key, { value, storedAt: this.options.ttlMs === undefined ? 0 : this.clock.now() });
    while (this.entries.size > this.capacity) {
      this.delete(this.entries.keys().next().value as K);
    }
  }

  /** Marks an entry as just used, keeping its age. */
  touch(key: K): void {
    this.get(key);
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.options.onEvict?.(entry.value);
    }
  }

  /** Live entries, most recently used first; expired ones are dropped on the way. */
  *entriesByRecency(): IterableIterator<[K, V]> {
    for (const key of [...this.entries.keys()].reverse()) {
      const entry = this.liveEntry(key);
      if (entry) {
        yield [key, entry.value];
      }
    }
  }

  /** Live values, most recently used first. */
  *values(): IterableIterator<V> {
    for (const [, value] of this.entriesByRecency()) {
      yield value;
    }
  }

  clear(): void {
    for (const key of [...this.entries.keys()]) {
      this.delete(key);
    }
  }

  private liveEntry(key: K): { value: V; storedAt: number } | undefined {
    const entry = this.entries.get(key);
    if (entry && this.options.ttlMs !== undefined && this.clock.now() - entry.storedAt > this.options.ttlMs) {
      this.delete(key);
      return undefined;
    }
    return entry;
  }
}
