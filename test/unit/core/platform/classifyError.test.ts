import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import { asDrunError, classifyError, isNetworkFailure } from '../../../../src/core/platform/classifyError';
import { Endpoint } from '../../../../src/core/platform/endpoint';
import { DrunError } from '../../../../src/core/platform/errors';

const MAAS: Endpoint = { baseUrl: 'https://chat.d.run/v1', host: 'chat.d.run', mode: 'maas', keyKind: 'drun' };

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** What Node's fetch (undici) throws when the connection itself fails. */
const NETWORK_FAILURES: [string, Error][] = [
  ['connection refused', new TypeError('fetch failed', { cause: withCode('connect ECONNREFUSED 127.0.0.1:443', 'ECONNREFUSED') })],
  ['unknown host', new TypeError('fetch failed', { cause: withCode('getaddrinfo ENOTFOUND chat.d.run', 'ENOTFOUND') })],
  ['connect timeout', new TypeError('fetch failed', { cause: withCode('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT') })],
  ['socket timeout', withCode('connect ETIMEDOUT 10.0.0.1:443', 'ETIMEDOUT')],
  ['happy eyeballs', new TypeError('fetch failed', { cause: Object.assign(new AggregateError([withCode('a', 'ECONNREFUSED')], ''), { code: 'ECONNREFUSED' }) })],
  ['bad certificate', new TypeError('fetch failed', { cause: withCode('certificate has expired', 'CERT_HAS_EXPIRED') })],
  ['socket closed mid-stream', new TypeError('terminated', { cause: withCode('other side closed', 'UND_ERR_SOCKET') })],
  ['Electron fetch', new TypeError('Failed to fetch: net::ERR_PROXY_CONNECTION_FAILED')],
];

/** A bug of ours, and what VS Code APIs throw: none of them is the network. */
const NOT_NETWORK: [string, unknown][] = [
  ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'getText')")],
  ['a VS Code API error', Object.assign(new Error('cannot open file:///work/a.py. Detail: Unable to read file'), { name: 'CodeExpectedError' })],
  ['a file system error', Object.assign(new Error('EntryNotFound (FileSystemError): file:///work/missing.py'), { code: 'FileNotFound' })],
  ['a missing file from fs', withCode("ENOENT: no such file or directory, open 'a.py'", 'ENOENT')],
  ['a thrown string', 'the document was closed'],
  ['fetch failed for a bad URL', new TypeError('fetch failed', { cause: new TypeError('Invalid URL') })],
];

describe('which failures are the network', () => {
  for (const [name, error] of NETWORK_FAILURES) {
    it(`reports ${name} as "cannot reach"`, () => {
      assert.equal(isNetworkFailure(error), true);
      const drunError = asDrunError(error, { host: 'chat.d.run' });
      assert.equal(drunError.kind, 'network');
      assert.equal(drunError.context.host, 'chat.d.run');
    });
  }

  for (const [name, error] of NOT_NETWORK) {
    it(`reports ${name} as unexpected, with its stack for the log`, () => {
      assert.equal(isNetworkFailure(error), false);
      const drunError = asDrunError(error);
      assert.equal(drunError.kind, 'unexpected');
      if (error instanceof Error) {
        assert.ok(drunError.detail.includes(error.message), drunError.detail);
        assert.match(drunError.detail, /\n\s+at /, 'the stack is kept');
      } else {
        assert.equal(drunError.detail, String(error));
      }
    });
  }

  it('keeps a DrunError as it is, and calls an abort cancelled', () => {
    const error = new DrunError('noApiKey', 'no drun key');
    assert.equal(asDrunError(error), error);
    assert.equal(asDrunError(new DOMException('This operation was aborted', 'AbortError')).kind, 'cancelled');
  });

  it('classifies what the SDK wraps: a network cause cannot reach, a bug in fetch is unexpected', () => {
    const refused = new OpenAI.APIConnectionError({ cause: NETWORK_FAILURES[0][1] });
    assert.equal(classifyError(refused, { endpoint: MAAS }).kind, 'network');
    const bug = new OpenAI.APIConnectionError({ cause: new TypeError('fetchImpl is not a function') });
    const unexpected = classifyError(bug, { endpoint: MAAS });
    assert.equal(unexpected.kind, 'unexpected');
    assert.match(unexpected.detail, /fetchImpl is not a function/);
  });

  it('calls a stream dropped only when the socket failed, not when our own code threw while reading it', () => {
    assert.equal(classifyError(NETWORK_FAILURES[6][1], { endpoint: MAAS, streaming: true }).kind, 'streamDropped');
    assert.equal(classifyError(new TypeError('turn is undefined'), { endpoint: MAAS, streaming: true }).kind, 'unexpected');
    assert.equal(classifyError(new RangeError('Invalid array length'), { endpoint: MAAS }).kind, 'unexpected');
  });
});
