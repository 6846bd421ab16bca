import * as assert from 'node:assert/strict';
import { LruMap } from '../../../../src/core/platform/lru';

class ManualClock {
  time = 0;
  now(): number {
    return this.time;
  }
}

describe('LruMap', () => {
  it('forgets the least recently used entry beyond its capacity', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    assert.equal(map.get('a'), 1); // a is now the most recent
    map.set('c', 3);
    assert.equal(map.get('b'), undefined);
    assert.equal(map.get('a'), 1);
    assert.equal(map.get('c'), 3);
    assert.equal(map.size, 2);
  });

  it('tells onEvict about every value that leaves, and lists values most recent first', () => {
    const evicted: string[] = [];
    const map = new LruMap<string, string>(2, { onEvict: (value) => evicted.push(value) });
    map.set('a', 'A');
    map.set('b', 'B');
    map.touch('a');
    map.set('c', 'C');
    assert.deepEqual(evicted, ['B']);
    assert.deepEqual([...map.values()], ['C', 'A']);
    map.set('a', 'A2');
    map.set('c', 'C');
    map.delete('c');
    assert.deepEqual(evicted, ['B', 'A', 'C']);
    map.clear();
    assert.deepEqual(evicted, ['B', 'A', 'C', 'A2']);
    assert.equal(map.size, 0);
  });

  it('forgets entries older than its time to live, even when used', () => {
    const clock = new ManualClock();
    const evicted: string[] = [];
    const map = new LruMap<string, string>(10, { ttlMs: 1000, clock, onEvict: (value) => evicted.push(value) });
    map.set('a', 'A');
    map.set('b', 'B');
    clock.time = 600;
    map.touch('a');
    assert.equal(map.get('a'), 'A');
    clock.time = 1001;
    assert.deepEqual([...map.entriesByRecency()], []);
    assert.equal(map.get('a'), undefined);
    assert.equal(map.size, 0);
    assert.deepEqual(evicted.sort(), ['A', 'B']);
  });

  it('keeps entries without a time to live however old they are', () => {
    const clock = new ManualClock();
    const map = new LruMap<string, string>(10, { clock });
    map.set('a', 'A');
    clock.time = 1e12;
    assert.equal(map.get('a'), 'A');
  });
});
