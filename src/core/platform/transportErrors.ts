// Tells a failed connection that the user fixes on their own machine (an untrusted certificate,
// a broken proxy) from one where the server is simply unreachable.
import { DrunError } from './errors';

/** OpenSSL's and Node's codes for a certificate chain that cannot be verified. */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
/** Chromium's certificate errors, where fetch goes through Electron. */
const CHROMIUM_CERTIFICATE_ERROR = /\bnet::ERR_CERT_[A-Z_]+/;
/** undici's ProxyAgent: a CONNECT that did not answer 200, a 407, or TLS to an https:// proxy. */
const UNDICI_PROXY_MESSAGE = /^Proxy (response \(\d+\)|Authentication Required)/;
const UNDICI_PROXY_TLS_CODE = 'UND_ERR_PRX_TLS';
const CHROMIUM_PROXY_ERROR = /\bnet::ERR_(PROXY_[A-Z_]+|TUNNEL_CONNECTION_FAILED)/;
/** Node's codes for a socket that could not be opened. */
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);
const MAX_CAUSE_DEPTH = 8;

interface SocketError extends Error {
  code?: unknown;
  port?: unknown;
  hostname?: unknown;
}

/**
 * The DrunError for a certificate or proxy failure of a request sent to `target` (meant for
 * `host`), or undefined for
 * any other error. A connection that failed to a port or host other than the target's was a
 * connection to the proxy that VS Code (or the environment) routes requests through.
 */
export function transportFailure(error: unknown, target: URL, host = target.host): DrunError | undefined {
  const targetPort = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  for (let link = error, depth = 0; link instanceof Error && depth < MAX_CAUSE_DEPTH; link = link.cause, depth++) {
    const { code, port, hostname } = link as SocketError;
    const summary = `${link.name}: ${link.message}${typeof code === 'string' ? ' ' + code : ''}`;
    if ((typeof code === 'string' && CERTIFICATE_CODES.has(code)) || CHROMIUM_CERTIFICATE_ERROR.test(link.message)) {
      return new DrunError('certificateUntrusted', `TLS could not verify ${host}: ${summary}`, { host });
    }
    if (code === UNDICI_PROXY_TLS_CODE || UNDICI_PROXY_MESSAGE.test(link.message) || CHROMIUM_PROXY_ERROR.test(link.message)) {
      return new DrunError('proxyFailed', `proxy failed for ${host}: ${summary}`, { host });
    }
    if (typeof code === 'string' && CONNECT_CODES.has(code)) {
      const otherPort = typeof port === 'number' && port !== targetPort;
      const otherHost = typeof hostname === 'string' && hostname.toLowerCase() !== target.hostname.toLowerCase();
      return otherPort || otherHost ? new DrunError('proxyFailed', `could not reach the proxy for ${host}: ${summary}`, { host }) : undefined;
    }
  }
  return undefined;
}
