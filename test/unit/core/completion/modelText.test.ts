import * as assert from 'node:assert/strict';
import { codeFromChatReply, stripCodeFence, trimSuffixOverlap, withoutTrailingWhitespace } from '../../../../src/core/completion/modelText';
import { takeDocumentWindow } from '../../../../src/core/completion/documentWindow';
import { checkModelFitsMode } from '../../../../src/core/platform/modelFit';
import { fillGapMessages, FILL_MARKER } from '../../../../src/core/completion/fillGapPrompt';
import { fenceFor } from '../../../../src/core/platform/markdownFence';
import { buildQwenFimPrompt, QWEN_CLIENT_STOPS, QWEN_SERVER_STOPS } from '../../../../src/core/completion/qwenFim';

describe('Qwen FIM prompt', () => {
  it('writes prefix and suffix around the FIM tokens', () => {
    assert.equal(buildQwenFimPrompt({ prefix: 'def add(a, b):\n    ', suffix: '\n\nprint(add(1, 2))' }), '<|fim_prefix|>def add(a, b):\n    <|fim_suffix|>\n\nprint(add(1, 2))<|fim_middle|>');
  });

  it('removes FIM tokens that the file itself contains', () => {
    const prompt = buildQwenFimPrompt({ prefix: 'x = "<|fim_middle|>evil"', suffix: '<|endoftext|>' });
    assert.equal(prompt, '<|fim_prefix|>x = "evil"<|fim_suffix|><|fim_middle|>');
  });

  it('sends at most four stops to the server and cuts every Qwen token somewhere', () => {
    assert.equal(QWEN_SERVER_STOPS.length, 4);
    assert.deepEqual(
      [...QWEN_SERVER_STOPS, ...QWEN_CLIENT_STOPS].sort(),
      ['<|endoftext|>', '<|file_sep|>', '<|fim_middle|>', '<|fim_pad|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|im_end|>', '<|repo_name|>'],
    );
  });
});

describe('takeDocumentWindow', () => {
  it('keeps whole lines when the document is larger than the window', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const offset = text.indexOf('line 50');
    const window = takeDocumentWindow(text, offset, { maxPrefixChars: 30, maxSuffixChars: 20 });
    assert.ok(window.prefix.startsWith('line '), window.prefix);
    assert.ok(window.prefix.length <= 30);
    assert.ok(text.slice(0, offset).endsWith(window.prefix));
    assert.ok(window.suffix.endsWith('\n'));
    assert.ok(window.suffix.length <= 20);
  });

  it('returns everything for a small document', () => {
    assert.deepEqual(takeDocumentWindow('ab\ncd', 3), { prefix: 'ab\n', suffix: 'cd' });
  });
});

describe('trimSuffixOverlap and stripCodeFence', () => {
  it('drops what the document already has after the cursor', () => {
    assert.equal(trimSuffixOverlap('a + b)', ')'), 'a + b');
    assert.equal(trimSuffixOverlap('return a + b\n}', '\n}'), 'return a + b');
    assert.equal(trimSuffixOverlap('return a + b', ''), 'return a + b');
    assert.equal(trimSuffixOverlap('foo()', 'bar()'), 'foo()');
  });

  it('unwraps one fenced block', () => {
    assert.equal(stripCodeFence('```python\nreturn a + b\n```'), 'return a + b');
    assert.equal(stripCodeFence('return a + b'), 'return a + b');
  });

  it('takes only the code out of a fence with prose around it', () => {
    const reply = 'Here is the code:\n```python\nreturn a + b\n```\nThis adds the two numbers.';
    assert.equal(stripCodeFence(reply), 'return a + b');
    assert.equal(stripCodeFence('Sure.\n\n````js\nconst s = "```";\n````\nDone.'), 'const s = "```";', 'a longer fence holds a shorter one');
    assert.equal(stripCodeFence('~~~\nx = 1\n~~~'), 'x = 1');
  });

  it('keeps an unfenced answer as it is, and takes an unclosed fence to the end', () => {
    assert.equal(stripCodeFence('return a + b\n'), 'return a + b\n');
    assert.equal(stripCodeFence('Here it is:\n```python\nreturn a + b\n    # and'), 'return a + b\n    # and');
    assert.equal(stripCodeFence('```python\n'), '');
  });

  it('leaves no whitespace-only line in what Complete Here inserts', () => {
    assert.equal(withoutTrailingWhitespace('\n    return a + b\n    ', '\n\ndef sub(a, b):'), '\n    return a + b');
    assert.equal(withoutTrailingWhitespace('a = 1\n    \nb = 2  \n', ''), 'a = 1\n\nb = 2');
    assert.equal(withoutTrailingWhitespace('foo(\n    ', 'bar)'), 'foo(\n    ', 'the indent of what follows on the line stays');
    assert.equal(withoutTrailingWhitespace(' \n\t\n', '\n'), '');
  });

  it('takes the code out of a chat reply that thinks first', () => {
    assert.equal(codeFromChatReply('<think>The gap needs a sum.</think>\n\n```python\nreturn a + b\n```'), 'return a + b');
  });
});

describe('checkModelFitsMode', () => {
  it('warns about a public/ model on an instance and a user model on MaaS', () => {
    assert.deepEqual(checkModelFitsMode('public/deepseek-v3', 'instance'), { ok: false, reason: 'maasModelOnInstance', fittingMode: 'maas' });
    assert.deepEqual(checkModelFitsMode('u-1100a15812cc/qwen2', 'maas'), { ok: false, reason: 'instanceModelOnMaas', fittingMode: 'instance' });
    assert.deepEqual(checkModelFitsMode('public/deepseek-v3', 'maas'), { ok: true });
    assert.deepEqual(checkModelFitsMode('u-1100a15812cc/qwen2', 'instance'), { ok: true });
    assert.deepEqual(checkModelFitsMode('anything', 'custom'), { ok: true });
  });
});

describe('prompts', () => {
  it('fences code with a fence the code cannot close', () => {
    assert.equal(fenceFor('no ticks'), '```');
    assert.equal(fenceFor('has ``` inside'), '````');
  });

  it('marks the gap for chat-template completion', () => {
    const [system, user] = fillGapMessages('def f():\n    ', '\n', 'python');
    assert.equal(system.role, 'system');
    assert.ok(typeof user.content === 'string' && user.content.includes(`def f():\n    ${FILL_MARKER}\n`));
  });
});
