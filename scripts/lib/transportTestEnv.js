// The environment for the host tests of proxies and certificates (test/host/platform/transportEnv.test.ts).
// VS Code reads HTTPS_PROXY and NO_PROXY, and Node reads NODE_EXTRA_CA_CERTS, once, when the
// extension host starts: so they are set for the whole suite. Other tests are unaffected: their
// servers are on 127.0.0.1, which VS Code never proxies. Needs `npx tsc -p .` first.
'use strict';

const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { REPO } = require('./setup');

/** Loopback address that NO_PROXY exempts; 127.0.0.2 is proxied. */
const NO_PROXY_HOST = '127.0.0.3';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Writes a CA (trusted through NODE_EXTRA_CA_CERTS) and a server certificate it signed; returns the env to add. */
async function prepareTransportTestEnv() {
  const { createTestCertificateAuthority } = require(path.join(REPO, 'out', 'test', 'fixtures', 'testCertificates.js'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drun-transport-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const authority = await createTestCertificateAuthority('D.run Test CA (NODE_EXTRA_CA_CERTS)');
  const server = await authority.issueServerCertificate();
  fs.writeFileSync(path.join(dir, 'ca.pem'), authority.cert);
  fs.writeFileSync(path.join(dir, 'server-key.pem'), server.key);
  fs.writeFileSync(path.join(dir, 'server-cert.pem'), server.cert);
  const proxyPort = await freePort();
  return {
    NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'),
    HTTPS_PROXY: `http://127.0.0.1:${proxyPort}`,
    NO_PROXY: NO_PROXY_HOST,
    DRUN_TEST_TRANSPORT_DIR: dir,
  };
}

module.exports = { prepareTransportTestEnv };
