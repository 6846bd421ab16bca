import * as assert from 'node:assert/strict';
import {
  Attachment,
  MAX_IMAGE_DATA_URL_LENGTH,
  toChip,
} from '../../../../src/core/chat/attachments';
import { IMAGE_TOKEN_ESTIMATE } from '../../../../src/core/chat/historyBudget';
import { AttachmentTray } from '../../../../src/core/chat/attachmentTray';
import { MAX_CODE_LENGTH } from '../../../../src/core/chat/protocol/contextMessages';
import { parseViewMessage } from '../../../../src/core/chat/protocol/messages';
import { ChatSession } from '../../../../src/core/chat/session';
import { languageIdForFence } from '../../../../src/core/chat/codeLanguages';
import { decodeImageDataUrl, imageDataUrl, sniffImageType } from '../../../../src/core/chat/imageData';
import { chatSystemPrompt, editorTaskQuestion, promptLanguageOf, userMessageContent, userMessageText } from '../../../../src/core/chat/prompts';
import { useChatRig } from './sessionKit';

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PNG_URL = `data:image/png;base64,${PNG_1PX.toString('base64')}`;

const selection = (text: string, extra: Partial<Attachment> = {}): Attachment =>
  ({ kind: 'selection', id: 'att-1', fileName: 'src/calc.py', languageId: 'python', text, startLine: 3, endLine: 4, ...extra }) as Attachment;

