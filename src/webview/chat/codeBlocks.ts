// Buttons on each code block of a finished answer: Copy, Insert (at the cursor), Apply…, New File. They are
// real <button>s made here (markup from the model can never contain one), and they send only the
// block's text and language; the extension decides what happens.
import type { CodeAction } from '../../core/chat/protocol/contextMessages';
import type { ViewStrings } from '../../core/chat/protocol/messages';
import { el } from './dom';

export interface CodeBlockTools {
  strings: ViewStrings;
  run(action: CodeAction, code: string, language: string): void;
}

const ACTIONS: readonly CodeAction[] = ['copy', 'insert', 'apply', 'newFile'];
const COPIED_MS = 1500;

/** Adds a button bar above every code block directly inside `body`. */
export function decorateCodeBlocks(body: HTMLElement, tools: CodeBlockTools): void {
  for (const pre of Array.from(body.querySelectorAll(':scope > pre'))) {
    const code = pre.querySelector('code');
    if (!code) {
      continue;
    }
    const language = /(?:^|\s)language-([\w+#.-]{1,40})(?:\s|$)/.exec(code.className)?.[1] ?? '';
    const buttons = ACTIONS.map((action) => {
      const button = el('button', { className: 'drun-code-button', text: tools.strings[action], attrs: { type: 'button', 'data-action': action } });
      button.addEventListener('click', () => {
        tools.run(action, code.textContent ?? '', language);
        if (action === 'copy') {
          showCopied(button, tools);
        }
      });
      return button;
    });
    const bar = el('div', { className: 'drun-code-toolbar', attrs: { role: 'group' } }, ...buttons);
    if (language) {
      bar.prepend(el('span', { className: 'drun-code-language', text: language }));
    }
    const block = el('div', { className: 'drun-code-block' });
    pre.replaceWith(block);
    block.append(bar, pre);
  }
}

/** Puts the current labels on the buttons decorateCodeBlocks added (after a `config` message). */
export function relabelCodeBlocks(body: HTMLElement, tools: CodeBlockTools): void {
  for (const button of Array.from(body.querySelectorAll<HTMLButtonElement>('.drun-code-button'))) {
    const action = button.dataset.action as CodeAction;
    button.textContent = action === 'copy' && button.classList.contains('drun-copied') ? tools.strings.copied : tools.strings[action];
  }
}

function showCopied(button: HTMLButtonElement, tools: CodeBlockTools): void {
  button.classList.add('drun-copied');
  button.textContent = tools.strings.copied;
  window.setTimeout(() => {
    button.classList.remove('drun-copied');
    button.textContent = tools.strings.copy;
  }, COPIED_MS);
}
