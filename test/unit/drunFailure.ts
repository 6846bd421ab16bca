// The DrunError a call ends in; fails the test when it succeeds or throws anything else.
import * as assert from 'node:assert/strict';
import { DrunError } from '../../src/core/platform/errors';

export async function failure(run: Promise<unknown>): Promise<DrunError> {
  try {
    await run;
  } catch (error) {
    assert.ok(error instanceof DrunError, `expected a DrunError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}
