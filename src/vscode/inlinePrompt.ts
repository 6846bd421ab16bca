// Builds the prompt for one inline request from the editor's documents: FIM for Qwen, or the
// fill-the-gap question for a chat model.
import { takeDocumentWindow } from '../core/documentWindow';
import type { CompletionTarget, InlineSettings } from '../core/inline/availability';
import type { BuildInlinePrompt } from '../core/inline/contract';
import { fillGapQuestion } from '../core/prompts';
import { buildQwenFimPrompt } from '../core/qwenFim';

/** Until the tokenizer is wired in: a token is about four characters of code. */
const CHARS_PER_TOKEN = 4;

export function createPromptBuilder(settings: InlineSettings, target: CompletionTarget): BuildInlinePrompt {
  return async (request) => {
    const window = takeDocumentWindow(request.text, request.offset, {
      maxPrefixChars: settings.prefixTokens * CHARS_PER_TOKEN,
      maxSuffixChars: settings.suffixTokens * CHARS_PER_TOKEN,
    });
    return target.template === 'qwen-fim' ? buildQwenFimPrompt(window) : fillGapQuestion(window.prefix, window.suffix, request.languageId);
  };
}