describe('prompts for the editor commands', () => {
  const TASKS = ['explain', 'fix', 'docstring', 'tests'] as const;

  it('asks each task in plain words, naming the language', () => {
    assert.equal(editorTaskQuestion('explain', 'python', 'en'), 'Explain this python code: what it does, how it does it, and anything surprising.');
    assert.match(editorTaskQuestion('fix', 'go', 'en'), /^Find the bugs in this go code and fix them\. Reply with the whole corrected code in one fenced block/);
    assert.match(editorTaskQuestion('docstring', 'typescript', 'en'), /documentation comment for this typescript code.*JSDoc/);
    assert.match(editorTaskQuestion('tests', 'rust', 'en'), /^Write unit tests for this rust code with the test framework most used for rust\./);
  });

  it('asks in Chinese when VS Code shows Chinese, keeping the language id as it is', () => {
    assert.equal(editorTaskQuestion('explain', 'python', 'zh-hans'), '解释这段 python 代码：它做什么、怎么做，以及有什么出人意料的地方。');
    assert.match(editorTaskQuestion('fix', 'go', 'zh-hans'), /^找出这段 go 代码中的错误并修复。先在一个围栏代码块中给出修正后的完整代码/);
    assert.match(editorTaskQuestion('docstring', 'typescript', 'zh-hans'), /^为这段 typescript 代码编写文档注释.*JSDoc/);
    assert.match(editorTaskQuestion('tests', 'rust', 'zh-hans'), /^用 rust 最常用的测试框架为这段 rust 代码编写单元测试。/);
    for (const task of TASKS) {
      assert.doesNotMatch(editorTaskQuestion(task, 'python', 'zh-hans'), /\b(the|this|code|and)\b/i, `${task} has no English words left`);
      assert.equal(editorTaskQuestion(task, 'python', 'zh-hant'), editorTaskQuestion(task, 'python', 'zh-hans'));
    }
  });

  it('takes the prompt language from VS Code\'s display language', () => {
    assert.equal(promptLanguageOf('en'), 'en');
    assert.equal(promptLanguageOf('de'), 'en');
    assert.equal(promptLanguageOf('zh-cn'), 'zh-hans');
    assert.equal(promptLanguageOf('zh-CN'), 'zh-hans');
    assert.equal(promptLanguageOf('zh-hans'), 'zh-hans');
    assert.equal(promptLanguageOf('zh-tw'), 'zh-hant');
    assert.equal(promptLanguageOf('zh-hant-tw'), 'zh-hant');
  });

  it('the system prompt is written in the display language and asks for answers in it', () => {
    assert.match(chatSystemPrompt('en'), /^You are a concise, expert programming assistant inside VS Code\./);
    assert.doesNotMatch(chatSystemPrompt('en'), /中文/);
    assert.match(chatSystemPrompt('zh-hans'), /^你是 VS Code 中简洁、专业的编程助手。.*请用简体中文回答。$/);
    assert.match(chatSystemPrompt('zh-hant'), /請用繁體中文回答。$/);
  });

  it('puts attachments before the question, each named, with language and lines, in a fence it cannot close', () => {
    const attached: Attachment[] = [
      selection('x = "```"\ny = 2'),
      { kind: 'file', id: 'att-2', fileName: 'docs/`odd`.md', languageId: 'markdown', text: '# Title' },
      { kind: 'image', id: 'att-3', fileName: 'shot.png', mimeType: 'image/png', dataUrl: PNG_URL },
    ];
    const text = userMessageText('What is wrong?', attached, 'en');
    assert.equal(
      text,
      [
        'Selected python code from `src/calc.py` (lines 3-4):\n````python\nx = "```"\ny = 2\n````',
        "File `docs/'odd'.md` (markdown):\n```markdown\n# Title\n```",
        'What is wrong?',
      ].join('\n\n'),
    );
    assert.equal(userMessageText('Q', [selection('a', { startLine: 7, endLine: 7 })], 'en'), 'Selected python code from `src/calc.py` (line 7):\n```python\na\n```\n\nQ');
    assert.equal(
      userMessageText('有什么问题？', attached, 'zh-hans'),
      [
        '选自 `src/calc.py` 的 python 代码（第 3-4 行）：\n````python\nx = "```"\ny = 2\n````',
        "文件 `docs/'odd'.md`（markdown）：\n```markdown\n# Title\n```",
        '有什么问题？',
      ].join('\n\n'),
    );
    assert.equal(userMessageText('Q', [selection('a', { startLine: 7, endLine: 7 })], 'zh-hans'), '选自 `src/calc.py` 的 python 代码（第 7 行）：\n```python\na\n```\n\nQ');
  });

  it('sends images as image_url parts with the data URL, text alone otherwise', () => {
    assert.equal(userMessageContent('Q', [selection('a')], 'zh-hans'), userMessageText('Q', [selection('a')], 'zh-hans'));
    assert.deepEqual(userMessageContent('What is in it?', [{ kind: 'image', id: 'att-1', fileName: 'a.png', mimeType: 'image/png', dataUrl: PNG_URL }], 'en'), [
      { type: 'text', text: 'What is in it?' },
      { type: 'image_url', image_url: { url: PNG_URL } },
    ]);
  });
});

