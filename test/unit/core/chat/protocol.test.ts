import * as assert from 'node:assert/strict';
import { MAX_QUESTION_LENGTH, parseViewMessage } from '../../../../src/core/chat/protocol/messages';

describe('parseViewMessage', () => {
  it('accepts the messages the protocol allows', () => {
    assert.deepEqual(parseViewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseViewMessage({ type: 'stop' }), { type: 'stop' });
    assert.deepEqual(parseViewMessage({ type: 'ask', text: '  why?  ' }), { type: 'ask', text: 'why?' });
    assert.deepEqual(parseViewMessage({ type: 'runAction', action: 'setApiKey' }), { type: 'runAction', action: 'setApiKey' });
    for (const href of ['https://d.run/docs', 'http://example.com/a?b=c', 'mailto:support@d.run']) {
      assert.deepEqual(parseViewMessage({ type: 'openLink', href }), { type: 'openLink', href });
    }
  });

  it('drops everything else', () => {
    const bad: unknown[] = [
      null,
      'ready',
      [],
      { type: 'ask' },
      { type: 'ask', text: '' },
      { type: 'ask', text: 42 },
      { type: 'ask', text: 'x'.repeat(MAX_QUESTION_LENGTH + 1) },
      { type: 'ask', text: 'hi', extra: true },
      { type: 'runAction', action: 'workbench.action.terminal.new' },
      { type: 'runCommand', command: 'rm -rf' },
      { type: 'ready', command: 'x' },
      { type: '__proto__' },
      ...['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', 'command:workbench.action.terminal.new', 'vscode://file/etc/passwd', 'file:///etc/passwd', '/relative', 'https://d.run/' + 'x'.repeat(3000)].map(
        (href) => ({ type: 'openLink', href }),
      ),
      { type: 'openLink', href: 'https://d.run', extra: 1 },
    ];
    for (const message of bad) {
      assert.equal(parseViewMessage(message), undefined, JSON.stringify(message));
    }
  });
});
