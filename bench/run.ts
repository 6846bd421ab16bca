// `npm run bench`: replays the committed typing traces through our engine and the baseline, in
// real time, against the fake D.run server (150 ms to first token, 10 ms per token), and prints
// the comparison. Pass trace names to run only some: `npm run bench -- python`.
import { loadTrace } from './generateTraces';
import { runBench } from './harness';

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const traces = (names.length ? names : ['python', 'typescript']).map(loadTrace);
  const started = Date.now();
  console.log(`Replaying ${traces.map((trace) => `${trace.name} (${trace.events.length} keystrokes)`).join(', ')} through ours and the baseline, in real time…\n`);
  const { report } = await runBench(traces);
  console.log(report);
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
