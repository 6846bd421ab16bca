// Proxies and certificates as VS Code's own networking applies them to the extension's requests:
// http.proxy, http.noProxy, and a server whose CA the machine does not trust.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createProxy, ProxyServer } from 'proxy';
import * as vscode from 'vscode';
import { FakeDrunServer } from '../../fixtures/fakeDrunServer';
import { createTestCertificateAuthority } from '../../fixtures/testCertificates';
import { openEditor, setSetting, startServer, useHostSuite } from '../hostKit';

const INSTANCE_CODER = 'u-1100a15812cc/qwen2-coder';
const FIM = { prefixEndsWith: 'def add(a, b):', completion: '\n    return a + b' };

/** A real HTTP proxy on 127.0.0.1 that records the tunnels and requests it carried. */
class RecordingProxy {
  readonly carried: string[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(readonly server: ProxyServer) {
    server.on('connect', (request: http.IncomingMessage) => this.carried.push(`CONNECT ${request.url}`));
    server.on('request', (request: http.IncomingMessage) => this.carried.push(`${request.method} ${request.url}`));
    server.on('connection', (socket: Socket) => this.sockets.add(socket));
  }

  static async start(port = 0): Promise<RecordingProxy> {
    const proxy = new RecordingProxy(createProxy(http.createServer()));
    await new Promise<void>((resolve) => proxy.server.listen(port, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => this.server.close(resolve));
  }
}

async function setHttpSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('http').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('proxies and certificates in a real VS Code', function () {
  const kit = useHostSuite({ fimScript: [FIM] }, { storeKey: true });
  let proxy: RecordingProxy;
  const servers: FakeDrunServer[] = [];

  before(async () => {
    proxy = await RecordingProxy.start();
  });
  after(async () => {
    await proxy.close();
    await Promise.all(servers.map((server) => server.close()));
  });
  beforeEach(() => {
    proxy.carried.length = 0;
    proxy.server.authenticate = undefined;
  });
  afterEach(async () => {
    await setHttpSetting('proxy', undefined);
    await setHttpSetting('noProxy', undefined);
    kit.api.setStandInOrigin(kit.server.url);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** A stand-in for D.run on another loopback address, which VS Code does not exempt from the proxy. */
  async function standInAt(host: string, options: Parameters<typeof startServer>[0] = {}): Promise<FakeDrunServer> {
    const server = await startServer({ fimScript: [FIM], host, ...options });
    servers.push(server);
    kit.api.setStandInOrigin(server.url);
    return server;
  }

  /** Runs Complete Here at the end of `def add(a, b):` and returns its status, or the failure's kind. */
  async function completeHere(): Promise<string> {
    await setSetting('completion.model', INSTANCE_CODER);
    const editor = await openEditor('sample.py');
    // The same text each time: an earlier insertion would be trimmed as overlap with the suffix.
    await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), 'def add(a, b):\n    pass\n'));
    editor.selection = new vscode.Selection(0, 14, 0, 14);
    const result = await vscode.commands.executeCommand<{ status: string; errorKind?: string }>('drun.completeHere');
    return result.errorKind ?? result.status;
  }

  it('sends requests through the proxy set in http.proxy', async () => {
    const server = await standInAt('127.0.0.2');
    await setHttpSetting('proxy', proxy.url);
    assert.equal(await completeHere(), 'inserted');
    assert.equal(server.requests.length, 1);
    assert.ok(proxy.carried.some((line) => line.includes(new URL(server.url).host)), `the proxy carried it: ${proxy.carried.join(', ')}`);
  });

  it('goes direct to hosts in http.noProxy, and to 127.0.0.1', async () => {
    await setHttpSetting('proxy', proxy.url);
    await setHttpSetting('noProxy', ['127.0.0.3']);
    const exempt = await standInAt('127.0.0.3');
    assert.equal(await completeHere(), 'inserted');
    assert.equal(exempt.requests.length, 1);

    kit.api.setStandInOrigin(kit.server.url);
    assert.equal(await completeHere(), 'inserted');
    assert.equal(kit.server.requests.length, 1);
    assert.deepEqual(proxy.carried, []);
  });

  it('says the proxy failed, with its own fix, when the proxy refuses', async () => {
    await standInAt('127.0.0.2');
    await setHttpSetting('proxy', proxy.url);
    proxy.server.authenticate = () => false;
    assert.equal(await completeHere(), 'proxyFailed');
    const shown = await kit.ui.waitFor((candidate) => candidate.method === 'showErrorMessage', 'the error');
    assert.equal(shown.message, 'The proxy could not connect to sh-02.d.run. Check http.proxy or HTTPS_PROXY, the proxy\'s credentials, and http.noProxy.');
    assert.deepEqual(shown.items, ['Open Settings']);
  });

  it('rejects a server whose certificate comes from a CA the machine does not trust, and says how to trust it', async () => {
    const untrusted = await createTestCertificateAuthority('Untrusted Test CA');
    const server = await standInAt('127.0.0.1', { tls: await untrusted.issueServerCertificate() });
    assert.equal(await completeHere(), 'certificateUntrusted');
    const shown = await kit.ui.waitFor((candidate) => candidate.method === 'showErrorMessage', 'the error');
    assert.match(shown.message, /^The certificate of sh-02\.d\.run is not trusted .*NODE_EXTRA_CA_CERTS/);
    assert.equal(server.requests.length, 0);
  });
});
