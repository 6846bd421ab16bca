// Golden cases: a document with a cursor marker, what the model wrote, and what the user must see.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cutAtFirstStop } from '../../../../../src/core/platform/drunClient';
import { InlineEngine } from '../../../../../src/core/completion/inline/engine';
import { shapeCompletion } from '../../../../../src/core/completion/inline/postProcess';
import { QWEN_CLIENT_STOPS, QWEN_SERVER_STOPS } from '../../../../../src/core/completion/qwenFim';
import { HandFedModel, requestAt, settle, VirtualClock } from './kit';

const GOLDEN_DIR = join(__dirname, '..', '..', '..', '..', '..', '..', 'test', 'fixtures', 'inline', 'golden');
const CURSOR = '<|cursor|>';
const MAX_LINES = 4;

interface GoldenCase {
  document: string;
  model: string;
  expected: string;
}

/** Sections start with a `<<<name>>>` line; the line break before the next marker is not content. */
function parseGolden(text: string): GoldenCase {
  const sections: Record<string, string> = {};
  const parts = text.replace(/\n$/, '').split(/^<<<(\w+)>>>\n?/m);
  for (let index = 1; index < parts.length; index += 2) {
    sections[parts[index]] = parts[index + 1].replace(/\n$/, '');
  }
  for (const name of ['document', 'model', 'expected']) {
    assert.ok(name in sections, `missing <<<${name}>>>`);
  }
  assert.ok(sections.document.includes(CURSOR), 'the document has no cursor marker');
  return sections as unknown as GoldenCase;
}

describe('inline completion golden cases', () => {
  const files = readdirSync(GOLDEN_DIR).filter((name) => name.endsWith('.txt')).sort();

  it('cover Python, TypeScript, Go and mixed Chinese and English', () => {
    for (const kind of ['py-', 'ts-', 'go-', 'text-zh']) {
      assert.ok(files.some((name) => name.startsWith(kind)), `no ${kind} case`);
    }
  });

  for (const file of files) {
    it(file.replace(/\.txt$/, ''), async () => {
      const golden = parseGolden(readFileSync(join(GOLDEN_DIR, file), 'utf8'));
      const raw = cutAtFirstStop(golden.model, [...QWEN_SERVER_STOPS, ...QWEN_CLIENT_STOPS]).text;
      const offset = golden.document.indexOf(CURSOR);
      const context = { prefix: golden.document.slice(0, offset), suffix: golden.document.slice(offset + CURSOR.length) };
      assert.equal(shapeCompletion(raw, context, MAX_LINES, true).text, golden.expected, 'post-processing');

      // The same case through the engine, arriving in one read (streaming shows whole lines early;
      // the engine tests cover that).
      const model = new HandFedModel();
      const engine = new InlineEngine({
        buildPrompt: async () => 'prompt',
        streamCompletion: model.streamCompletion,
        clock: new VirtualClock(),
        model: 'u-1100a15812cc/qwen2-coder',
        maxLines: MAX_LINES,
        maxTokens: 128,
      });
      const request = requestAt(golden.document.replace(CURSOR, '|'), { explicit: true, languageId: file.split('-')[0] });
      const pending = engine.provide(request, new AbortController().signal);
      await settle();
      await model.send(raw);
      if (!model.last.signal.aborted) {
        await model.finish();
      }
      assert.equal((await pending)?.insertText ?? '', golden.expected, 'through the engine');
      engine.dispose();
    });
  }
});
