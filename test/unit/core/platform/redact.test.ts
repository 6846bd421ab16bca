import * as assert from 'node:assert/strict';
import { redactSecrets } from '../../../../src/core/platform/redact';

describe('redactSecrets', () => {
  it('masks every occurrence of a known key and any bearer token', () => {
    const key = 'sk-drun-0123456789abcdef';
    assert.equal(
      redactSecrets(`401 Incorrect API key provided: ${key}. Authorization: Bearer other-token, again ${key}`, [key]),
      '401 Incorrect API key provided: ***. Authorization: Bearer ***, again ***',
    );
  });

  it('leaves text without secrets alone and ignores too-short values', () => {
    assert.equal(redactSecrets('model public/deepseek-v3 at chat.d.run', ['abc', '']), 'model public/deepseek-v3 at chat.d.run');
  });
});
