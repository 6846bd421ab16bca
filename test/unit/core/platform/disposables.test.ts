import * as assert from 'node:assert/strict';
import { DisposableStore } from '../../../../src/core/platform/disposables';

describe('DisposableStore', () => {
  const recorder = (log: string[], name: string, fail = false) => ({
    dispose: () => {
      log.push(name);
      if (fail) {
        throw new Error(name);
      }
    },
  });

  it('disposes everything once, newest first', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.addAll(recorder(log, 'a'), recorder(log, 'b'));
    store.dispose();
    store.dispose();
    assert.deepEqual(log, ['b', 'a']);
  });

  it('disposes the rest when one throws, then rethrows', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.addAll(recorder(log, 'a'), recorder(log, 'b', true), recorder(log, 'c'));
    assert.throws(() => store.dispose(), /b/);
    assert.deepEqual(log, ['c', 'b', 'a']);
  });

  it('disposes at once what is added after dispose', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.dispose();
    store.add(recorder(log, 'late'));
    assert.deepEqual(log, ['late']);
  });
});
