// Proxies and certificates as VS Code's own networking applies them to the extension's requests:
// http.proxy, http.noProxy, and a server whose CA the machine does not trust.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeDrunServer } from '../../fixtures/fakeDrunServer';
import { createTestCertificateAuthority } from '../../fixtures/testCertificates';
import { startServer, useHostSuite } from '../hostKit';
import { completeHere, FIM, RecordingProxy, setHttpSetting } from './transportKit';


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
