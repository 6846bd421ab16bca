// The environment for the host tests of proxies and certificates (test/host/platform/transportEnv.test.ts).
// VS Code reads HTTPS_PROXY and NO_PROXY, and Node reads NODE_EXTRA_CA_CERTS and SSL_CERT_FILE (one
// file of the system store on Linux), once, when the extension host starts: so they are set for the
// whole suite. Other tests are unaffected: their
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

/** Writes a CA and a server certificate it signed as `<name>-ca.pem`, `<name>-server-key.pem`, `<name>-server-cert.pem`. */
async function writeAuthority(dir, name, label) {
  const { createTestCertificateAuthority } = require(path.join(REPO, 'out', 'test', 'fixtures', 'testCertificates.js'));
  const authority = await createTestCertificateAuthority(label);
  const server = await authority.issueServerCertificate();
  fs.writeFileSync(path.join(dir, `${name}-ca.pem`), authority.cert);
  fs.writeFileSync(path.join(dir, `${name}-server-key.pem`), server.key);
  fs.writeFileSync(path.join(dir, `${name}-server-cert.pem`), server.cert);
  return path.join(dir, `${name}-ca.pem`);
}

/** Returns the env to add: two CAs, one trusted through NODE_EXTRA_CA_CERTS, one through the system store. */
async function prepareTransportTestEnv() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drun-transport-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const extraCa = await writeAuthority(dir, 'extra', 'D.run Test CA (NODE_EXTRA_CA_CERTS)');
  const systemCa = await writeAuthority(dir, 'system', 'D.run Test CA (system store)');
  const proxyPort = await freePort();
  return {
    NODE_EXTRA_CA_CERTS: extraCa,
    SSL_CERT_FILE: systemCa,
    HTTPS_PROXY: `http://127.0.0.1:${proxyPort}`,
    NO_PROXY: NO_PROXY_HOST,
    DRUN_TEST_TRANSPORT_DIR: dir,
  };
}

module.exports = { prepareTransportTestEnv };
