// Regenerate, edit-and-resend, reopening a stored transcript, context trimming and cost, against the
// fake D.run server's request log.
import * as assert from 'node:assert/strict';
import { Attachment, toChip } from '../../../../src/core/chat/attachments';
import { ChatTurn } from '../../../../src/core/chat/turns';
import type { ChatSession } from '../../../../src/core/chat/session';
import { costOfTurn, DEFAULT_PRICES } from '../../../../src/core/platform/pricing';
import { useChatRig } from './sessionKit';

describe('ChatSession conversations', () => {
  const rig = useChatRig({
    chatScript: [
      { match: 'first', reply: 'First answer.', reasoning: 'private reasoning' },
      { match: 'edited', reply: 'Answer to the edited question.' },
    ],
  });

  function session(model = 'public/deepseek-r1'): ChatSession {
    const client = rig.client();
    return rig.session({
      prepare: async () => ({ client, model }),
      systemPrompt: () => 'system prompt',
      describeError: (error) => ({ message: error.kind }),
      costOf: (answeringModel, usage) => costOfTurn('maas', answeringModel, usage, DEFAULT_PRICES),
    });
  }

  const chatRequests = () => rig.server.requests.filter((request) => request.path === '/v1/chat/completions');
  const roles = (messages: Array<{ role: string }>) => messages.map((message) => message.role);

  it('regenerates the last answer in place: same question, history without the old answer', async () => {
    const chat = session();
    await chat.ask('the first question');
    await chat.ask('a second question');
    rig.posted.length = 0;
    const again = await chat.regenerate();
    assert.equal(again?.question, 'a second question');
    assert.equal(chat.transcript.length, 2);
    assert.deepEqual(chat.transcript.map((turn) => turn.question), ['the first question', 'a second question']);
    const transcript = rig.posted.find((message) => message.type === 'transcript');
    assert.ok(transcript?.type === 'transcript' && transcript.turns.length === 1, 'the view drops the old answer first');

    const last = chatRequests().at(-1)!;
    assert.deepEqual(roles(last.body.messages), ['system', 'user', 'assistant', 'user']);
    assert.equal(last.body.messages[2].content, 'First answer.');
    assert.ok(!JSON.stringify(last.body).includes('private reasoning'), 'reasoning is never sent back');
  });

  it('edits and resends the last question', async () => {
    const chat = session();
    await chat.ask('the first question');
    await chat.ask('a typo question');
    const edited = await chat.editLast('the edited question');
    assert.equal(edited?.answer, 'Answer to the edited question.');
    assert.deepEqual(chat.transcript.map((turn) => turn.question), ['the first question', 'the edited question']);
    const last = chatRequests().at(-1)!;
    assert.equal(last.body.messages.at(-1).content, 'the edited question');
    assert.ok(!JSON.stringify(last.body).includes('typo'));
  });

  it('does nothing on regenerate or edit with an empty transcript or while answering', async () => {
    const chat = session();
    assert.equal(await chat.regenerate(), undefined);
    assert.equal(await chat.editLast('x'), undefined);
    rig.server.configure({ tokenDelayMs: 30 });
    const running = chat.ask('the first question');
    await rig.server.waitForRequest(() => true);
    assert.equal(await chat.regenerate(), undefined);
    await running;
    assert.equal(chat.transcript.length, 1);
  });

  it('continues a reopened conversation with alternating roles and fresh turn ids', async () => {
    const chat = session();
    const stored: ChatTurn[] = [
      { id: 'turn-4', question: 'old question', model: 'public/deepseek-r1', answer: '<think>hidden</think>Old answer.', reasoning: 'old reasoning', status: 'done' },
      { id: 'turn-7', question: 'unanswered', model: 'public/deepseek-r1', answer: '', reasoning: '', status: 'stopped' },
    ];
    chat.open('conversation-2', stored.map((turn) => ({ turn, attached: [] })));
    assert.deepEqual(rig.posted.at(-1), { type: 'transcript', conversationId: 'conversation-2', turns: stored });
    const next = await chat.ask('the first question again');
    assert.ok(!stored.some((turn) => turn.id === next.id), `a fresh id: ${next.id}`);
    assert.equal(chat.conversationId, 'conversation-2');
    const last = chatRequests().at(-1)!;
    assert.deepEqual(roles(last.body.messages), ['system', 'user', 'assistant', 'user']);
    assert.equal(last.body.messages[2].content, 'Old answer.');
    assert.ok(!JSON.stringify(last.body).includes('reasoning') && !JSON.stringify(last.body).includes('hidden'));
  });

  it('opening another conversation mid-answer ends that answer in its own conversation, and nothing of it reaches the opened one', async () => {
    const chat = session();
    const stored: ChatTurn = { id: 'turn-1', question: 'stored question', model: 'public/deepseek-r1', answer: 'Stored answer.', reasoning: '', status: 'done', usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 } };
    rig.server.configure({ tokenDelayMs: 30 });
    const streaming = chat.ask('the first question');
    await rig.server.waitForRequest(() => true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    rig.posted.length = 0;
    chat.open('conversation-2', [{ turn: stored, attached: [] }]);
    const left = await streaming;
    await rig.server.waitForClientClose(() => true);
    await new Promise((resolve) => setTimeout(resolve, 100));

    assert.equal(left.status, 'stopped');
    assert.equal(chat.busy, false);
    assert.deepEqual(rig.posted.map((event) => [event.type, event.conversationId]), [
      ['turnEnded', 'conversation-1'],
      ['transcript', 'conversation-2'],
    ], 'the stopped answer ends first, in its own conversation; its stream says nothing after');
    assert.notEqual(left.id, stored.id);
    assert.deepEqual(chat.transcript, [stored], 'the opened turn keeps its status and usage');
  });

  it('asks a reopened question again with the attachments stored with it, and says which were not kept', async () => {
    const chat = session();
    const code: Attachment = { kind: 'selection', id: 'att-1', fileName: 'src/calc.py', languageId: 'python', text: 'def add(a, b):\n    pass', startLine: 1, endLine: 2 };
    const bigChip = { id: 'att-2', kind: 'file' as const, label: 'big.log', tokens: 90_000 };
    const turn: ChatTurn = { id: 'turn-1', question: 'Explain this python code.', model: 'public/deepseek-r1', answer: 'It adds.', reasoning: '', status: 'done', attachments: [toChip(code), bigChip] };
    chat.open('conversation-2', [{ turn, attached: [code] }]);
    rig.posted.length = 0;
    const again = await chat.regenerate();
    assert.deepEqual(again?.attachments, turn.attachments, 'the chips stay, the kept and the missing one');
    const sent = chatRequests().at(-1)!.body.messages.at(-1).content;
    assert.match(sent, /^Selected python code from `src\/calc.py` \(lines 1-2\):\n```python\ndef add\(a, b\):\n    pass\n```\n\nExplain this python code\.$/);
    const notResent = rig.posted.find((event) => event.type === 'attachmentsNotResent');
    assert.ok(notResent?.type === 'attachmentsNotResent');
    assert.deepEqual(notResent.labels, ['big.log']);
  });

  it('leaves old turns out of the request to fit the context, keeps them in view and says so', async () => {
    const chat = session('public/deepseek-v3'); // 65,536 tokens
    const long = 'z'.repeat(60_000); // about 20,000 tokens each
    chat.open(
      'conversation-2',
      [1, 2, 3, 4].map((index) => ({
        turn: { id: `turn-${index}`, question: `q${index} ${long}`, model: 'public/deepseek-v3', answer: `a${index}`, reasoning: '', status: 'done' as const },
        attached: [],
      })),
    );
    const turn = await chat.ask('a short question');
    assert.equal(chat.transcript.length, 5, 'nothing is dropped from view');
    assert.equal(turn.omittedTurns, 2);
    assert.ok(rig.posted.some((message) => message.type === 'historyTrimmed' && message.turnId === turn.id && message.omittedTurns === 2));
    const sent = chatRequests().at(-1)!.body.messages;
    assert.deepEqual(roles(sent), ['system', 'user', 'assistant', 'user', 'assistant', 'user']);
    assert.ok(sent[1].content.startsWith('q3 '));
  });

  it('prices the answer from its usage and reports it when the turn ends', async () => {
    const turn = await session('public/deepseek-v3').ask('the first question');
    assert.ok(turn.usage && turn.usage.totalTokens > 0);
    const expected = (turn.usage.promptTokens * 2 + turn.usage.completionTokens * 8) / 1_000_000;
    assert.deepEqual(turn.cost, { kind: 'maas', cny: expected });
    const ended = rig.posted.find((message) => message.type === 'turnEnded');
    assert.ok(ended?.type === 'turnEnded');
    assert.deepEqual(ended.turn.cost, turn.cost);
    const usage = rig.posted.find((message) => message.type === 'usage');
    assert.ok(usage?.type === 'usage');
    assert.deepEqual([usage.usage, usage.cost], [turn.usage, turn.cost], 'the ledger is told what it cost');
  });
});
