// The first steps shown in an empty chat: set the key, pick a model. Each step has its button.
import type { ViewConfig, ViewStrings } from '../../core/chat/protocol/messages';
import { fill } from '../../core/chat/protocol/labels';
import { el } from './dom';

export class EmptySteps {
  readonly element: HTMLOListElement;
  private readonly keyText: HTMLElement;
  private readonly modelText: HTMLElement;
  private readonly keyStep: HTMLElement;
  readonly pickModelButton: HTMLButtonElement;

  /** `setKeyButton` is the view's existing Set API Key button, moved into the first step. */
  constructor(setKeyButton: HTMLButtonElement, pickModel: () => void) {
    this.keyText = el('span', { className: 'drun-step-text' });
    this.modelText = el('span', { className: 'drun-step-text' });
    this.pickModelButton = el('button', { className: 'drun-button drun-button-secondary drun-pick-model', attrs: { type: 'button' } });
    this.pickModelButton.addEventListener('click', pickModel);
    this.keyStep = el('li', { className: 'drun-step' }, this.keyText, setKeyButton);
    this.element = el('ol', { className: 'drun-steps', hidden: true }, this.keyStep, el('li', { className: 'drun-step' }, this.modelText, this.pickModelButton));
  }

  update(config: ViewConfig | undefined, strings: ViewStrings): void {
    this.element.hidden = !config;
    if (!config) {
      return;
    }
    this.keyStep.classList.toggle('drun-step-done', config.hasApiKey);
    this.keyText.textContent = config.hasApiKey ? strings.stepKeyDone : strings.stepKey;
    this.modelText.textContent = fill(strings.stepModel, config.model);
    this.pickModelButton.textContent = strings.pickModel;
  }
}
