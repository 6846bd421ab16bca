// Maps whatever the openai SDK, fetch or a stream throws to one DrunError.
import OpenAI from 'openai';
import { Endpoint } from './endpoint';
import { DrunError, DrunErrorContext } from './errors';

export interface ClassifyContext {
  endpoint: Endpoint;
  model?: string;
  /** Set when our own watchdog aborted the request. */
  timedOut?: boolean;
  /** True once the response started streaming. */
  streaming?: boolean;
}

const CONNECTION_REFUSED_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** Codes Node, undici and TLS give a failed connection; anything else is not the network's fault. */
const NETWORK_CODES = new Set([
  ...CONNECTION_REFUSED_CODES,
  'ETIMEDOUT',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'ECONNABORTED',
  'EPIPE',
  'EPROTO',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const NETWORK_CODE_PREFIXES = ['UND_ERR_', 'ERR_SSL_'];
/** Chromium's network errors, where fetch goes through Electron. */
const CHROMIUM_NETWORK_ERROR = /\bnet::ERR_[A-Z_]+/;
const MAX_CAUSE_DEPTH = 8;

export function classifyError(error: unknown, context: ClassifyContext): DrunError {
  if (context.timedOut) {
    return new DrunError('timeout', error instanceof Error ? error.message : String(error), { host: context.endpoint.host, model: context.model });
  }
  if (error instanceof DrunError) {
    return error;
  }
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  if (cause instanceof DrunError) {
    return cause;
  }
  const base: DrunErrorContext = { host: context.endpoint.host, model: context.model };
  const detail = error instanceof Error ? error.message : String(error);

  if (error instanceof OpenAI.APIUserAbortError || isAbortError(error)) {
    return new DrunError('cancelled', detail, base);
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new DrunError('timeout', detail, base);
  }
  if (error instanceof OpenAI.APIConnectionError) {
    // The SDK wraps whatever fetch threw, a bug of ours included.
    return error.cause === undefined || isNetworkFailure(error.cause)
      ? connectionFailure(detail + describeCause(error.cause), base, context.endpoint)
      : unexpectedError(error.cause, base);
  }
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    return fromStatus(error, { ...base, status: error.status }, context.endpoint);
  }
  if (error instanceof OpenAI.APIError) {
    // An error event inside an otherwise healthy stream.
    return new DrunError('serverError', detail, base);
  }
  if (error instanceof SyntaxError) {
    return new DrunError('malformedStream', detail, base);
  }
  if (!isNetworkFailure(error)) {
    return unexpectedError(error, base);
  }
  if (context.streaming) {
    return new DrunError('streamDropped', detail + describeCause(cause), base);
  }
  return connectionFailure(detail + describeCause(cause), base, context.endpoint);
}

/**
 * The one place that decides what a caught value is: a DrunError stays one; an abort is
 * `cancelled`; a failed connection is `network` ("Cannot reach…"); anything else is
 * `unexpected`, with its stack for the log.
 */
export function asDrunError(error: unknown, context: DrunErrorContext = {}): DrunError {
  if (error instanceof DrunError) {
    return error;
  }
  if (isAbortError(error)) {
    return new DrunError('cancelled', error.message, context);
  }
  if (isNetworkFailure(error)) {
    return new DrunError('network', (error instanceof Error ? error.message : String(error)) + describeCause((error as { cause?: unknown }).cause), context);
  }
  return unexpectedError(error, context);
}

/** True when the error, or an error that caused it, is a failed connection: DNS, refused, reset, timed out, TLS. */
export function isNetworkFailure(error: unknown): boolean {
  for (let link = error, depth = 0; link instanceof Error && depth < MAX_CAUSE_DEPTH; link = link.cause, depth++) {
    const code = (link as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || NETWORK_CODE_PREFIXES.some((prefix) => code.startsWith(prefix)))) {
      return true;
    }
    if (CHROMIUM_NETWORK_ERROR.test(link.message)) {
      return true;
    }
  }
  return false;
}

function unexpectedError(error: unknown, context: DrunErrorContext): DrunError {
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) + describeCause(error.cause) : String(error);
  return new DrunError('unexpected', detail, context);
}

function fromStatus(error: InstanceType<typeof OpenAI.APIError>, context: DrunErrorContext, endpoint: Endpoint): DrunError {
  const detail = `HTTP ${error.status}: ${error.message}`;
  const text = `${error.code ?? ''} ${error.message}`;
  switch (error.status) {
    case 401:
      return new DrunError(/expir/i.test(text) ? 'keyExpired' : 'unauthorized', detail, context);
    case 403:
      return new DrunError(/expir/i.test(text) ? 'keyExpired' : 'forbidden', detail, context);
    case 404:
      return new DrunError('modelNotFound', detail, context);
    case 429: {
      if (/quota/i.test(text)) {
        return new DrunError('quotaExceeded', detail, context);
      }
      const retryAfterMs = parseRetryAfter(error.headers);
      return new DrunError('rateLimited', detail, retryAfterMs === undefined ? context : { ...context, retryAfterMs });
    }
    case 502:
    case 503:
      return new DrunError(endpoint.mode === 'instance' ? 'instanceUnavailable' : 'serverError', detail, context);
    default:
      return new DrunError((error.status ?? 0) >= 500 ? 'serverError' : 'badRequest', detail, context);
  }
}

function connectionFailure(detail: string, context: DrunErrorContext, endpoint: Endpoint): DrunError {
  const refused = [...CONNECTION_REFUSED_CODES].some((code) => detail.includes(code));
  if (refused && endpoint.mode === 'instance') {
    return new DrunError('instanceUnavailable', detail, context);
  }
  return new DrunError('network', detail, context);
}

/** Retry-After as seconds or an HTTP date; `retry-after-ms` when a server sends it. */
function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) {
    return milliseconds;
  }
  const value = headers?.get('retry-after');
  if (!value) {
    return undefined;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) {
    return seconds * 1000;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function isAbortError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'AbortError';
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) {
    return '';
  }
  const code = (cause as { code?: string }).code;
  const inner = describeCause((cause as { cause?: unknown }).cause);
  return ` (${cause.name}: ${cause.message}${code ? ' ' + code : ''})${inner}`;
}
