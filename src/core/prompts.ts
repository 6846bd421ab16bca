// Every prompt the extension sends, in one place.
import type { ChatMessage } from './drunClient';

export interface CodeSelection {
  code: string;
  languageId: string;
  fileName: string;
  startLine: number;
  endLine: number;
}

/** A fence longer than any backtick run inside the code, so the code cannot close it. */
export function fenceFor(code: string): string {
  const longest = Math.max(2, ...Array.from(code.matchAll(/`+/g), (match) => match[0].length));
  return '`'.repeat(longest + 1);
}

export function describeReplyLanguage(locale: string): string | undefined {
  const lower = locale.toLowerCase();
  if (lower === 'zh-cn' || lower === 'zh-hans') {
    return 'Simplified Chinese';
  }
  if (lower === 'zh-tw' || lower === 'zh-hant') {
    return 'Traditional Chinese';
  }
  return undefined;
}

export function explainSelectionQuestion(selection: CodeSelection): string {
  const fence = fenceFor(selection.code);
  const lines = selection.startLine === selection.endLine ? `line ${selection.startLine}` : `lines ${selection.startLine}-${selection.endLine}`;
  return [
    `Explain this ${selection.languageId} code from \`${selection.fileName}\` (${lines}).`,
    '',
    `${fence}${selection.languageId}`,
    selection.code,
    fence,
  ].join('\n');
}

export function chatSystemPrompt(replyLanguage?: string): string {
  const language = replyLanguage ? ` Answer in ${replyLanguage}.` : '';
  return `You are a concise, expert programming assistant inside VS Code. Use Markdown; put code in fenced blocks with a language tag.${language}`;
}

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
