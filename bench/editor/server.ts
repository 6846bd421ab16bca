// The editor bench's stand-in for a D.run instance: an OpenAI-compatible `/v1/completions` that
// answers every FIM prompt with the bench's stand-in model (bench/sourceModel.ts) at the in-process
// bench's pace (150 ms to the first token, 10 ms per token), and records when each token left, so
// the figures can say which tokens a useful ghost was made of and whether they came after the keystroke.
// Not the fake D.run server of the tests: that one does not say when each token was written.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyStop, DEFAULT_MODELS, parseQwenFim, splitIntoPieces } from '../../test/fixtures/fakeDrunServer';
import { answerFromSource } from '../sourceModel';
import type { ServedStream } from './figures';

export interface StandInOptions {
  /** The file being typed: the stand-in model answers from it. */
  source: string;
  accuracy: number;
  firstTokenDelayMs: number;
  tokenDelayMs: number;
}

export interface StandInServer {
  url: string;
  /** Every FIM request, in arrival order. */
  streams: ServedStream[];
  close(): Promise<void>;
}

/** Wall-clock milliseconds with sub-millisecond precision, on the same scale as the browser's `performance.timeOrigin + performance.now()`. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startStandIn(options: StandInOptions): Promise<StandInServer> {
  const { source, accuracy } = options;
  const streams: ServedStream[] = [];
  const server = http.createServer((request, response) => {
    void handle(request, response).catch(() => response.destroy());
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://stand-in').pathname;
    if (request.method === 'GET' && path === '/v1/models') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ object: 'list', data: DEFAULT_MODELS.map((id) => ({ id, object: 'model', owned_by: 'bench' })) }));
      return;
    }
    let raw = '';
    request.setEncoding('utf8');
    for await (const chunk of request) {
      raw += chunk;
    }
    const body = JSON.parse(raw || '{}');
    const fim = path === '/v1/completions' && typeof body.prompt === 'string' ? parseQwenFim(body.prompt) : undefined;
    if (!fim) {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `The editor bench answers FIM completions only, not ${request.method} ${path}.` } }));
      return;
    }
    const all = splitIntoPieces(applyStop(answerFromSource(source, fim, accuracy), body.stop).text);
    const pieces = all.slice(0, typeof body.max_tokens === 'number' ? body.max_tokens : all.length);
    const stream: ServedStream = { at: epochNow(), prefix: fim.prefix, suffix: fim.suffix, text: '', pieces: [] };
    streams.push(stream);
    let closed = false;
    response.on('close', () => {
      closed = true;
      if (!response.writableEnded) {
        stream.cancelledAt = epochNow();
      }
    });
    response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    response.flushHeaders();
    const event = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;
    const choice = (text: string, finish: string | null) => ({ id: `cmpl-bench-${streams.length}`, object: 'text_completion', model: body.model, choices: [{ index: 0, text, finish_reason: finish }] });
    for (const [index, piece] of pieces.entries()) {
      await sleep(index === 0 ? options.firstTokenDelayMs : options.tokenDelayMs);
      if (closed) {
        return;
      }
      await new Promise<void>((resolve) => response.write(event(choice(piece, null)), () => resolve()));
      stream.text += piece;
      stream.pieces.push({ end: stream.text.length, at: epochNow() });
    }
    if (closed) {
      return;
    }
    const usage = { prompt_tokens: Math.ceil(body.prompt.length / 4), completion_tokens: pieces.length, total_tokens: Math.ceil(body.prompt.length / 4) + pieces.length };
    response.write(event(choice('', pieces.length < all.length ? 'length' : 'stop')));
    response.write(event({ ...choice('', null), choices: [], usage }));
    response.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    streams,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
