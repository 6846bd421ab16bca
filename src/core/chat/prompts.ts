// The prompts chat sends: the system prompt, the editor commands' questions, attached code.
import type { Attachment, TextAttachment } from './attachments';
import type { ChatContent } from '../platform/drunClient';
import { fenceFor } from '../platform/markdownFence';

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

export function chatSystemPrompt(replyLanguage?: string): string {
  const language = replyLanguage ? ` Answer in ${replyLanguage}.` : '';
  return `You are a concise, expert programming assistant inside VS Code. Use Markdown; put code in fenced blocks with a language tag.${language}`;
}

/** The editor commands that ask about the selection. The model gets these instructions; the panel shows a short label. */
export type EditorTask = 'explain' | 'fix' | 'docstring' | 'tests';

export function editorTaskQuestion(task: EditorTask, languageId: string): string {
  switch (task) {
    case 'explain':
      return `Explain this ${languageId} code: what it does, how it does it, and anything surprising.`;
    case 'fix':
      return (
        `Find the bugs in this ${languageId} code and fix them. ` +
        'Reply with the whole corrected code in one fenced block, then one line per change saying what was wrong.'
      );
    case 'docstring':
      return (
        `Write a documentation comment for this ${languageId} code, in the style usual for ${languageId} ` +
        '(docstring, JSDoc, Javadoc, …). Reply with the code and its new comment in one fenced block and change nothing else.'
      );
    case 'tests':
      return (
        `Write unit tests for this ${languageId} code with the test framework most used for ${languageId}. ` +
        'Cover normal cases, edge cases and errors. Reply with one fenced block that can be saved as a test file.'
      );
  }
}

/** How an attached selection or file is introduced to the model: its name, language and lines. */
function attachmentHeading(attachment: TextAttachment): string {
  const name = attachment.fileName.replace(/`/g, "'");
  if (attachment.kind === 'selection' && attachment.startLine !== undefined) {
    const end = attachment.endLine ?? attachment.startLine;
    const lines = end === attachment.startLine ? `line ${attachment.startLine}` : `lines ${attachment.startLine}-${end}`;
    return `Selected ${attachment.languageId} code from \`${name}\` (${lines}):`;
  }
  return `File \`${name}\` (${attachment.languageId}):`;
}

/** The attachments first, each in a fence it cannot close, then the question. */
export function userMessageText(question: string, attachments: readonly Attachment[]): string {
  const blocks = attachments
    .filter((attachment): attachment is TextAttachment => attachment.kind !== 'image')
    .map((attachment) => {
      const fence = fenceFor(attachment.text);
      return `${attachmentHeading(attachment)}\n${fence}${attachment.languageId}\n${attachment.text}\n${fence}`;
    });
  return [...blocks, question].join('\n\n');
}

/** Text alone, or with images as OpenAI `image_url` parts (data URLs) after the text. */
export function userMessageContent(question: string, attachments: readonly Attachment[]): ChatContent {
  const text = userMessageText(question, attachments);
  const images = attachments.flatMap((attachment) => (attachment.kind === 'image' ? [attachment.dataUrl] : []));
  if (images.length === 0) {
    return text;
  }
  return [{ type: 'text', text }, ...images.map((url) => ({ type: 'image_url' as const, image_url: { url } }))];
}
