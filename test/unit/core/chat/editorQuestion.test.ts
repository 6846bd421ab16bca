// An editor command's turn: the user's bubble shows the short question, the model gets the full
// instruction, in the first request, in later turns' history and when the answer is regenerated.
import * as assert from 'node:assert/strict';
import type { Attachment } from '../../../../src/core/chat/attachments';
import { editorTaskQuestion } from '../../../../src/core/chat/prompts';
import { ChatSession } from '../../../../src/core/chat/session';
import { useChatRig } from './sessionKit';

const code: Attachment = { kind: 'selection', id: 'att-1', fileName: 'sample.py', languageId: 'python', text: 'def add(a, b):\n    pass', startLine: 1, endLine: 11 };

describe('ChatSession: an editor command shows its question and sends its instruction', () => {
  const rig = useChatRig({ chatScript: [{ match: 'Explain this python code', reply: 'It adds.' }] });

  function session(): ChatSession {
    const client = rig.client();
    return rig.session({
      prepare: async () => ({ client, model: 'public/deepseek-v3' }),
      systemPrompt: () => 'system prompt',
      describeError: (error) => ({ message: `failed: ${error.kind}` }),
    });
  }

  it('shows "Explain sample.py:1–11" and asks the model the full instruction', async () => {
    const chat = session();
    const instruction = editorTaskQuestion('explain', 'python');
    const turn = await chat.ask('Explain sample.py:1–11', [code], undefined, instruction);
    assert.equal(turn.status, 'done');
    const started = rig.posted.find((message) => message.type === 'turnStarted');
    assert.ok(started?.type === 'turnStarted');
    assert.equal(started.turn.question, 'Explain sample.py:1–11');
    const sent = rig.server.requests[0].body.messages.at(-1).content as string;
    assert.ok(sent.endsWith(`\n\n${instruction}`), sent);
    assert.ok(!sent.includes('Explain sample.py'), 'the label is for the user only');

    await chat.ask('And in Go?');
    assert.equal(rig.server.requests[1].body.messages[1].content, sent, 'history carries the instruction');

    rig.server.reset();
    const explain = session();
    await explain.ask('Explain sample.py:1–11', [code], undefined, instruction);
    await explain.regenerate();
    const resent = rig.server.requests.at(-1)!.body.messages.at(-1).content as string;
    assert.equal(resent, sent, 'Regenerate asks the instruction again');
    assert.equal(explain.transcript.at(-1)?.question, 'Explain sample.py:1–11');
  });

  it('an edited question is asked as the user typed it', async () => {
    const chat = session();
    await chat.ask('Explain sample.py:1–11', [code], undefined, editorTaskQuestion('explain', 'python'));
    await chat.editLast('Explain this python code briefly');
    const sent = rig.server.requests.at(-1)!.body.messages.at(-1).content as string;
    assert.ok(sent.endsWith('\n\nExplain this python code briefly'), sent);
  });
});
