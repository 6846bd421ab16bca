// What the view adds around turns: Regenerate / Edit on the last one, and the note that earlier
// turns were left out of a request.
import type { ViewStrings } from '../../core/chat/protocol/messages';
import { fill } from '../../core/chat/protocol/labels';
import { el } from './dom';

export interface LastTurnEvents {
  regenerate(): void;
  editLast(text: string): void;
}

export class LastTurnControls {
  private readonly actions: HTMLElement;
  private readonly regenerateButton: HTMLButtonElement;
  private readonly editButton: HTMLButtonElement;
  private readonly editor: HTMLElement;
  private readonly editInput: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly cancelButton: HTMLButtonElement;
  private turn: HTMLElement | undefined;
  private question = '';

  constructor(strings: ViewStrings, private readonly events: LastTurnEvents) {
    this.regenerateButton = el('button', { className: 'drun-button drun-button-secondary drun-regenerate', attrs: { type: 'button' } });
    this.editButton = el('button', { className: 'drun-button drun-button-secondary drun-edit', attrs: { type: 'button' } });
    this.actions = el('div', { className: 'drun-turn-actions' }, this.regenerateButton, this.editButton);
    this.editInput = el('textarea', { className: 'drun-input drun-edit-input', attrs: { rows: '3' } });
    this.sendButton = el('button', { className: 'drun-button drun-edit-send', attrs: { type: 'button' } });
    this.cancelButton = el('button', { className: 'drun-button drun-button-secondary drun-edit-cancel', attrs: { type: 'button' } });
    this.editor = el('div', { className: 'drun-edit-box', hidden: true }, this.editInput, el('div', { className: 'drun-edit-buttons' }, this.sendButton, this.cancelButton));

    this.regenerateButton.addEventListener('click', () => this.events.regenerate());
    this.editButton.addEventListener('click', () => this.startEditing());
    this.sendButton.addEventListener('click', () => this.submit());
    this.cancelButton.addEventListener('click', () => this.stopEditing());
    this.editInput.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.stopEditing();
      } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        this.submit();
      }
    });
    this.applyStrings(strings);
  }

  applyStrings(strings: ViewStrings): void {
    this.regenerateButton.textContent = strings.regenerate;
    this.editButton.textContent = strings.edit;
    this.sendButton.textContent = strings.send;
    this.cancelButton.textContent = strings.cancel;
    this.editInput.setAttribute('aria-label', strings.edit);
  }

  /** Puts the controls on the last turn; none while an answer streams. */
  attach(turn: HTMLElement | undefined, question: string, busy: boolean): void {
    const target = busy ? undefined : turn;
    if (target !== this.turn) {
      this.stopEditing();
    }
    this.turn = target;
    this.question = question;
    if (!target) {
      this.actions.remove();
      this.editor.remove();
      return;
    }
    target.append(this.actions);
    target.querySelector('.drun-question')?.append(this.editor);
  }

  private startEditing(): void {
    this.editInput.value = this.question;
    this.editor.hidden = false;
    this.turn?.classList.add('drun-editing');
    this.editInput.focus();
  }

  private stopEditing(): void {
    this.editor.hidden = true;
    this.turn?.classList.remove('drun-editing');
  }

  private submit(): void {
    const text = this.editInput.value;
    if (text.trim()) {
      this.stopEditing();
      this.events.editLast(text);
    }
  }
}

/** Says above an answer how many earlier turns its request left out. */
export function showTrimNote(turn: HTMLElement, omittedTurns: number | undefined, strings: ViewStrings): void {
  let note = turn.querySelector<HTMLElement>('.drun-trim-note');
  if (!omittedTurns) {
    note?.remove();
    return;
  }
  if (!note) {
    note = el('p', { className: 'drun-trim-note', attrs: { role: 'note' } });
    turn.querySelector('.drun-answer')?.prepend(note);
  }
  note.dataset.omitted = String(omittedTurns);
  note.textContent = fill(strings.trimmed, String(omittedTurns));
}