describe('attachments', () => {
  it('labels chips with file and lines and counts their tokens, images at the vision maximum', () => {
    const chip = toChip(selection('x'.repeat(350)));
    assert.equal(chip.label, 'src/calc.py:3-4');
    assert.ok(chip.tokens >= 117 && chip.tokens < 140, String(chip.tokens));
    assert.equal(toChip(selection('a', { startLine: 9, endLine: 9 })).label, 'src/calc.py:9');
    assert.deepEqual(toChip({ kind: 'image', id: 'att-5', fileName: 'shot.png', mimeType: 'image/png', dataUrl: PNG_URL }), {
      id: 'att-5',
      kind: 'image',
      label: 'shot.png',
      tokens: IMAGE_TOKEN_ESTIMATE,
    });
  });

  it('accepts an image only when its bytes match one of four types and it is in size', () => {
    assert.equal(sniffImageType(PNG_1PX), 'image/png');
    assert.equal(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
    assert.equal(sniffImageType(Buffer.from('GIF89a')), 'image/gif');
    assert.equal(sniffImageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 ')), 'image/webp');
    assert.equal(sniffImageType(Buffer.from('<svg onload=alert(1)>')), undefined);
    assert.equal(imageDataUrl('image/png', PNG_1PX), PNG_URL);
    assert.equal(decodeImageDataUrl(PNG_URL)?.mimeType, 'image/png');
    assert.equal(decodeImageDataUrl(PNG_URL.replace('image/png', 'image/gif')), undefined, 'type must match the bytes');
    assert.equal(decodeImageDataUrl(`data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`), undefined);
    assert.equal(decodeImageDataUrl(`${PNG_URL}"onerror="x`), undefined);
    assert.equal(decodeImageDataUrl(`data:image/png;base64,${'A'.repeat(MAX_IMAGE_DATA_URL_LENGTH)}`), undefined);
  });

  it('keeps a tray: no duplicates, one image (a new one replaces it), emptied when taken', () => {
    const tray = new AttachmentTray();
    const first = selection('a', { id: tray.newId() });
    assert.equal(tray.add(first), 'added');
    assert.equal(tray.add({ ...first, id: tray.newId() }), 'duplicate');
    assert.equal(tray.add({ kind: 'image', id: tray.newId(), fileName: 'a.png', mimeType: 'image/png', dataUrl: PNG_URL }), 'added');
    assert.equal(tray.add({ kind: 'image', id: tray.newId(), fileName: 'b.png', mimeType: 'image/png', dataUrl: `${PNG_URL}AA==` }), 'replaced');
    assert.deepEqual(tray.chips.map((chip) => chip.label), ['src/calc.py:3-4', 'b.png']);
    assert.equal(tray.tokens, tray.chips.reduce((sum, chip) => sum + chip.tokens, 0));
    assert.equal(tray.remove('att-999'), false);
    assert.equal(tray.remove(first.id), true);
    assert.equal(tray.take().length, 1);
    assert.deepEqual(tray.chips, []);
    for (let i = 0; i < 20; i++) {
      assert.equal(tray.add(selection(`line ${i}`, { id: tray.newId() })), 'added');
    }
    assert.equal(tray.add(selection('one too many', { id: tray.newId() })), 'full');
  });
});

describe('code block languages', () => {
  it('maps fence tags to VS Code language ids', () => {
    assert.equal(languageIdForFence('ts'), 'typescript');
    assert.equal(languageIdForFence('Py'), 'python');
    assert.equal(languageIdForFence('sh'), 'shellscript');
    assert.equal(languageIdForFence(''), 'plaintext');
    assert.equal(languageIdForFence('haskell'), 'haskell');
  });
});

describe('parseViewMessage: code and attachment messages', () => {
  it('accepts well-formed ones', () => {
    const accepted: unknown[] = [
      { type: 'codeAction', action: 'copy', code: 'x = 1', language: 'python' },
      { type: 'codeAction', action: 'insert', code: '', language: '' },
      { type: 'codeAction', action: 'apply', code: 'y', language: 'c++' },
      { type: 'codeAction', action: 'newFile', code: 'z', language: 'objective-c' },
      { type: 'attach', what: 'selection' },
      { type: 'attach', what: 'currentFile' },
      { type: 'attach', what: 'files' },
      { type: 'attach', what: 'image' },
      { type: 'detach', id: 'att-12' },
      { type: 'pasteImage', name: 'image.png', dataUrl: PNG_URL },
    ];
    for (const message of accepted) {
      assert.deepEqual(parseViewMessage(message), message, JSON.stringify(message));
    }
  });

  it('drops malformed, oversized and unknown ones', () => {
    const bad: unknown[] = [
      { type: 'codeAction', action: 'run', code: 'rm -rf /', language: 'sh' },
      { type: 'codeAction', action: 'copy', code: 7, language: 'js' },
      { type: 'codeAction', action: 'copy', code: 'x'.repeat(MAX_CODE_LENGTH + 1), language: 'js' },
      { type: 'codeAction', action: 'copy', code: 'x', language: 'js" onload="x' },
      { type: 'codeAction', action: 'copy', code: 'x', language: 'a'.repeat(41) },
      { type: 'codeAction', action: 'copy', code: 'x', language: 'js', path: '/etc/passwd' },
      { type: 'codeAction', action: 'copy', code: 'x' },
      { type: 'attach', what: '/etc/passwd' },
      { type: 'attach', what: 'files', uri: 'file:///etc/passwd' },
      { type: 'detach', id: 7 },
      { type: 'detach', id: '../att-1' },
      { type: 'pasteImage', name: 'a.png', dataUrl: 'javascript:alert(1)' },
      { type: 'pasteImage', name: 'a.png', dataUrl: `data:image/png;base64,${'A'.repeat(MAX_IMAGE_DATA_URL_LENGTH)}` },
      { type: 'pasteImage', name: 'x'.repeat(201), dataUrl: PNG_URL },
      { type: 'pasteImage', name: 'a.png' },
      { type: 'attachFile', path: '/etc/passwd' },
      { type: 'openFile', uri: 'file:///etc/passwd' },
    ];
    for (const message of bad) {
      assert.equal(parseViewMessage(message), undefined, JSON.stringify(message).slice(0, 120));
    }
  });
});

describe('ChatSession with attachments (fake D.run server)', () => {
  let model: string;

  const rig = useChatRig({ chatScript: [{ match: 'What is in', reply: 'A red dot.' }] });
  beforeEach(() => {
    model = 'public/deepseek-v3';
  });

  function session(): ChatSession {
    const client = rig.client();
    return rig.session({
      prepare: async () => ({ client, model }),
      systemPrompt: () => 'system prompt',
      describeError: (error) => ({ message: `failed: ${error.kind}: ${error.detail}` }),
    });
  }

  it('sends attached code with the question, shows chips on the turn, and keeps it in later turns', async () => {
    const chat = session();
    const turn = await chat.ask('Explain this python code.', [selection('def add(a, b):\n    return a + b')]);
    assert.equal(turn.status, 'done');
    assert.deepEqual(turn.attachments?.map((chip) => chip.label), ['src/calc.py:3-4']);
    const started = rig.posted.find((message) => message.type === 'turnStarted');
    assert.ok(started?.type === 'turnStarted' && started.turn.attachments?.[0].label === 'src/calc.py:3-4');
    assert.equal(started.turn.question, 'Explain this python code.', 'the question shows no pasted code');
    const first = rig.server.requests[0].body.messages.at(-1);
    assert.equal(first.role, 'user');
    assert.match(first.content, /^Selected python code from `src\/calc.py` \(lines 3-4\):\n```python\ndef add\(a, b\):/);

    await chat.ask('And in Go?');
    const second = rig.server.requests[1].body.messages;
    assert.deepEqual(second.map((message: { role: string }) => message.role), ['system', 'user', 'assistant', 'user']);
    assert.equal(second[1].content, first.content, 'the earlier question is sent with its attachment');
    assert.equal(second[3].content, 'And in Go?');
  });

  it('sends an image to a vision model as an image_url part, and only with its own question', async () => {
    model = 'public/llama-3.2-11b-vision-instruct';
    const chat = session();
    const image: Attachment = { kind: 'image', id: 'att-1', fileName: 'dot.png', mimeType: 'image/png', dataUrl: PNG_URL };
    const turn = await chat.ask('What is in this picture?', [image]);
    assert.equal(turn.status, 'done');
    assert.equal(turn.answer, 'A red dot.');
    assert.deepEqual(rig.server.requests[0].body.messages.at(-1).content, [
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image_url', image_url: { url: PNG_URL } },
    ]);
    await chat.ask('Thanks');
    assert.equal(rig.server.requests[1].body.messages[1].content, 'What is in this picture?', 'no image resent');
  });

  it('the fake server refuses images for a model that cannot read them, as D.run does', async () => {
    const chat = session();
    const turn = await chat.ask('What is in this picture?', [{ kind: 'image', id: 'att-1', fileName: 'dot.png', mimeType: 'image/png', dataUrl: PNG_URL }]);
    assert.equal(turn.status, 'error');
    assert.match(turn.error?.message ?? '', /does not accept image input/);
  });
});
