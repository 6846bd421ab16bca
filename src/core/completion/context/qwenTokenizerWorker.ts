// Runs in a worker thread so loading the vocabulary and tokenising never block the extension host.
// Bundled on its own as dist/qwenTokenizerWorker.js (see esbuild.js).
import { parentPort } from 'node:worker_threads';
import { loadQwenTokenizer, QwenTokenizer } from './qwenTokenizer';
import type { EncoderReply, EncoderRequest } from './tokenEncoder';

let tokenizer: QwenTokenizer | undefined;

parentPort?.on('message', (request: EncoderRequest) => {
  let reply: EncoderReply;
  try {
    tokenizer ??= loadQwenTokenizer();
    const encoder = tokenizer;
    reply = { id: request.id, counts: request.texts.map((text) => encoder.encode(text).length) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
