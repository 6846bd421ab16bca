import * as assert from 'node:assert/strict';
import { SecretRedactor } from '../../../../src/core/platform/redact';

function redactorOf(...secrets: (string | undefined)[]): SecretRedactor {
  const redactor = new SecretRedactor();
  secrets.forEach((secret) => redactor.add(secret));
  return redactor;
}

describe('SecretRedactor', () => {
  const key = 'sk-drun-0123456789abcdef';

  it('masks every occurrence of a known key and any bearer token', () => {
    assert.equal(
      redactorOf(key).redact(`401 Incorrect API key provided: ${key}. Authorization: Bearer other-token, again ${key}`),
      '401 Incorrect API key provided: ***. Authorization: Bearer ***, again ***',
    );
  });

  it('masks a key registered with the whitespace it was pasted with', () => {
    assert.equal(redactorOf(`  ${key}\n`).redact(`rejected key ${key}`), 'rejected key ***');
  });

  it('masks the part of a key a server echoes: its first 12 characters, or 8 from its middle', () => {
    const redactor = redactorOf(key);
    assert.equal(redactor.redact(`{"error":"Incorrect API key provided: ${key.slice(0, 12)}****"}`), '{"error":"Incorrect API key provided: *******"}');
    assert.equal(redactor.redact(`key ...${key.slice(9, 17)}... unknown`), 'key ...***... unknown');
    assert.equal(redactor.redact(`ends with ${key.slice(-8)}`), 'ends with ***');
  });

  it('leaves fragments shorter than 8 characters, text without secrets, and too-short values alone', () => {
    assert.equal(redactorOf(key).redact('the sk-drun prefix and 0123456 are common'), 'the sk-drun prefix and 0123456 are common');
    assert.equal(redactorOf('abc', '', undefined, '   ').redact('model public/deepseek-v3 at chat.d.run'), 'model public/deepseek-v3 at chat.d.run');
  });

  it('masks a short key only whole', () => {
    assert.equal(redactorOf('k3y-42').redact('got k3y-42 and k3y-4'), 'got *** and k3y-4');
  });

  it('masks fragments of several keys in one text', () => {
    const other = 'custom-ZYXWVUTSRQPONM';
    assert.equal(redactorOf(key, other).redact(`a=${key.slice(0, 10)} b=${other.slice(5, 15)} c=ok`), 'a=*** b=*** c=ok');
  });

  it('redacts a long log text in linear time', () => {
    const keys = Array.from({ length: 5 }, (_, index) => `sk-drun-${index}-${'0123456789abcdefghijklmnopqrstuvwxyz'.repeat(2)}`);
    const redactor = redactorOf(...keys);
    const line = `request failed: echoed ${keys[3].slice(0, 12)} and some ordinary text around it\n`;
    const text = line.repeat(20_000);
    const started = performance.now();
    const redacted = redactor.redact(text);
    const elapsedMs = performance.now() - started;
    assert.ok(!redacted.includes(keys[3].slice(0, 12)));
    assert.equal(redacted.split('\n').length, 20_001);
    assert.ok(elapsedMs < 1500, `took ${elapsedMs} ms for ${text.length} characters`);
  });
});
