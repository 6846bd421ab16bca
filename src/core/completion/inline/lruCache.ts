// A small LRU with a time to live (Tabby: 100 entries, 5 minutes), on an injectable clock.
import type { Clock } from './contract';

export class LruCache<V> {
  private readonly entries = new Map<string, { value: V; storedAt: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly onEvict: (value: V) => void = () => undefined,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    if (this.expired(entry.storedAt)) {
      this.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    const previous = this.entries.get(key);
    this.entries.delete(key);
    if (previous && previous.value !== value) {
      this.onEvict(previous.value);
    }
    this.entries.set(key, { value, storedAt: this.clock.now() });
    while (this.entries.size > this.maxEntries) {
      this.delete(this.entries.keys().next().value as string);
    }
  }

  /** Marks an entry as just used, keeping its age. */
  touch(key: string): void {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.onEvict(entry.value);
    }
  }

  /** Live values, most recently used first; expired ones are dropped on the way. */
  *values(): IterableIterator<V> {
    const keys = [...this.entries.keys()].reverse();
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (!entry) {
        continue;
      }
      if (this.expired(entry.storedAt)) {
        this.delete(key);
        continue;
      }
      yield entry.value;
    }
  }

  clear(): void {
    for (const key of [...this.entries.keys()]) {
      this.delete(key);
    }
  }

  private expired(storedAt: number): boolean {
    return this.clock.now() - storedAt > this.ttlMs;
  }
}
