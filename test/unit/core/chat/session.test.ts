import * as assert from 'node:assert/strict';
import { ChatSession, ChatSessionEvent } from '../../../../src/core/chat/session';
import { DrunError } from '../../../../src/core/platform/errors';
import { stripThinkBlocks } from '../../../../src/core/platform/thinkTags';
import { useChatRig } from './sessionKit';

describe('ChatSession', () => {
  let model: string;
  let onPost: (message: ChatSessionEvent) => void;

  const rig = useChatRig({
    chatScript: [
      { match: 'first', reply: 'First answer.', reasoning: 'secret reasoning' },
      { match: 'inline thinking', reply: '<think>Six times seven.</think>\n\nForty-two.' },
    ],
  });
  beforeEach(() => {
    onPost = () => undefined;
    model = 'public/deepseek-r1';
  });

  function session(prepareError?: DrunError): ChatSession {
    const client = rig.client();
    return rig.session(
      {
        prepare: async () => {
          if (prepareError) {
            throw prepareError;
          }
          return { client, model };
        },
        systemPrompt: () => 'system prompt',
        describeError: (error) => ({ message: `failed: ${error.kind}` }),
      },
      'conversation-1',
      (event) => onPost(event),
    );
  }

  it('streams a turn and reports start, deltas and end', async () => {
    const chat = session();
    const turn = await chat.ask('the first question');
    assert.equal(turn.status, 'done');
    assert.equal(turn.answer, 'First answer.');
    assert.equal(turn.reasoning, 'secret reasoning');
    assert.equal(rig.posted[0].type, 'turnStarted');
    assert.ok(rig.posted.some((message) => message.type === 'delta' && message.reasoning));
    assert.deepEqual(rig.posted.at(-1), { type: 'turnEnded', conversationId: 'conversation-1', turn: { ...turn } });
    assert.ok(turn.usage && turn.usage.totalTokens > 0);
    assert.deepEqual(rig.posted.at(-2), { type: 'usage', conversationId: 'conversation-1', turnId: turn.id, model, usage: turn.usage }, 'usage comes before the end');
  });

  it('shows <think> in the content as reasoning, and never sends it back', async () => {
    model = 'u-1100a15812cc/qwen2';
    const chat = session();
    const turn = await chat.ask('inline thinking please');
    assert.equal(turn.reasoning, 'Six times seven.');
    assert.equal(turn.answer, 'Forty-two.');
    assert.ok(!rig.posted.some((message) => message.type === 'delta' && message.content?.includes('think>')), 'no tag reaches the view');
    await chat.ask('and then?');
    const sent = JSON.stringify(rig.server.requests.at(-1)?.body.messages);
    assert.ok(sent.includes('Forty-two.') && !sent.includes('Six times seven') && !sent.includes('<think>'), sent);
  });

  it('sends earlier turns back alternating, without reasoning, skipping failed turns', async () => {
    const chat = session();
    await chat.ask('the first question');
    rig.server.injectFault({ kind: 'status', status: 400, message: 'bad' });
    const failed = await chat.ask('this one fails');
    assert.equal(failed.status, 'error');
    await chat.ask('a third question');
    const last = rig.server.requests.at(-1)!;
    assert.deepEqual(
      last.body.messages.map((message: { role: string }) => message.role),
      ['system', 'user', 'assistant', 'user'],
    );
    assert.equal(last.body.messages[2].content, 'First answer.');
    assert.ok(!JSON.stringify(last.body.messages).includes('secret reasoning'));
    assert.equal(chat.transcript.length, 3, 'the failed turn stays in view');
  });

  it('keeps what arrived when stopped and marks the turn stopped', async () => {
    rig.server.configure({ tokenDelayMs: 20 });
    const chat = session();
    model = 'public/deepseek-v3';
    onPost = (message) => message.type === 'delta' && chat.stop();
    const turn = await chat.ask('the first question');
    assert.equal(turn.status, 'stopped');
    assert.ok(turn.answer.length > 0 && turn.answer.length < 'First answer.'.length, turn.answer);
    assert.equal(chat.busy, false);
  });

  it('turns a setup failure into an error turn with the fix', async () => {
    const turn = await session(new DrunError('noApiKey', 'no key')).ask('hello');
    assert.equal(turn.status, 'error');
    assert.deepEqual(turn.error, { message: 'failed: noApiKey' });
    assert.equal(rig.server.requests.length, 0);
  });

  it('strips a leading inline <think> block, even an unterminated one', () => {
    assert.equal(stripThinkBlocks('<think>hmm</think>Answer'), 'Answer');
    assert.equal(stripThinkBlocks('<think>never closed'), '');
    assert.equal(stripThinkBlocks('Use a <think> tag.'), 'Use a <think> tag.', 'a tag after answer text is the answer');
  });
});
