// Fits a conversation into a model's context window before it is sent. Only the request is trimmed:
// the transcript the user sees keeps every turn, and the view is told how many were left out.
import type { ChatMessage } from '../platform/drunClient';
import { estimateTokens } from '../platform/tokenizer/tokenEstimate';

/** Role markers and separators each message costs on top of its text. */
const MESSAGE_OVERHEAD_TOKENS = 4;
/** What is kept free for the answer: a quarter of the window, at most this many tokens. */
const MAX_ANSWER_RESERVE_TOKENS = 8_192;

/**
 * Llama 3.2 Vision splits an image into at most 4 tiles of 1601 tokens each; counting the
 * maximum keeps budgets on the safe side.
 */
export const IMAGE_TOKEN_ESTIMATE = 4 * 1601;

function messageTokens(message: ChatMessage): number {
  const parts = typeof message.content === 'string' ? [{ type: 'text' as const, text: message.content }] : message.content;
  const contentTokens = parts.reduce((sum, part) => sum + (part.type === 'text' ? estimateTokens(part.text) : IMAGE_TOKEN_ESTIMATE), 0);
  return contentTokens + MESSAGE_OVERHEAD_TOKENS;
}

/** Tokens a request may use for its prompt, leaving room for the answer. */
export function promptBudget(contextTokens: number): number {
  return contextTokens - Math.min(MAX_ANSWER_RESERVE_TOKENS, Math.floor(contextTokens / 4));
}

export interface FittedRequest {
  messages: ChatMessage[];
  /** Earlier question/answer pairs that did not fit and were not sent. */
  omittedTurns: number;
}

/**
 * Keeps the system prompt, the new question and as many of the most recent earlier exchanges as fit.
 * `history` alternates user/assistant and is dropped a whole pair at a time, oldest first, so the
 * roles still alternate. When even the question alone is too long, it goes without history and the
 * server's own error tells the user.
 */
export function fitToContext(system: ChatMessage, history: readonly ChatMessage[], question: ChatMessage, contextTokens: number): FittedRequest {
  let remaining = promptBudget(contextTokens) - messageTokens(system) - messageTokens(question);
  let firstKept = history.length;
  for (let start = history.length - 2; start >= 0; start -= 2) {
    const pairTokens = messageTokens(history[start]) + messageTokens(history[start + 1]);
    if (pairTokens > remaining) {
      break;
    }
    remaining -= pairTokens;
    firstKept = start;
  }
  return { messages: [system, ...history.slice(firstKept), question], omittedTurns: firstKept / 2 };
}
