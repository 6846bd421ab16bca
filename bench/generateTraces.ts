// Regenerates the committed typing traces: `node out/bench/generateTraces.js`.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyEvent, generateTrace, TypingTrace } from './trace';

export const REPO_ROOT = join(__dirname, '..', '..');
export const TRACE_DIR = join(REPO_ROOT, 'test', 'fixtures', 'inline', 'traces');

const SOURCES = [
  { name: 'python', languageId: 'python', file: 'rate_limiter.py', seed: 20240611 },
  { name: 'typescript', languageId: 'typescript', file: 'document_window.ts', seed: 20240612 },
];

export function loadTrace(name: string): TypingTrace {
  return JSON.parse(readFileSync(join(TRACE_DIR, `${name}.json`), 'utf8')) as TypingTrace;
}

function main(): void {
  mkdirSync(TRACE_DIR, { recursive: true });
  for (const { name, languageId, file, seed } of SOURCES) {
    const source = readFileSync(join(REPO_ROOT, 'bench', 'sources', file), 'utf8');
    const trace = generateTrace({ name, languageId, documentKey: `file:///bench/${file}` }, source, seed);
    let state = { document: '', cursor: 0 };
    for (const event of trace.events) {
      state = applyEvent(state.document, state.cursor, event);
    }
    if (state.document !== source) {
      throw new Error(`${name}: the trace does not rebuild the source`);
    }
    writeFileSync(join(TRACE_DIR, `${name}.json`), `${JSON.stringify(trace, null, 0).replace(/\},\{/g, '},\n{')}\n`);
    const seconds = trace.events[trace.events.length - 1].at / 1000;
    console.log(`${name}: ${trace.events.length} keystrokes, ${seconds.toFixed(0)} s`);
  }
}

if (require.main === module) {
  main();
}
