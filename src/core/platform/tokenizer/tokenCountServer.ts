// The tokenizer worker's side of the protocol in tokenEncoder.ts: load on the first request, answer
// each with the texts' token counts. A function, so a bench can serve another tokenizer the same way.
import { parentPort } from 'node:worker_threads';
import type { QwenTokenizer } from './qwenTokenizer';
import type { EncoderReply, EncoderRequest } from './tokenEncoder';

export function serveTokenCounts(load: () => QwenTokenizer): void {
  let tokenizer: QwenTokenizer | undefined;
  parentPort?.on('message', (request: EncoderRequest) => {
    let reply: EncoderReply;
    try {
      tokenizer ??= load();
      const encoder = tokenizer;
      reply = { id: request.id, counts: request.texts.map((text) => encoder.encode(text).length) };
    } catch (error) {
      reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
    parentPort?.postMessage(reply);
  });
}
