// Completion with a chat model (the `chat` template): the document with the gap marked, and the
// instruction to answer with the gap's text only.
import type { ChatMessage } from '../platform/drunClient';
import { fenceFor } from '../platform/markdownFence';

export const FILL_MARKER = '<FILL_HERE>';

export const FILL_GAP_SYSTEM_MESSAGE: ChatMessage = {
  role: 'system',
  content:
    `You fill gaps in code. Reply with only the text that replaces ${FILL_MARKER}: ` +
    'no explanation, no code fence, and nothing that is already before or after the gap.',
};

export function fillGapMessages(prefix: string, suffix: string, languageId: string): ChatMessage[] {
  return [FILL_GAP_SYSTEM_MESSAGE, { role: 'user', content: fillGapQuestion(prefix, suffix, languageId) }];
}

/** The document with the gap marked, fenced so that the code cannot close the fence. */
export function fillGapQuestion(prefix: string, suffix: string, languageId: string): string {
  const document = `${prefix}${FILL_MARKER}${suffix}`;
  const fence = fenceFor(document);
  return `${fence}${languageId}\n${document}\n${fence}`;
}
