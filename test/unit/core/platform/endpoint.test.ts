import * as assert from 'node:assert/strict';
import { isDrunHost, isLoopbackHost, mayCarryKey, resolveEndpoint } from '../../../../src/core/platform/endpoint';

describe('resolveEndpoint', () => {
  const base = { region: 'sh-02', customBaseUrl: '' };

  it('sends MaaS to chat.d.run/v1 and instances to <region>.d.run/v1', () => {
    assert.deepEqual(resolveEndpoint({ ...base, mode: 'maas' }), {
      ok: true,
      endpoint: { baseUrl: 'https://chat.d.run/v1', host: 'chat.d.run', mode: 'maas', keyKind: 'drun' },
    });
    assert.deepEqual(resolveEndpoint({ ...base, mode: 'instance' }), {
      ok: true,
      endpoint: { baseUrl: 'https://sh-02.d.run/v1', host: 'sh-02.d.run', mode: 'instance', keyKind: 'drun' },
    });
  });

  for (const region of ['evil.com/', 'sh-02.d.run.evil.com', 'a/b', '..', '', ' ', 'sh-02.', 'SH-02', 'sh_02', 'shé-02', '上海', 'sh-02:8443', 'user@evil.com', '-sh', 'sh-', 'evil.com#', 'a'.repeat(40)]) {
    it(`rejects the region ${JSON.stringify(region)} without building a URL`, () => {
      const result = resolveEndpoint({ ...base, mode: 'instance', region });
      assert.equal(result.ok, false);
      assert.deepEqual(!result.ok && result.problem, { kind: 'badRegion', region });
    });
  }

  it('normalises custom base URLs with or without /v1', () => {
    for (const url of ['https://llm.example.com', 'https://llm.example.com/', 'https://llm.example.com/v1', 'https://llm.example.com/v1/']) {
      const result = resolveEndpoint({ ...base, mode: 'custom', customBaseUrl: url });
      assert.ok(result.ok);
      assert.equal(result.endpoint.baseUrl, 'https://llm.example.com/v1');
      assert.equal(result.endpoint.keyKind, 'custom');
    }
    const nested = resolveEndpoint({ ...base, mode: 'custom', customBaseUrl: 'https://gw.example.com:8443/openai/v1' });
    assert.ok(nested.ok);
    assert.equal(nested.endpoint.baseUrl, 'https://gw.example.com:8443/openai/v1');
    assert.equal(nested.endpoint.host, 'gw.example.com:8443');
  });

  it('allows plain http only for loopback custom servers', () => {
    const local = resolveEndpoint({ ...base, mode: 'custom', customBaseUrl: 'http://127.0.0.1:11434' });
    assert.ok(local.ok);
    assert.equal(local.endpoint.baseUrl, 'http://127.0.0.1:11434/v1');
    assert.deepEqual(resolveEndpoint({ ...base, mode: 'custom', customBaseUrl: 'http://llm.example.com' }), {
      ok: false,
      problem: { kind: 'badCustomBaseUrl', url: 'http://llm.example.com', reason: 'plainHttp' },
    });
    for (const [url, reason] of [
      ['ftp://x.example', 'scheme'],
      ['not a url', 'unparsable'],
      ['https://user:pw@x.example', 'credentials'],
    ] as const) {
      assert.deepEqual(resolveEndpoint({ ...base, mode: 'custom', customBaseUrl: url }), {
        ok: false,
        problem: { kind: 'badCustomBaseUrl', url, reason },
      });
    }
    assert.deepEqual(resolveEndpoint({ ...base, mode: 'custom' }), { ok: false, problem: { kind: 'noCustomBaseUrl' } });
  });
});

describe('isDrunHost and isLoopbackHost', () => {
  it('accepts d.run and its subdomains only', () => {
    assert.ok(isDrunHost('chat.d.run'));
    assert.ok(isDrunHost('sh-02.d.run'));
    assert.ok(isDrunHost('d.run'));
    for (const host of ['evil.com', 'd.run.evil.com', 'evild.run', 'chat.d.run.', 'x_y.d.run', 'chat.d.runner']) {
      assert.equal(isDrunHost(host), false, host);
    }
  });

  it('knows loopback addresses', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1']) {
      assert.ok(isLoopbackHost(host), host);
    }
    for (const host of ['10.0.0.1', '192.168.1.1', 'localhost.evil.com', '127.0.0.1.nip.io']) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });
});

describe('mayCarryKey', () => {
  it('lets the D.run key go only to https D.run hosts on the default port', () => {
    assert.ok(mayCarryKey('https://chat.d.run/v1/chat/completions', 'drun', []));
    assert.ok(mayCarryKey('https://sh-02.d.run/v1/models', 'drun', []));
    for (const url of ['http://chat.d.run/v1', 'https://chat.d.run.evil.com/v1', 'https://evil.com/?chat.d.run', 'https://chat.d.run:8443/v1', 'https://127.0.0.1/v1', 'nonsense']) {
      assert.equal(mayCarryKey(url, 'drun', ['127.0.0.1']), false, url);
    }
  });

  it('lets the custom key go only to an approved host', () => {
    assert.equal(mayCarryKey('https://llm.example.com/v1/models', 'custom', []), false);
    assert.ok(mayCarryKey('https://llm.example.com/v1/models', 'custom', ['llm.example.com']));
    assert.ok(mayCarryKey('http://127.0.0.1:11434/v1/models', 'custom', ['127.0.0.1:11434']));
    assert.equal(mayCarryKey('http://llm.example.com/v1/models', 'custom', ['llm.example.com']), false);
    assert.equal(mayCarryKey('https://llm.example.com:444/v1', 'custom', ['llm.example.com']), false);
  });
});
