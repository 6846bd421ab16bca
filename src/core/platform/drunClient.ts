// The only way the extension talks to a model: the openai SDK behind a guarded fetch, with a
// watchdog for stalled streams, bounded retries, and errors mapped to DrunError.
import type OpenAI from 'openai';
import { classifyError } from './classifyError';
import { Endpoint } from './endpoint';
import { ApiRoute, DrunError } from './errors';
import { createGuardedFetch, FetchFunction } from './guardedFetch';
import { learnModelFacts, ListedModel } from './modelFacts';
import { openaiSdk } from './openaiSdk';
import { SecretRedactor } from './redact';

export type { ListedModel } from './modelFacts';

/** Tokens one request used, as the server reported them, or as counted here when it did not. */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Counted by the extension (the server sent no usage): shown as an estimate. */
  estimated?: boolean;
}

/** Only a user message may carry images. */
export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: ChatContent }
  | { role: 'assistant'; content: string };

/** OpenAI content parts: images go to vision models as `image_url` parts with a data URL. */
export type ChatContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };
export type ChatContent = string | ChatContentPart[];

/** A tool the model may call (OpenAI `tools[].function`). */
export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON schema of the arguments. */
  parameters?: Record<string, unknown>;
}

/** A tool call as it goes back to the model in the assistant message that made it. */
export interface SentToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** The messages of a conversation with tools: assistant tool calls, and the tool results that answer them. */
export type ToolChatMessage =
  | ChatMessage
  | { role: 'assistant'; content: string | null; tool_calls: SentToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

/** One streamed piece of a tool call; `arguments` arrives in fragments across chunks. */
export interface ToolCallDelta {
  index: number;
  id?: string;
  name?: string;
  arguments?: string;
}

export interface StreamDelta {
  content?: string;
  reasoning?: string;
  toolCalls?: ToolCallDelta[];
}

export interface ChatRequest {
  model: string;
  messages: ToolChatMessage[];
  maxTokens?: number;
  temperature?: number;
  tools?: ToolDefinition[];
  /** More body fields (a caller's model options); never overrides the fields above. */
  extraBody?: Record<string, unknown>;
}

export interface ChatResult {
  content: string;
  reasoning: string;
  usage?: TokenUsage;
  finishReason: string;
}

export interface CompletionRequest {
  model: string;
  prompt: string;
  /** Sent to the server (at most 4, the OpenAI limit). */
  stop: string[];
  /** Cut on client-side, aborting the stream as soon as one appears. */
  clientStops?: string[];
  maxTokens: number;
  temperature?: number;
}

export interface CompletionResult {
  text: string;
  usage?: TokenUsage;
  finishReason: string;
}

export interface RetryNotice {
  delayMs: number;
  attempt: number;
  kind: 'rateLimited' | 'serverError';
}

export interface DrunClientOptions {
  endpoint: Endpoint;
  apiKey: string;
  approvedCustomHosts?: readonly string[];
  standInOrigin?: string;
  baseFetch?: FetchFunction;
  /** Longest silence allowed before the first byte and between stream chunks. */
  idleTimeoutMs?: number;
  maxRetries?: number;
  /** A Retry-After longer than this is reported instead of waited for. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  onRetry?: (notice: RetryNotice) => void;
}

const OPENAI_STREAM_STOP_LIMIT = 4;
/** Rides in a request's fetch options to the fetch wrapper: called for every piece of the answer's body. */
const ON_BODY_BYTES = Symbol('drun.onBodyBytes');
const SERVER_ERROR_RETRY_DELAY_MS = 1000;

export class DrunClient {
  private sdkClient: OpenAI | undefined;
  private readonly idleTimeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxRetryAfterMs: number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly keyRedactor = new SecretRedactor();

  constructor(private readonly options: DrunClientOptions) {
    this.keyRedactor.add(options.apiKey);
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.maxRetries = options.maxRetries ?? 2;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
    this.sleep = options.sleep ?? abortableSleep;
  }

  /** Made on first use, which loads the SDK (see openaiSdk.ts). */
  private get openai(): OpenAI {
    if (!this.sdkClient) {
      const { options } = this;
      const OpenAIClient = openaiSdk();
      this.sdkClient = new OpenAIClient({
        apiKey: options.apiKey,
        baseURL: options.endpoint.baseUrl,
        // Never pick up OPENAI_* organisation or project ids from the environment and send them to D.run.
        organization: null,
        project: null,
        maxRetries: 0,
        timeout: this.idleTimeoutMs,
        logLevel: 'off',
        fetch: feedWatchdogAndNormaliseErrors(
          createGuardedFetch({
            keyKind: options.endpoint.keyKind,
            approvedCustomHosts: options.approvedCustomHosts ?? [],
            standInOrigin: options.standInOrigin,
            baseFetch: options.baseFetch,
          }),
        ),
      });
    }
    return this.sdkClient;
  }

  get endpoint(): Endpoint {
    return this.options.endpoint;
  }

  async listModels(signal: AbortSignal): Promise<string[]> {
    return (await this.listModelFacts(signal)).map((model) => model.id);
  }

  /** The listed models with what the server says about them; the catalogue learns their context windows. */
  async listModelFacts(signal: AbortSignal): Promise<ListedModel[]> {
    const listed = await this.withRetries(signal, { route: 'models' }, async (watchdog) => {
      const page = await this.openai.models.list({ signal: watchdog.signal });
      return page.data.map(toListedModel);
    });
    learnModelFacts(listed);
    return listed;
  }

  async streamChat(request: ChatRequest, signal: AbortSignal, onDelta: (delta: StreamDelta) => void): Promise<ChatResult> {
    return this.withRetries(signal, { route: 'chat', model: request.model }, async (watchdog) => {
      const stream = await this.openai.chat.completions.create(
        {
          ...request.extraBody,
          model: request.model,
          messages: request.messages as OpenAI.Chat.ChatCompletionMessageParam[],
          stream: true,
          stream_options: { include_usage: true },
          ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
          ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
          ...(request.tools?.length ? { tools: request.tools.map((tool) => ({ type: 'function' as const, function: tool })) } : {}),
        },
        { signal: watchdog.signal, fetchOptions: watchdog.fetchOptions },
      );
      watchdog.markStreaming();
      const result: ChatResult = { content: '', reasoning: '', finishReason: '' };
      for await (const choice of streamedChoices(stream, watchdog, result)) {
        // DeepSeek-R1 on D.run streams its reasoning in this non-standard field.
        const delta = choice.delta as { content?: string | null; reasoning_content?: string | null; tool_calls?: ApiToolCallDelta[] };
        const piece: StreamDelta = {};
        if (delta.tool_calls?.length) {
          piece.toolCalls = delta.tool_calls.map(toToolCallDelta);
        }
        if (delta.reasoning_content) {
          piece.reasoning = delta.reasoning_content;
          result.reasoning += delta.reasoning_content;
        }
        if (delta.content) {
          piece.content = delta.content;
          result.content += delta.content;
        }
        if (piece.content !== undefined || piece.reasoning !== undefined || piece.toolCalls !== undefined) {
          onDelta(piece);
        }
        if (choice.finish_reason) {
          result.finishReason = choice.finish_reason;
        }
      }
      return finishedOrDropped(result, request.model, this.options.endpoint);
    });
  }

  async streamCompletion(request: CompletionRequest, signal: AbortSignal, onText?: (text: string) => void): Promise<CompletionResult> {
    return this.withRetries(signal, { route: 'completions', model: request.model }, async (watchdog) => {
      const stream = await this.openai.completions.create(
        {
          model: request.model,
          prompt: request.prompt,
          stream: true,
          stream_options: { include_usage: true },
          max_tokens: request.maxTokens,
          stop: request.stop.slice(0, OPENAI_STREAM_STOP_LIMIT),
          ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        },
        { signal: watchdog.signal, fetchOptions: watchdog.fetchOptions },
      );
      watchdog.markStreaming();
      const result: CompletionResult = { text: '', finishReason: '' };
      const clientStops = request.clientStops ?? [];
      for await (const choice of streamedChoices(stream, watchdog, result)) {
        const cut = cutAtFirstStop(result.text + completionTextOf(choice), clientStops);
        const added = cut.text.slice(result.text.length);
        result.text = cut.text;
        if (added) {
          onText?.(added);
        }
        if (cut.stopped) {
          // The rest would be thrown away: stop reading the socket now.
          stream.controller.abort();
          result.finishReason = 'stop';
          return result;
        }
        if (choice.finish_reason) {
          result.finishReason = choice.finish_reason;
        }
      }
      return finishedOrDropped(result, request.model, this.options.endpoint);
    });
  }

  private async withRetries<T>(signal: AbortSignal, target: { route: ApiRoute; model?: string }, attempt: (watchdog: Watchdog) => Promise<T>): Promise<T> {
    const { route, model } = target;
    for (let attemptNumber = 1; ; attemptNumber++) {
      const watchdog = new Watchdog(signal, this.idleTimeoutMs);
      let error: DrunError;
      try {
        return await attempt(watchdog);
      } catch (thrown) {
        // The SDK ends an aborted stream quietly, so why it ended is known only here.
        error = signal.aborted
          ? new DrunError('cancelled', 'cancelled by the caller', { host: this.options.endpoint.host, model })
          : this.withoutKey(classifyError(thrown, { endpoint: this.options.endpoint, model, route, timedOut: watchdog.timedOut, streaming: watchdog.streaming }));
      } finally {
        watchdog.dispose();
      }
      const delayMs = this.retryDelay(error, attemptNumber, watchdog.streaming);
      if (delayMs === undefined || signal.aborted) {
        throw error;
      }
      this.options.onRetry?.({ delayMs, attempt: attemptNumber, kind: error.kind === 'rateLimited' ? 'rateLimited' : 'serverError' });
      try {
        await this.sleep(delayMs, signal);
      } catch {
        throw new DrunError('cancelled', 'cancelled while waiting to retry', error.context);
      }
    }
  }

  /** A server may echo the key in its error body; the detail reaches the log, the chat view and the stored history. */
  private withoutKey(error: DrunError): DrunError {
    const detail = this.keyRedactor.redact(error.detail);
    const said = error.context.serverMessage;
    const saidWithoutKey = said === undefined ? undefined : this.keyRedactor.redact(said);
    if (detail === error.detail && saidWithoutKey === said) {
      return error;
    }
    return new DrunError(error.kind, detail, saidWithoutKey === undefined ? error.context : { ...error.context, serverMessage: saidWithoutKey });
  }

  /** Only failures before any output are retried, so nothing is shown twice. */
  private retryDelay(error: DrunError, attemptNumber: number, streamed: boolean): number | undefined {
    if (streamed || attemptNumber > this.maxRetries) {
      return undefined;
    }
    if (error.kind === 'rateLimited') {
      const wait = error.context.retryAfterMs ?? 1000 * 2 ** (attemptNumber - 1);
      return wait <= this.maxRetryAfterMs ? wait : undefined;
    }
    if (error.kind === 'serverError' && attemptNumber === 1) {
      return SERVER_ERROR_RETRY_DELAY_MS;
    }
    return undefined;
  }
}

/** Aborts the request when the caller cancels or when the server falls silent for too long. */
class Watchdog {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCallerAbort = () => this.controller.abort();
  timedOut = false;
  streaming = false;

  constructor(
    private readonly callerSignal: AbortSignal,
    private readonly idleTimeoutMs: number,
  ) {
    if (callerSignal.aborted) {
      this.controller.abort();
    } else {
      callerSignal.addEventListener('abort', this.onCallerAbort, { once: true });
    }
    this.touch();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Any byte of the body counts as life, SSE comments too: servers send `: keep-alive` while a request is queued. */
  get fetchOptions(): Omit<RequestInit, 'headers' | 'body' | 'method' | 'signal'> {
    const options: { [ON_BODY_BYTES]: () => void } = { [ON_BODY_BYTES]: () => this.touch() };
    return options as Omit<RequestInit, 'headers' | 'body' | 'method' | 'signal'>;
  }

  markStreaming(): void {
    this.streaming = true;
    this.touch();
  }

  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, this.idleTimeoutMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal.removeEventListener('abort', this.onCallerAbort);
    // Whatever happened, the socket is no longer ours to read.
    this.controller.abort();
  }
}

type ApiUsage = { prompt_tokens: number; completion_tokens: number; total_tokens: number };

/**
 * Each chunk's first choice, keeping the watchdog fed and the usage recorded. Usage may come in a chunk
 * whose `choices` is empty or missing; vLLM may send its error body (`object: "error"`) as a chunk.
 */
async function* streamedChoices<Choice>(
  stream: AsyncIterable<{ usage?: ApiUsage | null; choices?: Choice[] | null }>,
  watchdog: Watchdog,
  result: { usage?: TokenUsage },
): AsyncGenerator<Choice> {
  for await (const chunk of stream) {
    watchdog.touch();
    if ((chunk as { object?: unknown }).object === 'error') {
      throw new (openaiSdk().APIError)(undefined, chunk, undefined, undefined);
    }
    if (chunk.usage) {
      result.usage = toUsage(chunk.usage);
    }
    const choice = chunk.choices?.[0];
    if (choice) {
      yield choice;
    }
  }
}

/** A legacy completion's text: vLLM sends `text`; some servers stream completions shaped like chat. */
function completionTextOf(choice: { text?: unknown; delta?: unknown }): string {
  if (typeof choice.text === 'string') {
    return choice.text;
  }
  const content = (choice.delta as { content?: unknown } | undefined)?.content;
  return typeof content === 'string' ? content : '';
}

/** vLLM lists each model's `max_model_len`, the window it was started with. */
function toListedModel(model: { id: string }): ListedModel {
  const maxModelLen = (model as { max_model_len?: unknown }).max_model_len;
  return typeof maxModelLen === 'number' && Number.isInteger(maxModelLen) && maxModelLen > 0 ? { id: model.id, contextTokens: maxModelLen } : { id: model.id };
}

/**
 * Feeds the request's watchdog with the body's bytes, and rewrites an error body into OpenAI's
 * `{error: {message, type, code}}` before the SDK reads it, which keeps only that shape: vLLM's `{object: "error", message, …}`, Express's `{error: "Not Found", message}`
 * or HTML page, FastAPI's `{detail}`, or plain text would otherwise lose the server's words.
 */
function feedWatchdogAndNormaliseErrors(fetchFunction: FetchFunction): FetchFunction {
  return async (input, init) => {
    const { [ON_BODY_BYTES]: onBodyBytes, ...plainInit } = (init ?? {}) as RequestInit & { [ON_BODY_BYTES]?: () => void };
    const response = await fetchFunction(input, plainInit);
    if (response.ok) {
      return onBodyBytes && response.body ? watchedBody(response, onBodyBytes) : response;
    }
    const text = await response.text();
    if (!text.trim()) {
      // Nothing to rewrite; the SDK reports "no body".
      return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    const headers = new Headers(response.headers);
    // The body is decoded and rewritten: its old length and encoding no longer apply.
    headers.delete('content-length');
    headers.delete('content-encoding');
    headers.set('content-type', 'application/json');
    return new Response(JSON.stringify(openAiErrorBody(text)), { status: response.status, statusText: response.statusText, headers });
  };
}

function watchedBody(response: Response, onBytes: () => void): Response {
  const body = response.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        onBytes();
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

const MAX_ERROR_TEXT = 300;

function openAiErrorBody(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR_TEXT);
    return { error: { message: plain } };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { error: { message: text.slice(0, MAX_ERROR_TEXT) } };
  }
  const body = parsed as Record<string, unknown>;
  if (body.error && typeof body.error === 'object') {
    return body;
  }
  const message = [body.message, body.detail, body.error].find((value) => value !== undefined && value !== null);
  return {
    error: {
      message: typeof message === 'string' ? message : JSON.stringify(message ?? body),
      type: typeof body.type === 'string' ? body.type : typeof body.error === 'string' && typeof body.message === 'string' ? body.error : undefined,
      code: body.code ?? null,
      ...(typeof body.status === 'number' ? { status: body.status } : {}),
    },
  };
}

function finishedOrDropped<T extends { finishReason: string }>(result: T, model: string, endpoint: Endpoint): T {
  if (!result.finishReason) {
    throw new DrunError('streamDropped', 'stream ended without a finish reason', { host: endpoint.host, model });
  }
  return result;
}

export function cutAtFirstStop(text: string, stops: readonly string[]): { text: string; stopped: boolean } {
  let cutAt = -1;
  for (const stop of stops) {
    const index = text.indexOf(stop);
    if (index !== -1 && (cutAt === -1 || index < cutAt)) {
      cutAt = index;
    }
  }
  return cutAt === -1 ? { text, stopped: false } : { text: text.slice(0, cutAt), stopped: true };
}

type ApiToolCallDelta = { index: number; id?: string | null; function?: { name?: string | null; arguments?: string | null } | null };

function toToolCallDelta(delta: ApiToolCallDelta): ToolCallDelta {
  return {
    index: delta.index,
    ...(delta.id ? { id: delta.id } : {}),
    ...(delta.function?.name ? { name: delta.function.name } : {}),
    ...(delta.function?.arguments ? { arguments: delta.function.arguments } : {}),
  };
}

function toUsage(usage: ApiUsage): TokenUsage {
  return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, totalTokens: usage.total_tokens };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new Error('aborted'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
