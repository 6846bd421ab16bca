// Runs in a worker thread so loading the merges and tokenising never block the extension host.
// Bundled on its own as dist/qwenTokenizerWorker.js (see esbuild.js).
import { loadQwenTokenizer } from './qwenTokenizer';
import { serveTokenCounts } from './tokenCountServer';

serveTokenCounts(loadQwenTokenizer);
