// Turns what a model wrote into the text we insert.
import { stripThinkBlocks } from '../platform/thinkTags';

/** Removes the part of the completion that the document already has right after the cursor. */
export function trimSuffixOverlap(completion: string, suffix: string): string {
  const suffixHead = suffix.replace(/^[ \t]*/, '');
  if (!suffixHead) {
    return completion;
  }
  const maxOverlap = Math.min(completion.length, suffixHead.length);
  for (let length = maxOverlap; length > 0; length--) {
    const tail = completion.slice(completion.length - length);
    if (suffixHead.startsWith(tail) && /\S/.test(tail)) {
      return completion.slice(0, completion.length - length).replace(/[ \t]+$/, '');
    }
  }
  return completion;
}

/** The code a chat model wrote to fill a gap: without its inline thinking or the fence around it. */
export function codeFromChatReply(text: string): string {
  return stripCodeFence(stripThinkBlocks(text));
}

/**
 * Chat models fence their code even when asked not to, often with prose before and after it: keep
 * only the code of the first fence. A fence the answer never closed (cut off by the token limit or a
 * dropped stream) runs to the end; an answer without a fence is all code.
 */
export function stripCodeFence(text: string): string {
  const opening = /^[ \t]*(`{3,}|~{3,})[^\n`]*\n/m.exec(text);
  if (!opening) {
    return text;
  }
  const fence = opening[1];
  const body = text.slice(opening.index + opening[0].length);
  const closing = new RegExp(`^[ \\t]*${fence[0]}{${fence.length},}[ \\t]*$`, 'm').exec(body);
  return closing ? body.slice(0, closing.index).replace(/\n$/, '') : body;
}

/**
 * What Complete Here inserts leaves no line of only whitespace: spaces before a line break go, and
 * where nothing follows the cursor on its line, so does the whitespace (line breaks too) at the end.
 */
export function withoutTrailingWhitespace(text: string, suffix: string): string {
  const trimmedLines = text.replace(/[ \t]+(?=\r?\n)/g, '');
  return isBlank(suffix.split('\n', 1)[0]) ? trimmedLines.replace(/\s+$/, '') : trimmedLines;
}

export function isBlank(text: string): boolean {
  return text.trim().length === 0;
}
