// The fetch every request goes through: it refuses to send a key anywhere it may not go,
// and (for tests and the sandbox only) reroutes D.run hosts to a local stand-in.
import { isDrunHost, isLoopbackHost, KeyKind, mayCarryKey } from './endpoint';
import { DrunError } from './errors';

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

export function createGuardedFetch(options: GuardedFetchOptions): FetchFunction {
  const baseFetch = options.baseFetch ?? ((input, init) => fetch(input, init));
  const standIn = options.standInOrigin ? parseStandInOrigin(options.standInOrigin) : undefined;
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!mayCarryKey(url, options.keyKind, options.approvedCustomHosts)) {
      throw new DrunError('hostNotAllowed', `refused to send the ${options.keyKind} key to ${safeHost(url)}`, {
        host: safeHost(url),
      });
    }
    const target = new URL(url);
    if (standIn && options.keyKind === 'drun' && isDrunHost(target.hostname)) {
      const headers = new Headers(init?.headers);
      headers.set(STAND_IN_HOST_HEADER, target.host);
      const rerouted = `${standIn}${target.pathname}${target.search}`;
      return baseFetch(rerouted, { ...init, headers });
    }
    return baseFetch(url, init);
  };
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
