// The editor bench's printed report: the table `npm run bench` prints, with the figures the real
// editor can show, per trace and accuracy and over all traces, then the targets.
import { checkWrongModelTargets, count, formatTable, formatTargets, ms, PAUSE_MS, Row, share, Target } from '../harness';
import { EditorFigures, editorFiguresOf, EditorRun } from './figures';

export interface EditorResult {
  trace: string;
  accuracy: number;
  /** How long the trace takes to type. */
  seconds: number;
  ours: EditorRun;
  baseline: EditorRun;
}

const ROWS: Row<EditorFigures>[] = [
  { label: 'keystrokes sent', value: (f) => f.keystrokes, format: count },
  { label: 'requests sent', value: (f) => f.requests, format: count },
  { label: '  of which stopped before their first token', value: (f) => f.requestsStoppedBeforeFirstToken, format: count },
  { label: 'tokens generated', value: (f) => f.tokensReceived, format: count },
  { label: 'tokens generated, never part of a useful ghost', value: (f) => f.tokensNeverUseful, format: count },
  { label: `pauses (>= ${PAUSE_MS} ms) before typing`, value: (f) => f.pausesBeforeTyping, format: count },
  { label: `pauses (>= ${PAUSE_MS} ms) before typing, on a useful ghost`, value: (f) => f.pausesWithUsefulGhostShare, format: share },
  { label: 'last keystroke to useful ghost, memory, p50', value: (f) => f.usefulFromMemoryP50Ms, format: ms },
  { label: 'last keystroke to useful ghost, memory, p95', value: (f) => f.usefulFromMemoryP95Ms, format: ms },
  { label: 'last keystroke to useful ghost, network, p50', value: (f) => f.usefulFromNetworkP50Ms, format: ms },
  { label: 'last keystroke to useful ghost, network, p95', value: (f) => f.usefulFromNetworkP95Ms, format: ms },
  { label: '  network, p50 of part: keystroke to request in', value: (f) => f.networkAskedP50Ms, format: ms },
  { label: '  network, p50 of part: request to its token out', value: (f) => f.networkAnsweredP50Ms, format: ms },
  { label: '  network, p50 of part: token out to ghost drawn', value: (f) => f.networkDrawnP50Ms, format: ms },
  { label: 'Tab presses that took a right ghost', value: (f) => f.tabAcceptedShare, format: share },
  { label: 'useful ghosts no stream explains', value: (f) => f.unattributedGhosts, format: count },
];

const NOTES = [
  'notes',
  "- typed into code-server's VS Code from headless Chromium (CDP key events at the trace's times); the ghost text is read from",
  '  what Monaco draws (.ghost-text-decoration on the cursor line, .suggest-preview-text below it) whenever it changes.',
  '- the stand-in model behind the extension answers from the file being typed, 150 ms to the first token and 10 ms per token;',
  "  tokens are counted as the stand-in sends them (ours stops a stream by closing it; the baseline never does).",
  `- a pause is a gap of ${PAUSE_MS} ms or more between keystrokes; a useful ghost is the ghost on screen at its end whose first`,
  '  line with code the user then types (or takes with Tab); "network" when tokens it shows left the stand-in after the last',
  '  keystroke, "memory" otherwise. Counted over the pauses that end in typing (not a backspace or a jump).',
  '- the network parts split each network-bound useful ghost: last keystroke until its request reached the stand-in (VS Code\'s',
  '  and our debounce, the prompt, the connection; negative when asked before it), until the last token the ghost shows left',
  '  the stand-in, until Monaco drew the ghost. Each is its own p50, so they need not add up to the whole.',
  '- tokens never part of a useful ghost: sent tokens that no useful ghost (at any keystroke) showed before the user typed them.',
  '- the baseline (fixed 350 ms debounce, no cache, no reuse) runs inside the same extension, selected by DRUN_BENCH_PIPELINE.',
].join('\n');

export interface EditorFiguresTable {
  trace: string;
  accuracy: number;
  ours: EditorFigures;
  baseline: EditorFigures;
}

/** The printed report, the targets, and every table's figures (for bench/results/). */
export function editorReport(results: EditorResult[]): { report: string; targets: Target[]; tables: EditorFiguresTable[] } {
  const sections: string[] = [];
  const targets: Target[] = [];
  const tables: EditorFiguresTable[] = [];
  const accuracies = [...new Set(results.map((result) => result.accuracy))];
  for (const accuracy of accuracies) {
    const atAccuracy = results.filter((result) => result.accuracy === accuracy);
    for (const result of atAccuracy) {
      const table = { trace: result.trace, accuracy, ours: editorFiguresOf([result.ours]), baseline: editorFiguresOf([result.baseline]) };
      tables.push(table);
      sections.push(formatTable(`${result.trace} at accuracy ${accuracy} (${result.ours.events.length} keystrokes, ${result.seconds.toFixed(0)} s)`, table.ours, table.baseline, ROWS));
    }
    const all = {
      trace: 'all traces',
      accuracy,
      ours: editorFiguresOf(atAccuracy.map((result) => result.ours)),
      baseline: editorFiguresOf(atAccuracy.map((result) => result.baseline)),
    };
    if (atAccuracy.length > 1) {
      tables.push(all);
      sections.push(formatTable(`all traces at accuracy ${accuracy}`, all.ours, all.baseline, ROWS));
    }
    // The targets are set for a model that is often wrong.
    if (accuracy < 1) {
      targets.push(...checkWrongModelTargets(all.ours, all.baseline).map((target) => ({ ...target, label: `accuracy ${accuracy}: ${target.label}` })));
    }
  }
  if (targets.length > 0) {
    sections.push(formatTargets(targets));
  }
  sections.push(NOTES);
  return { report: sections.join('\n\n'), targets, tables };
}
