// Reasoning models served without a reasoning parser (e.g. an R1 distill on an instance) write
// their thinking into the content as `<think>…</think>`. This routes it to the reasoning stream.

const OPEN = '<think>';
const CLOSE = '</think>';

export interface SplitDelta {
  content: string;
  reasoning: string;
}

/**
 * Splits streamed content into answer and reasoning, also when a tag arrives split across chunks.
 * Only a `<think>` before any answer text opens reasoning, so an answer that talks about the tag
 * itself is left alone.
 */
export class ThinkTagSplitter {
  private thinking = false;
  private answerStarted = false;
  /** After `</think>`, the blank lines that separate it from the answer are dropped. */
  private trimAnswerStart = false;
  /** The end of the last chunk when it could be the start of a tag. */
  private pending = '';

  push(chunk: string): SplitDelta {
    const out: SplitDelta = { content: '', reasoning: '' };
    let text = this.pending + chunk;
    this.pending = '';
    while (text) {
      if (this.thinking) {
        const close = text.indexOf(CLOSE);
        if (close === -1) {
          const keep = partialTagLength(text, CLOSE);
          out.reasoning += text.slice(0, text.length - keep);
          this.pending = text.slice(text.length - keep);
          return out;
        }
        out.reasoning += text.slice(0, close);
        text = text.slice(close + CLOSE.length);
        this.thinking = false;
        this.trimAnswerStart = true;
        continue;
      }
      if (!this.answerStarted) {
        const trimmed = text.trimStart();
        if (trimmed.startsWith(OPEN)) {
          this.thinking = true;
          text = trimmed.slice(OPEN.length);
          continue;
        }
        if (OPEN.startsWith(trimmed)) {
          // Only whitespace or the start of `<think>` so far: wait for more.
          this.pending = text;
          return out;
        }
        if (this.trimAnswerStart) {
          text = trimmed;
        }
        this.answerStarted = true;
      }
      out.content += text;
      text = '';
    }
    return out;
  }

  /** What is still held back when the stream ends. */
  flush(): SplitDelta {
    const rest = this.pending;
    this.pending = '';
    if (this.thinking) {
      return { content: '', reasoning: rest };
    }
    return { content: this.trimAnswerStart ? rest.trimStart() : rest, reasoning: '' };
  }
}

/** How many characters at the end of `text` could begin `tag`. */
function partialTagLength(text: string, tag: string): number {
  for (let length = Math.min(tag.length - 1, text.length); length > 0; length--) {
    if (tag.startsWith(text.slice(text.length - length))) {
      return length;
    }
  }
  return 0;
}

/**
 * Removes leading inline thinking from a finished text (e.g. an answer stored before it was split);
 * it must never be sent back. As in the splitter, a tag after answer text is the answer's own.
 */
export function stripThinkBlocks(text: string): string {
  return text.replace(/^\s*<think>[\s\S]*?(<\/think>\s*|$)/, '');
}
