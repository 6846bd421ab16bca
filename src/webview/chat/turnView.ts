// One question/answer pair: the question, an optional "Thinking" section, the answer and its footer.
import type { AttachmentChip } from '../../core/chat/protocol/contextMessages';
import type { ChatErrorInfo, ChatTurn, ExtensionToView, FixAction, TokenUsage, TurnCost, TurnStatus, ViewStrings } from '../../core/chat/protocol/messages';
import { chipList } from './attachmentBar';
import { CodeBlockTools, decorateCodeBlocks, relabelCodeBlocks } from './codeBlocks';
import { costText } from './costText';
import { el } from './dom';
import { renderMarkdown } from './render';

export interface TurnContext {
  strings: ViewStrings;
  /** The configured chat model, shown while a turn streams until it names the model that answered. */
  model: string;
  runAction(action: FixAction): void;
  codeTools: CodeBlockTools;
}

/** How a turn ended, as the `turnEnded` message says. */
type TurnEnding = Omit<Extract<ExtensionToView, { type: 'turnEnded' }>, 'type' | 'turnId'>;

export class TurnView {
  readonly element: HTMLElement;
  private readonly youLabel: HTMLElement;
  private readonly modelLabel: HTMLElement;
  private model: string;
  private readonly question: HTMLElement;
  private readonly thinking: HTMLDetailsElement;
  private readonly thinkingLabel: HTMLElement;
  private readonly reasoningBody: HTMLElement;
  private readonly answerBody: HTMLElement;
  private readonly stoppedMarker: HTMLElement;
  private readonly errorBox: HTMLElement;
  private readonly usageLine: HTMLElement;
  /** What the question had attached, redrawn when the labels change. */
  private readonly attachments: AttachmentChip[];
  private chips: HTMLElement | undefined;

  private answer: string;
  private reasoning: string;
  private status: TurnStatus;
  private error: ChatErrorInfo | undefined;
  private usage: TokenUsage | undefined;
  private cost: TurnCost | undefined;
  private answerDirty = true;
  private reasoningDirty = true;
  /** Once the reader opens or closes "Thinking" themselves, it is no longer opened or closed for them. */
  private thinkingToggledByUser = false;

  constructor(turn: ChatTurn, private readonly context: TurnContext) {
    this.answer = turn.answer;
    this.reasoning = turn.reasoning;
    this.status = turn.status;
    this.error = turn.error;
    this.usage = turn.usage;
    this.cost = turn.cost;
    this.model = turn.model;
    this.attachments = turn.attachments ?? [];

    this.youLabel = el('div', { className: 'drun-role' });
    this.modelLabel = el('div', { className: 'drun-role' });
    this.question = el('div', { className: 'drun-markdown drun-question-body' });
    this.thinkingLabel = el('span', { className: 'drun-thinking-label' });
    const summary = el('summary', { className: 'drun-thinking-summary' }, this.thinkingLabel);
    // A click on the summary (mouse, or Enter/Space on it) is the reader's own choice.
    summary.addEventListener('click', () => {
      this.thinkingToggledByUser = true;
    });
    this.reasoningBody = el('div', { className: 'drun-markdown drun-reasoning-body' });
    this.thinking = el('details', { className: 'drun-thinking', hidden: true }, summary, this.reasoningBody);
    this.answerBody = el('div', { className: 'drun-markdown drun-answer-body' });
    this.stoppedMarker = el('span', { className: 'drun-stopped', hidden: true });
    this.errorBox = el('div', { className: 'drun-error', hidden: true, attrs: { role: 'alert' } });
    this.usageLine = el('span', { className: 'drun-usage', hidden: true });

    this.element = el(
      'article',
      { className: 'drun-turn' },
      el(
        'section',
        { className: 'drun-question' },
        this.youLabel,
        ...(this.attachments.length > 0 ? [(this.chips = chipList(this.attachments, context.strings))] : []),
        this.question,
      ),
      el(
        'section',
        { className: 'drun-answer' },
        this.modelLabel,
        this.thinking,
        this.answerBody,
        this.errorBox,
        el('div', { className: 'drun-turn-footer' }, this.stoppedMarker, this.usageLine),
      ),
    );
    this.element.dataset.turnId = turn.id;
    renderMarkdown(this.question, turn.question);
    this.refreshLabels();
    this.render();
    this.renderOutcome();
  }

  get streaming(): boolean {
    return this.status === 'streaming';
  }

