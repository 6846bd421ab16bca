import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createProxy, ProxyServer } from 'proxy';
import { Agent, ProxyAgent } from 'undici';
import { DrunClient, DrunClientOptions } from '../../../../src/core/platform/drunClient';
import { Endpoint } from '../../../../src/core/platform/endpoint';
import { FetchFunction } from '../../../../src/core/platform/guardedFetch';
import { DEFAULT_API_KEY, DEFAULT_CHAT_REPLY, FakeDrunServer } from '../../../fixtures/fakeDrunServer';
import { createTestCertificateAuthority, TestCertificateAuthority } from '../../../fixtures/testCertificates';
import { failure } from '../../drunFailure';

function customEndpoint(url: string): Endpoint {
  const host = new URL(url).host;
  return { baseUrl: `${url}/v1`, host, mode: 'custom', keyKind: 'custom' };
}

function client(url: string, options: Partial<DrunClientOptions> = {}): DrunClient {
  const endpoint = customEndpoint(url);
  return new DrunClient({ endpoint, apiKey: DEFAULT_API_KEY, approvedCustomHosts: [endpoint.host], maxRetries: 0, ...options });
}

async function chat(drun: DrunClient): Promise<string> {
  const result = await drun.streamChat({ model: 'public/deepseek-v3', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal, () => undefined);
  return result.content;
}


/** fetch with an undici dispatcher: what VS Code's patched fetch does with a CA or a proxy. */
function fetchWith(dispatcher: Agent | ProxyAgent): FetchFunction {
  return (input, init) => fetch(input, { ...init, dispatcher } as unknown as RequestInit);
}

describe('certificate and proxy failures', () => {
  let authority: TestCertificateAuthority;
  let secureServer: FakeDrunServer;

  before(async () => {
    authority = await createTestCertificateAuthority();
    secureServer = await FakeDrunServer.start({ tls: await authority.issueServerCertificate() });
  });
  after(() => secureServer.close());

  it('an HTTPS server whose CA is not trusted fails as certificateUntrusted, naming the server', async () => {
    const error = await failure(chat(client(secureServer.url)));
    assert.equal(error.kind, 'certificateUntrusted');
    assert.equal(error.context.host, new URL(secureServer.url).host);
    assert.match(error.detail, /UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
  });

  it('the same server answers once its CA is trusted', async () => {
    const trusting = fetchWith(new Agent({ connect: { ca: authority.cert } }));
    assert.equal(await chat(client(secureServer.url, { baseFetch: trusting })), DEFAULT_CHAT_REPLY);
  });

  describe('through an HTTP proxy', () => {
    let plainServer: FakeDrunServer;
    let proxy: ProxyServer;
    let proxyUrl: string;
    const tunnels: string[] = [];
    const sockets = new Set<Socket>();

    before(async () => {
      plainServer = await FakeDrunServer.start();
      proxy = createProxy(http.createServer());
      proxy.on('connect', (request: http.IncomingMessage) => tunnels.push(request.url ?? ''));
      // A tunnel leaves the server's bookkeeping once CONNECT succeeds; close them ourselves.
      proxy.on('connection', (socket: Socket) => sockets.add(socket));
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    });
    after(async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => proxy.close(resolve));
      await plainServer.close();
    });
    beforeEach(() => {
      tunnels.length = 0;
      proxy.authenticate = undefined;
    });

    it('goes through a working proxy', async () => {
      assert.equal(await chat(client(plainServer.url, { baseFetch: fetchWith(new ProxyAgent(proxyUrl)) })), DEFAULT_CHAT_REPLY);
      assert.deepEqual(tunnels, [new URL(plainServer.url).host]);
    });

    it('a proxy that asks for credentials fails as proxyFailed', async () => {
      proxy.authenticate = () => false;
      const error = await failure(chat(client(plainServer.url, { baseFetch: fetchWith(new ProxyAgent(proxyUrl)) })));
      assert.equal(error.kind, 'proxyFailed');
      assert.match(error.detail, /407/);
    });

    it('a proxy that is not running fails as proxyFailed, not as the server being unreachable', async () => {
      const deadProxy = `http://127.0.0.1:${await unusedPort()}`;
      const error = await failure(chat(client(plainServer.url, { baseFetch: fetchWith(new ProxyAgent(deadProxy)) })));
      assert.equal(error.kind, 'proxyFailed');
      assert.equal(error.context.host, new URL(plainServer.url).host);
    });

    it('a server that is not running, without a proxy, stays a network failure', async () => {
      const error = await failure(chat(client(`http://127.0.0.1:${await unusedPort()}`)));
      assert.equal(error.kind, 'network');
    });
  });
});

async function unusedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
