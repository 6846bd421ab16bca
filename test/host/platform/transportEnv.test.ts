// Proxies and certificates from the environment the extension host started with, as
// scripts/lib/transportTestEnv.js sets it: HTTPS_PROXY, NO_PROXY, NODE_EXTRA_CA_CERTS, and
// SSL_CERT_FILE, which puts a CA in the system store that http.systemCertificates reads.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FakeDrunServer, FakeDrunServerOptions } from '../../fixtures/fakeDrunServer';
import { startServer, useHostSuite } from '../hostKit';
import { completeHere, FIM, RecordingProxy, setHttpSetting } from './transportKit';

/** The server certificate signed by the CA in NODE_EXTRA_CA_CERTS ('extra') or in the system store ('system'). */
function serverCertificate(name: 'extra' | 'system'): { key: string; cert: string } {
  const dir = process.env.DRUN_TEST_TRANSPORT_DIR;
  assert.ok(dir, 'DRUN_TEST_TRANSPORT_DIR is set (run the host tests with scripts/run-host-tests.js)');
  return { key: readFileSync(path.join(dir, `${name}-server-key.pem`), 'utf8'), cert: readFileSync(path.join(dir, `${name}-server-cert.pem`), 'utf8') };
}

describe('proxies and certificates from the environment, in a real VS Code', function () {
  const kit = useHostSuite({ fimScript: [FIM] }, { storeKey: true });
  let proxy: RecordingProxy;
  const servers: FakeDrunServer[] = [];
  /** Signed by the CA that NODE_EXTRA_CA_CERTS names. */
  let trustedTls: { key: string; cert: string };

  before(async () => {
    trustedTls = serverCertificate('extra');
    proxy = await RecordingProxy.start(Number(new URL(process.env.HTTPS_PROXY ?? '').port));
  });
  after(async () => {
    await proxy?.close();
    await Promise.all(servers.map((server) => server.close()));
  });
  beforeEach(() => {
    proxy.carried.length = 0;
  });
  afterEach(async () => {
    await setHttpSetting('systemCertificates', undefined);
    kit.api.setStandInOrigin(kit.server.url);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function standInAt(host: string, options: FakeDrunServerOptions = {}): Promise<FakeDrunServer> {
    const server = await startServer({ fimScript: [FIM], host, ...options });
    servers.push(server);
    kit.api.setStandInOrigin(server.url);
    return server;
  }

  it('sends requests through the proxy in HTTPS_PROXY', async () => {
    const server = await standInAt('127.0.0.2');
    assert.equal(await completeHere(), 'inserted');
    assert.equal(server.requests.length, 1);
    assert.ok(proxy.carried.some((line) => line.includes(new URL(server.url).host)), `the proxy carried it: ${proxy.carried.join(', ')}`);
  });

  it('goes direct to hosts in NO_PROXY, and to 127.0.0.1', async () => {
    const exempt = await standInAt('127.0.0.3');
    assert.equal(await completeHere(), 'inserted');
    assert.equal(exempt.requests.length, 1);
    kit.api.setStandInOrigin(kit.server.url);
    assert.equal(await completeHere(), 'inserted');
    assert.equal(kit.server.requests.length, 1);
    assert.deepEqual(proxy.carried, []);
  });

  it('trusts a server whose CA is in NODE_EXTRA_CA_CERTS', async () => {
    const server = await standInAt('127.0.0.1', { tls: trustedTls });
    assert.equal(await completeHere(), 'inserted');
    assert.equal(server.requests.length, 1);
  });

  it('trusts that server through the proxy too, as behind a TLS-inspecting company proxy', async () => {
    const server = await standInAt('127.0.0.2', { tls: trustedTls });
    assert.equal(await completeHere(), 'inserted');
    assert.equal(server.requests.length, 1);
    assert.deepEqual(proxy.carried, [`CONNECT ${new URL(server.url).host}`]);
  });

  it('trusts a server whose CA is in the system store while http.systemCertificates is on (the default), and not once it is off', async () => {
    const server = await standInAt('127.0.0.1', { tls: serverCertificate('system') });
    assert.equal(await completeHere(), 'inserted');
    await setHttpSetting('systemCertificates', false);
    assert.equal(await completeHere(), 'certificateUntrusted');
    assert.equal(server.requests.length, 1);
  });

  it('says the proxy failed, not that D.run is unreachable, when the proxy in HTTPS_PROXY is down', async () => {
    await standInAt('127.0.0.2');
    await proxy.close();
    try {
      assert.equal(await completeHere(), 'proxyFailed');
      const shown = await kit.ui.waitFor((candidate) => candidate.method === 'showErrorMessage', 'the error');
      assert.match(shown.message, /^The proxy could not connect to sh-02\.d\.run\./);
    } finally {
      proxy = await RecordingProxy.start(Number(new URL(process.env.HTTPS_PROXY ?? '').port));
    }
  });
});
