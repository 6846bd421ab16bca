// The prompts chat sends: the system prompt, the editor commands' questions, attached code.
import type { Attachment, TextAttachment } from './attachments';
import type { ChatContent } from '../platform/drunClient';
import { fenceFor } from '../platform/markdownFence';

/**
 * The language the prompts are written in, so the model answers in the language the user reads:
 * Chinese when VS Code's display language is Chinese, English otherwise. Code and identifiers stay as
 * they are. Traditional Chinese differs only in the system prompt, which asks for answers in it.
 */
export type PromptLanguage = 'en' | 'zh-hans' | 'zh-hant';

/** `displayLanguage` is VS Code's `env.language`, e.g. `en`, `zh-cn`, `zh-tw`. */
export function promptLanguageOf(displayLanguage: string): PromptLanguage {
  const lower = displayLanguage.toLowerCase();
  if (!lower.startsWith('zh')) {
    return 'en';
  }
  return ['zh-tw', 'zh-hk', 'zh-mo'].includes(lower) || lower.startsWith('zh-hant') ? 'zh-hant' : 'zh-hans';
}

export function chatSystemPrompt(language: PromptLanguage): string {
  switch (language) {
    case 'en':
      return 'You are a concise, expert programming assistant inside VS Code. Use Markdown; put code in fenced blocks with a language tag.';
    case 'zh-hans':
      return '你是 VS Code 中简洁、专业的编程助手。使用 Markdown；代码放在带语言标记的围栏代码块中。请用简体中文回答。';
    case 'zh-hant':
      return '你是 VS Code 中簡潔、專業的程式設計助手。使用 Markdown；程式碼放在帶語言標記的圍欄程式碼區塊中。請用繁體中文回答。';
  }
}

/** The editor commands that ask about the selection. The model gets these instructions; the panel shows a short label. */
export type EditorTask = 'explain' | 'fix' | 'docstring' | 'tests';

export function editorTaskQuestion(task: EditorTask, languageId: string, language: PromptLanguage): string {
  return language === 'en' ? englishTaskQuestion(task, languageId) : chineseTaskQuestion(task, languageId);
}

function englishTaskQuestion(task: EditorTask, languageId: string): string {
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

function chineseTaskQuestion(task: EditorTask, languageId: string): string {
  switch (task) {
    case 'explain':
      return `解释这段 ${languageId} 代码：它做什么、怎么做，以及有什么出人意料的地方。`;
    case 'fix':
      return `找出这段 ${languageId} 代码中的错误并修复。先在一个围栏代码块中给出修正后的完整代码，然后每处修改写一行，说明原来错在哪里。`;
    case 'docstring':
      return (
        `为这段 ${languageId} 代码编写文档注释，采用 ${languageId} 惯用的风格（docstring、JSDoc、Javadoc 等）。` +
        '在一个围栏代码块中给出代码和新的注释，其他内容一律不改。'
      );
    case 'tests':
      return (
        `用 ${languageId} 最常用的测试框架为这段 ${languageId} 代码编写单元测试。` +
        '覆盖正常情况、边界情况和错误情况。只回复一个可以直接保存为测试文件的围栏代码块。'
      );
  }
}

/** How an attached selection or file is introduced to the model: its name, language and lines. */
function attachmentHeading(attachment: TextAttachment, language: PromptLanguage): string {
  const name = attachment.fileName.replace(/`/g, "'");
  const english = language === 'en';
  if (attachment.kind === 'selection' && attachment.startLine !== undefined) {
    const end = attachment.endLine ?? attachment.startLine;
    const single = end === attachment.startLine;
    if (english) {
      const lines = single ? `line ${attachment.startLine}` : `lines ${attachment.startLine}-${end}`;
      return `Selected ${attachment.languageId} code from \`${name}\` (${lines}):`;
    }
    const lines = single ? `第 ${attachment.startLine} 行` : `第 ${attachment.startLine}-${end} 行`;
    return `选自 \`${name}\` 的 ${attachment.languageId} 代码（${lines}）：`;
  }
  return english ? `File \`${name}\` (${attachment.languageId}):` : `文件 \`${name}\`（${attachment.languageId}）：`;
}

/** The attachments first, each in a fence it cannot close, then the question. */
export function userMessageText(question: string, attachments: readonly Attachment[], language: PromptLanguage): string {
  const blocks = attachments
    .filter((attachment): attachment is TextAttachment => attachment.kind !== 'image')
    .map((attachment) => {
      const fence = fenceFor(attachment.text);
      return `${attachmentHeading(attachment, language)}\n${fence}${attachment.languageId}\n${attachment.text}\n${fence}`;
    });
  return [...blocks, question].join('\n\n');
}

/** Text alone, or with images as OpenAI `image_url` parts (data URLs) after the text. */
export function userMessageContent(question: string, attachments: readonly Attachment[], language: PromptLanguage): ChatContent {
  const text = userMessageText(question, attachments, language);
  const images = attachments.flatMap((attachment) => (attachment.kind === 'image' ? [attachment.dataUrl] : []));
  if (images.length === 0) {
    return text;
  }
  return [{ type: 'text', text }, ...images.map((url) => ({ type: 'image_url' as const, image_url: { url } }))];
}
