// What an answer is billed: the server's usage, or, when none came or the user pressed Stop, the count
// the extension makes of what was sent and written, marked as estimated.
import * as assert from 'node:assert/strict';
import type { ChatSession, ChatSessionEvent } from '../../../../src/core/chat/session';
import { costOfTurn, DEFAULT_PRICES } from '../../../../src/core/platform/pricing';
import { useChatRig } from './sessionKit';

const REPLY = 'An answer that arrives piece by piece, slowly enough to be stopped.';

describe('ChatSession usage', () => {
  const rig = useChatRig({ chatScript: [{ match: 'question', reply: REPLY }] });
  let estimated: { model: string; prompt: readonly string[]; answer: string }[];

  beforeEach(() => {
    estimated = [];
  });

  function session(): ChatSession {
    const client = rig.client();
    return rig.session({
      prepare: async () => ({ client, model: 'public/deepseek-v3' }),
      systemPrompt: () => 'system prompt',
      describeError: (error) => ({ message: error.kind }),
      costOf: (model, usage) => costOfTurn('maas', model, usage, DEFAULT_PRICES),
      estimateUsage: async (model, prompt, answer) => {
        estimated.push({ model, prompt, answer });
        return { promptTokens: 10, completionTokens: answer.length, totalTokens: 10 + answer.length, estimated: true };
      },
    });
  }

  const usageEvents = () => rig.posted.filter((event): event is Extract<ChatSessionEvent, { type: 'usage' }> => event.type === 'usage');

  it('bills the server\'s usage when it comes, and counts nothing itself', async () => {
    const turn = await session().ask('a question');
    assert.equal(turn.usage?.estimated, undefined);
    assert.deepEqual(estimated, []);
    assert.equal(usageEvents().length, 1);
  });

  it('counts an answer the server sent no usage for, and shows it as estimated', async () => {
    rig.server.configure({ quirks: { omitUsage: true } });
    const turn = await session().ask('a question');
    assert.deepEqual(estimated, [{ model: 'public/deepseek-v3', prompt: ['system prompt', 'a question'], answer: REPLY }]);
    assert.deepEqual(turn.usage, { promptTokens: 10, completionTokens: REPLY.length, totalTokens: 10 + REPLY.length, estimated: true });
    assert.equal(turn.cost?.kind, 'maas');
    const ended = rig.posted.find((event) => event.type === 'turnEnded');
    assert.ok(ended?.type === 'turnEnded' && ended.turn.usage?.estimated, 'the view gets the estimate with the end of the answer');
    assert.deepEqual(usageEvents().map((event) => event.usage), [turn.usage]);
  });

  it('bills a stopped answer for what was written until Stop', async () => {
    rig.server.configure({ tokenDelayMs: 30 });
    const chat = session();
    const stopOnFirstDelta = chat.onDidChange((event) => event.type === 'delta' && chat.stop());
    const turn = await chat.ask('a question');
    stopOnFirstDelta.dispose();
    assert.equal(turn.status, 'stopped');
    assert.equal(estimated.length, 1);
    assert.ok(estimated[0].answer.length > 0 && REPLY.startsWith(estimated[0].answer), estimated[0].answer);
    assert.equal(turn.usage?.estimated, true);
    assert.equal(usageEvents().length, 1);
  });

  it('bills an answer ended by the next question once, without showing it on the ended turn', async () => {
    rig.server.configure({ tokenDelayMs: 30 });
    const chat = session();
    const first = chat.ask('a question');
    await new Promise<void>((resolve) => {
      const delta = chat.onDidChange((event) => event.type === 'delta' && (delta.dispose(), resolve()));
    });
    rig.server.configure({ tokenDelayMs: 0 });
    await chat.ask('another question');
    const stopped = await first;
    assert.equal(stopped.status, 'stopped');
    assert.equal(usageEvents().length, 2, 'the stopped answer and the next one, each once');
  });
});
