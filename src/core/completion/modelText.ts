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

/** Chat models wrap code in a fence even when asked not to; keep only the code. */
export function stripCodeFence(text: string): string {
  const fenced = /^\s*(```|~~~)[^\n]*\n([\s\S]*?)\n?\1\s*$/.exec(text);
  return fenced ? fenced[2] : text;
}

export function isBlank(text: string): boolean {
  return text.trim().length === 0;
}
