// The fetch every request goes through: it refuses to send a key anywhere it may not go, follows
// redirects only where the same rule lets the key go, and (for tests and the sandbox only)
// reroutes D.run hosts to a local stand-in.
import { isDrunHost, isLoopbackHost, KeyKind, mayCarryKey } from './endpoint';
import { DrunError } from './errors';
import { transportFailure } from './transportErrors';

export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface GuardedFetchOptions {
  keyKind: KeyKind;
  approvedCustomHosts: readonly string[];
  /** Origin of a loopback stand-in that answers for every `*.d.run` host (tests, sandbox). */
  standInOrigin?: string;
  baseFetch?: FetchFunction;
}

/** Header the stand-in reads to know which D.run host the request was meant for. */
const STAND_IN_HOST_HEADER = 'x-forwarded-host';
/** Enough for http→https plus a load balancer hop; more is a loop. */
export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function createGuardedFetch(options: GuardedFetchOptions): FetchFunction {
  const baseFetch = options.baseFetch ?? ((input, init) => fetch(input, init));
  const standIn = options.standInOrigin ? parseStandInOrigin(options.standInOrigin) : undefined;

  const send = async (url: string, init: RequestInit): Promise<Response> => {
    const target = new URL(url);
    let sentTo = target;
    let sentInit = init;
    if (standIn && options.keyKind === 'drun' && isDrunHost(target.hostname)) {
      const headers = new Headers(init.headers);
      headers.set(STAND_IN_HOST_HEADER, target.host);
      sentTo = new URL(`${standIn}${target.pathname}${target.search}`);
      sentInit = { ...init, headers };
    }
    try {
      return await baseFetch(sentTo.href, sentInit);
    } catch (error) {
      throw transportFailure(error, sentTo, target.host) ?? error;
    }
  };

  return async (input, init) => {
    if (input instanceof Request) {
      // The SDK passes a URL and an init; a Request's body could not be replayed on a redirect.
      throw new DrunError('unexpected', 'guarded fetch takes a URL and an init, not a Request');
    }
    let url = typeof input === 'string' ? input : input.href;
    let request: RequestInit = { ...init, redirect: 'manual' };
    const hops: string[] = [];
    for (let redirects = 0; ; redirects++) {
      if (!mayCarryKey(url, options.keyKind, options.approvedCustomHosts)) {
        throw new DrunError('hostNotAllowed', `refused to send the ${options.keyKind} key to ${safeHost(url)}`, { host: safeHost(url) });
      }
      const response = await send(url, request);
      const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
      if (location === null) {
        return response;
      }
      await response.body?.cancel().catch(() => undefined);
      const next = resolveLocation(location, url);
      hops.push(`HTTP ${response.status} ${safeHost(url)} -> ${next ? safeHost(next) : location}`);
      if (!next || !mayCarryKey(next, options.keyKind, options.approvedCustomHosts)) {
        throw new DrunError('redirectBlocked', `refused to follow a redirect where the ${options.keyKind} key may not go: ${hops.join(', ')}`, {
          host: safeHost(url),
          redirectHost: next ? safeHost(next) : location,
          status: response.status,
        });
      }
      if (redirects >= MAX_REDIRECTS) {
        throw new DrunError('tooManyRedirects', `more than ${MAX_REDIRECTS} redirects: ${hops.join(', ')}`, {
          host: safeHost(url),
          redirectHost: safeHost(next),
        });
      }
      request = redirectedRequest(request, response.status);
      url = next;
    }
  };
}

/**
 * An API call keeps its method and body through 301/302/307/308 (turning a POST into a GET, as
 * browsers do for 301/302, would only earn a confusing 404); 303 means "GET the answer there".
 */
function redirectedRequest(request: RequestInit, status: number): RequestInit {
  if (status !== 303 || request.method === undefined || request.method.toUpperCase() === 'GET' || request.method.toUpperCase() === 'HEAD') {
    return request;
  }
  const headers = new Headers(request.headers);
  headers.delete('content-type');
  headers.delete('content-length');
  return { ...request, method: 'GET', body: undefined, headers };
}

function resolveLocation(location: string, base: string): string | undefined {
  try {
    return new URL(location, base).href;
  } catch {
    return undefined;
  }
}

/** A stand-in must be plain loopback: it receives the D.run key. */
export function parseStandInOrigin(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname)) {
      return url.origin;
    }
  } catch {
    // fall through: not a usable origin
  }
  return undefined;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unparsable URL)';
  }
}
