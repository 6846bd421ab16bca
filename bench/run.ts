// `npm run bench`: replays the committed typing traces through our engine and the baseline, in
// real time, against the fake D.run server (150 ms to first token, 10 ms per token), and prints
// the comparison, for a model right everywhere and one right at 40% of positions. Pass trace names
// to run only some: `npm run bench -- python`; `--parts` also runs our engine with each of its
// parts switched off, to show what each buys.
import { loadTrace } from './generateTraces';
import { EngineVariant, runBench } from './harness';

const PARTS: EngineVariant[] = [
  { label: 'without asking at once at pause points', engine: { askAtPausePoints: false } },
  { label: 'without budgets that fit the context', engine: { fitBudgetToContext: false } },
  { label: 'without ask-ahead', engine: { askAhead: false } },
  { label: 'without typo waits after any key', engine: { waitOutTyposAfterAnyKey: false } },
  { label: 'none of these (the engine before)', engine: { askAtPausePoints: false, fitBudgetToContext: false, waitOutTyposAfterAnyKey: false } },
];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const names = args.filter((arg) => !arg.startsWith('--'));
  const traces = (names.length ? names : ['python', 'typescript']).map(loadTrace);
  const started = Date.now();
  console.log(`Replaying ${traces.map((trace) => `${trace.name} (${trace.events.length} keystrokes)`).join(', ')} through ours and the baseline, in real time…\n`);
  const { report } = await runBench(traces, undefined, { accuracies: [1, 0.4], variants: args.includes('--parts') ? PARTS : [] });
  console.log(report);
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