  /** Adds streamed text; nothing is drawn until render(). */
  append(content: string | undefined, reasoning: string | undefined): void {
    if (content) {
      this.answer += content;
      this.answerDirty = true;
    }
    if (reasoning) {
      this.reasoning += reasoning;
      this.reasoningDirty = true;
    }
  }

  end({ status, error, usage, cost, model }: TurnEnding): void {
    this.status = status;
    this.error = error;
    this.usage = usage;
    this.cost = cost;
    this.model = model ?? '';
    this.refreshModelLabel();
    this.answerDirty = true; // drawn once more, now highlighted and with the code-block buttons
    this.render();
    this.renderOutcome();
  }

  /** Draws whatever changed since the last call. */
  render(): void {
    if (this.reasoningDirty) {
      this.reasoningDirty = false;
      renderMarkdown(this.reasoningBody, this.reasoning);
    }
    if (this.answerDirty) {
      this.answerDirty = false;
      renderMarkdown(this.answerBody, this.answer, { highlight: !this.streaming });
      if (!this.streaming) {
        decorateCodeBlocks(this.answerBody, this.context.codeTools);
      }
    }
    this.element.dataset.status = this.status;
    this.element.toggleAttribute('data-empty', this.answer.length === 0);

    const hasReasoning = this.reasoning.length > 0;
    this.thinking.hidden = !hasReasoning;
    const thinkingNow = this.streaming && hasReasoning && this.answer.length === 0;
    this.thinking.classList.toggle('drun-thinking-active', thinkingNow);
    if (hasReasoning && !this.thinkingToggledByUser) {
      // Open while only reasoning has arrived; folded away as soon as the answer starts.
      this.thinking.open = this.answer.length === 0;
    }
  }

  /** The footer: stopped marker, error with its fix, token usage. Changes only when the turn ends. */
  private renderOutcome(): void {
    this.stoppedMarker.hidden = this.status !== 'stopped';
    this.renderError();
    this.renderUsage();
  }

  /** Re-reads the labels and the configured model from the context (after a `config` message). */
  refreshLabels(): void {
    const strings = this.context.strings;
    this.youLabel.textContent = strings.you;
    this.refreshModelLabel();
    this.thinkingLabel.textContent = strings.thinking;
    this.stoppedMarker.textContent = strings.stopped;
    if (this.chips) {
      const chips = chipList(this.attachments, strings);
      this.chips.replaceWith(chips);
      this.chips = chips;
    }
    relabelCodeBlocks(this.answerBody, this.context.codeTools);
    this.renderUsage();
  }

  /** An ended turn shows only the model that answered it, so a later pick never re-labels it. */
  private refreshModelLabel(): void {
    this.modelLabel.textContent = this.model || (this.streaming ? this.context.model : '');
    this.modelLabel.hidden = !this.modelLabel.textContent;
  }

  private renderError(): void {
    const error = this.status === 'error' ? this.error : undefined;
    this.errorBox.hidden = !error;
    if (!error) {
      this.errorBox.replaceChildren();
      return;
    }
    const children: Node[] = [el('p', { className: 'drun-error-message', text: error.message })];
    const action = error.action;
    if (action) {
      const button = el('button', {
        className: 'drun-button drun-button-secondary',
        text: error.actionLabel || action,
        attrs: { type: 'button' },
      });
      button.addEventListener('click', () => this.context.runAction(action));
      children.push(button);
    }
    this.errorBox.replaceChildren(...children);
  }

  private renderUsage(): void {
    const usage = this.usage;
    this.usageLine.hidden = !usage;
    if (usage) {
      const cost = this.cost ? ` · ${costText(this.context.strings, this.cost)}` : '';
      const strings = this.context.strings;
      this.usageLine.textContent = formatUsage(usage.estimated ? strings.usageEstimated : strings.usage, usage) + cost;
    }
  }
}

/**
 * `template` is the localised usage string: {0}, {1} and {2} stand for prompt, completion and total
 * tokens. A plain label without placeholders is followed by "prompt / completion / total".
 */
function formatUsage(template: string, usage: TokenUsage): string {
  const counts = [usage.promptTokens, usage.completionTokens, usage.totalTokens].map((value) => value.toLocaleString());
  if (/\{[012]\}/.test(template)) {
    return template.replace(/\{([012])\}/g, (_match, index: string) => counts[Number(index)]);
  }
  return `${template}: ${counts.join(' / ')}`;
}
