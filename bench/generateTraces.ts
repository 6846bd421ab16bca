// Regenerates the committed typing traces: `node out/bench/generateTraces.js`.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyEvent, generateTrace, TypingTrace } from './trace';

export const REPO_ROOT = join(__dirname, '..', '..');
export const TRACE_DIR = join(REPO_ROOT, 'test', 'fixtures', 'inline', 'traces');

export const TRACE_SPECS = [
  { name: 'python', languageId: 'python', file: 'rate_limiter.py', seed: 20240611 },
  { name: 'typescript', languageId: 'typescript', file: 'document_window.ts', seed: 20240612 },
];

export function loadTrace(name: string): TypingTrace {
  return JSON.parse(readFileSync(join(TRACE_DIR, `${name}.json`), 'utf8')) as TypingTrace;
}

/** The text a trace leaves in an empty editor. */
export function replayText(trace: TypingTrace): string {
  let state = { document: '', cursor: 0 };
  for (const event of trace.events) {
    state = applyEvent(state.document, state.cursor, event);
  }
  return state.document;
}

export function buildTrace({ name, languageId, file, seed }: (typeof TRACE_SPECS)[number]): TypingTrace {
  // Sources are stored as `<file>.txt`: they are the text being typed, not code of this repository.
  const source = readFileSync(join(REPO_ROOT, 'bench', 'sources', `${file}.txt`), 'utf8');
  return generateTrace({ name, languageId, documentKey: `file:///bench/${file}` }, source, seed);
}

export function serializeTrace(trace: TypingTrace): string {
  return `${JSON.stringify(trace).replace(/\},\{/g, '},\n{')}\n`;
}

function main(): void {
  mkdirSync(TRACE_DIR, { recursive: true });
  for (const spec of TRACE_SPECS) {
    const trace = buildTrace(spec);
    if (replayText(trace) !== trace.source) {
      throw new Error(`${spec.name}: the trace does not rebuild the source`);
    }
    writeFileSync(join(TRACE_DIR, `${spec.name}.json`), serializeTrace(trace));
    const { name } = spec;
    const seconds = trace.events[trace.events.length - 1].at / 1000;
    console.log(`${name}: ${trace.events.length} keystrokes, ${seconds.toFixed(0)} s`);
  }
}

if (require.main === module) {
  main();
}
