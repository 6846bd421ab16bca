// Where a request goes, and whether our key may go there.

export type Mode = 'maas' | 'instance' | 'custom';

/** Which secret a request carries: the D.run key, or the key of the user's own server. */
export type KeyKind = 'drun' | 'custom';

export interface Endpoint {
  /** Normalised base URL ending in `/v1`, no trailing slash. */
  baseUrl: string;
  host: string;
  mode: Mode;
  keyKind: KeyKind;
}

export type EndpointProblem =
  | { kind: 'badRegion'; region: string }
  | { kind: 'noCustomBaseUrl' }
  | { kind: 'badCustomBaseUrl'; url: string; reason: 'unparsable' | 'scheme' | 'plainHttp' | 'credentials' };

export type EndpointResult = { ok: true; endpoint: Endpoint } | { ok: false; problem: EndpointProblem };

export const MAAS_HOST = 'chat.d.run';
const DRUN_DOMAIN = 'd.run';
// A DNS label of lower-case ASCII letters, digits and inner hyphens: nothing that can add a
// dot, slash, port, userinfo or a look-alike character to the host.
const REGION_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

function isValidRegion(region: string): boolean {
  return REGION_PATTERN.test(region);
}

/** True for `d.run` and its subdomains, and nothing that merely contains them. */
export function isDrunHost(host: string): boolean {
  const lower = host.toLowerCase();
  if (lower === DRUN_DOMAIN) {
    return true;
  }
  if (!lower.endsWith('.' + DRUN_DOMAIN)) {
    return false;
  }
  const labels = lower.slice(0, -(DRUN_DOMAIN.length + 1)).split('.');
  return labels.every((label) => REGION_PATTERN.test(label));
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** Accepts `https://host`, `https://host/`, `https://host/v1`, `https://host/v1/` and returns `https://host/v1`. */
function normaliseBaseUrl(url: URL): string {
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
  return `${url.protocol}//${url.host}${path}/v1`;
}

export interface EndpointSettings {
  mode: Mode;
  region: string;
  customBaseUrl: string;
}

export function resolveEndpoint(settings: EndpointSettings): EndpointResult {
  switch (settings.mode) {
    case 'maas':
      return drunEndpoint(MAAS_HOST, 'maas');
    case 'instance': {
      const region = settings.region.trim();
      if (!isValidRegion(region)) {
        return { ok: false, problem: { kind: 'badRegion', region: settings.region } };
      }
      return drunEndpoint(`${region}.${DRUN_DOMAIN}`, 'instance');
    }
    case 'custom':
      return resolveCustomEndpoint(settings.customBaseUrl);
  }
}

function drunEndpoint(host: string, mode: Mode): EndpointResult {
  return { ok: true, endpoint: { baseUrl: `https://${host}/v1`, host, mode, keyKind: 'drun' } };
}

function resolveCustomEndpoint(raw: string): EndpointResult {
  const text = raw.trim();
  if (!text) {
    return { ok: false, problem: { kind: 'noCustomBaseUrl' } };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: { kind: 'badCustomBaseUrl', url: raw, reason: 'unparsable' } };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, problem: { kind: 'badCustomBaseUrl', url: raw, reason: 'scheme' } };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, problem: { kind: 'badCustomBaseUrl', url: raw, reason: 'plainHttp' } };
  }
  if (url.username || url.password) {
    return { ok: false, problem: { kind: 'badCustomBaseUrl', url: raw, reason: 'credentials' } };
  }
  const endpoint: Endpoint = { baseUrl: normaliseBaseUrl(url), host: url.host, mode: 'custom', keyKind: 'custom' };
  return { ok: true, endpoint };
}

/**
 * The last check before a key leaves the machine: the D.run key only to D.run hosts,
 * the custom key only to the custom host the user approved by name.
 */
export function mayCarryKey(requestUrl: string, keyKind: KeyKind, approvedCustomHosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return false;
  }
  if (keyKind === 'drun') {
    return url.protocol === 'https:' && isDrunHost(url.hostname) && (url.port === '' || url.port === '443');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return false;
  }
  return approvedCustomHosts.includes(url.host.toLowerCase());
}
