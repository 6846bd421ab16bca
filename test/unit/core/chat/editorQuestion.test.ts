// An editor command's turn: the user's bubble shows the short question, the model gets the full
// instruction, in the first request, in later turns' history and when the answer is regenerated.
import * as assert from 'node:assert/strict';
import type { Attachment } from '../../../../src/core/chat/attachments';
import { chatSystemPrompt, editorTaskQuestion, PromptLanguage } from '../../../../src/core/chat/prompts';
import { ChatSession } from '../../../../src/core/chat/session';
import { useChatRig } from './sessionKit';

const code: Attachment = { kind: 'selection', id: 'att-1', fileName: 'sample.py', languageId: 'python', text: 'def add(a, b):\n    pass', startLine: 1, endLine: 11 };

describe('ChatSession: an editor command shows its question and sends its instruction', () => {
  const rig = useChatRig({
    chatScript: [
      { match: 'Explain this python code', reply: 'It adds.' },
      { match: '解释这段 python 代码', reply: '它把两个数相加。' },
    ],
  });

  function session(language: PromptLanguage = 'en'): ChatSession {
    const client = rig.client();
    return rig.session({
      prepare: async () => ({ client, model: 'public/deepseek-v3' }),
      systemPrompt: () => chatSystemPrompt(language),
      promptLanguage: () => language,
      describeError: (error) => ({ message: `failed: ${error.kind}` }),
    });
  }

  it('shows "Explain sample.py:1–11" and asks the model the full instruction', async () => {
    const chat = session();
    const instruction = editorTaskQuestion('explain', 'python', 'en');
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
    await chat.ask('Explain sample.py:1–11', [code], undefined, editorTaskQuestion('explain', 'python', 'en'));
    await chat.editLast('Explain this python code briefly');
    const sent = rig.server.requests.at(-1)!.body.messages.at(-1).content as string;
    assert.ok(sent.endsWith('\n\nExplain this python code briefly'), sent);
  });

  it('in a Chinese VS Code the model is asked in Chinese, the code and its name left as they are', async () => {
    const chat = session('zh-hans');
    const turn = await chat.ask('解释 sample.py:1–11', [code], undefined, editorTaskQuestion('explain', 'python', 'zh-hans'));
    assert.equal(turn.answer, '它把两个数相加。');
    const [system, user] = rig.server.requests[0].body.messages as { content: string }[];
    assert.match(system.content, /请用简体中文回答。$/);
    assert.equal(
      user.content,
      '选自 `sample.py` 的 python 代码（第 1-11 行）：\n```python\ndef add(a, b):\n    pass\n```\n\n解释这段 python 代码：它做什么、怎么做，以及有什么出人意料的地方。',
    );
  });
});
