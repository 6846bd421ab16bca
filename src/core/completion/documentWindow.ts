// The text around the cursor that goes into a completion prompt, cut on line boundaries.

export interface DocumentWindow {
  prefix: string;
  suffix: string;
}

export interface WindowLimits {
  maxPrefixChars: number;
  maxSuffixChars: number;
}

const DEFAULT_WINDOW_LIMITS: WindowLimits = { maxPrefixChars: 8000, maxSuffixChars: 2000 };

export function takeDocumentWindow(text: string, offset: number, limits: WindowLimits = DEFAULT_WINDOW_LIMITS): DocumentWindow {
  return {
    prefix: keepTailLines(text.slice(0, offset), limits.maxPrefixChars),
    suffix: keepHeadLines(text.slice(offset), limits.maxSuffixChars),
  };
}

/** The last `max` characters, starting at a line start so no line is cut in half. */
function keepTailLines(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  const start = text.length - max;
  const lineStart = text.indexOf('\n', start);
  return lineStart === -1 ? text.slice(start) : text.slice(lineStart + 1);
}

/** The first `max` characters, ending at a line end. */
function keepHeadLines(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  const lineEnd = text.lastIndexOf('\n', max);
  return lineEnd <= 0 ? text.slice(0, max) : text.slice(0, lineEnd + 1);
}
