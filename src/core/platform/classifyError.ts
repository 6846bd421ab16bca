// Maps whatever the openai SDK, fetch or a stream throws to one DrunError.
import type OpenAI from 'openai';
import { Endpoint } from './endpoint';
import { ApiRoute, DrunError, DrunErrorContext } from './errors';
import { openaiSdk } from './openaiSdk';

export interface ClassifyContext {
  endpoint: Endpoint;
  model?: string;
  /** The route the request went to: a 404 there is told apart from an unknown model. */
  route?: ApiRoute;
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
  const base: DrunErrorContext = { host: context.endpoint.host, model: context.model, ...(context.route ? { route: context.route } : {}) };
  const detail = error instanceof Error ? error.message : String(error);
  const OpenAI = openaiSdk();

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
    return fromStatus(serverErrorOf(error), `HTTP ${error.status}: ${error.message}`, { ...base, status: error.status }, context.endpoint);
  }
  if (error instanceof OpenAI.APIError) {
    // An error event inside a stream that began with 200: its body says what it is.
    const facts = serverErrorOf(error);
    const status = statusOfErrorBody(facts);
    const withMessage: DrunErrorContext = { ...base, ...(facts.message ? { serverMessage: facts.message } : {}) };
    const streamDetail = `error event in the stream: ${JSON.stringify(error.error ?? error.message)}`;
    return status === undefined
      ? new DrunError('serverError', streamDetail, withMessage)
      : fromStatus(facts, streamDetail, { ...withMessage, status }, context.endpoint);
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

/** What a server said about a failed request, whichever of the error shapes in the wild it used. */
interface ServerErrorFacts {
  message: string;
  code?: string;
  type?: string;
  /** A status written into the body (mock-llm's `status`, vLLM's numeric `code`). */
  bodyStatus?: number;
  headers?: Headers;
}

function serverErrorOf(error: InstanceType<typeof OpenAI.APIError>): ServerErrorFacts {
  const body: unknown = error.error;
  if (typeof body === 'string') {
    return { message: body, headers: error.headers };
  }
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const code = typeof fields.code === 'string' || typeof fields.code === 'number' ? String(fields.code) : undefined;
  const numeric = [fields.status, fields.code].map(Number).find((value) => Number.isInteger(value) && value >= 400 && value < 600);
  return {
    message: typeof fields.message === 'string' ? fields.message : error.message.replace(/^\d{3} /, ''),
    code,
    type: typeof fields.type === 'string' ? fields.type : undefined,
    bodyStatus: numeric,
    headers: error.headers,
  };
}

/** Codes and types OpenAI, vLLM, DeepSeek and Anthropic-style servers give, as the HTTP status they stand for. */
const STATUS_OF_ERROR_NAME: Record<string, number> = {
  invalid_api_key: 401,
  api_key_expired: 401,
  authentication_error: 401,
  authenticationerror: 401,
  unauthorized: 401,
  permission_denied: 403,
  permission_error: 403,
  permissiondeniederror: 403,
  forbidden: 403,
  model_not_found: 404,
  not_found: 404,
  not_found_error: 404,
  notfounderror: 404,
  insufficient_quota: 429,
  rate_limit_exceeded: 429,
  rate_limit_error: 429,
  ratelimiterror: 429,
  invalid_request_error: 400,
  badrequesterror: 400,
  context_length_exceeded: 400,
  server_error: 500,
  internal_error: 500,
  internalservererror: 500,
  api_error: 500,
  overloaded_error: 503,
  service_unavailable: 503,
};

/** The status an error event stands for: its code first (the most specific), then its status, then its type. */
function statusOfErrorBody(facts: ServerErrorFacts): number | undefined {
  const byName = (name: string | undefined) => (name ? STATUS_OF_ERROR_NAME[name.toLowerCase()] : undefined);
  return byName(facts.code) ?? facts.bodyStatus ?? byName(facts.type);
}

function fromStatus(facts: ServerErrorFacts, detail: string, context: DrunErrorContext, endpoint: Endpoint): DrunError {
  const text = `${facts.code ?? ''} ${facts.message}`;
  switch (context.status) {
    case 401:
      return new DrunError(/expir/i.test(text) ? 'keyExpired' : 'unauthorized', detail, context);
    case 403:
      return new DrunError(/expir/i.test(text) ? 'keyExpired' : 'forbidden', detail, context);
    case 404:
      return new DrunError(isMissingRoute(facts, context.route) ? 'routeNotFound' : 'modelNotFound', detail, context);
    case 429: {
      if (/quota/i.test(text)) {
        return new DrunError('quotaExceeded', detail, context);
      }
      const retryAfterMs = parseRetryAfter(facts.headers);
      return new DrunError('rateLimited', detail, retryAfterMs === undefined ? context : { ...context, retryAfterMs });
    }
    case 502:
    case 503:
      return new DrunError(endpoint.mode === 'instance' ? 'instanceUnavailable' : 'serverError', detail, context);
    default:
      return new DrunError((context.status ?? 0) >= 500 ? 'serverError' : 'badRequest', detail, context);
  }
}

/** How web frameworks and OpenAI answer a path they do not serve: Express, FastAPI (vLLM), Go, OpenAI itself. */
const MISSING_ROUTE = /\bCannot (?:GET|POST|PUT|PATCH|DELETE)\b|\bunknown_url\b|Unknown request URL|\b404 page not found\b|^\s*Not Found\.?\s*$/i;

/**
 * A 404 names either the path (the server has no such route) or the model. `/v1/models` names no model;
 * elsewhere the route is missing only when the server says so, since a 404 without words most often
 * means a model name the server does not know.
 */
function isMissingRoute(facts: ServerErrorFacts, route: ApiRoute | undefined): boolean {
  if (route === 'models') {
    return true;
  }
  const text = `${facts.code ?? ''} ${facts.type ?? ''} ${facts.message}`;
  return !/model/i.test(text) && (MISSING_ROUTE.test(facts.message) || MISSING_ROUTE.test(facts.code ?? ''));
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
