// Cuts text to a token budget on line boundaries, looking only at the text near the anchor.
import { LineTokenCounter, splitLinesKeepingEnds } from '../../platform/tokenizer/lineTokenCounter';

export interface CutText {
  text: string;
  tokens: number;
}

/** Where the kept lines grow from: the start (a suffix, a file's head), the end (a prefix), or a line. */
export type CutAnchor = { from: 'start' } | { from: 'end' } | { from: 'line'; line: number };

const FIRST_BATCH = 32;
const MAX_BATCH = 1024;
/** Code averages 3–4 characters a token; the window grows when a budget could reach past it. */
const WINDOW_CHARS_PER_TOKEN = 16;

/**
 * The longest run of whole lines around the anchor whose tokens fit `budget`, growing
 * alternately below and above the anchor line. Only a window of text around the anchor is split
 * and counted, so a keystroke in a 10,000-line file costs about what one in a 100-line file does.
 */
export async function cutToBudget(text: string, budget: number, anchor: CutAnchor, counter: LineTokenCounter, signal?: AbortSignal): Promise<CutText> {
  for (let window = Math.max(budget, 1) * WINDOW_CHARS_PER_TOKEN; ; window *= 4) {
    const region = regionAround(text, anchor, window);
    const cut = await cutLines(splitLinesKeepingEnds(region.text), budget, region.anchor, counter, signal);
    const starved = (cut.reachedFirst && region.clippedBefore) || (cut.reachedLast && region.clippedAfter);
    if (!starved) {
      return { text: cut.text, tokens: cut.tokens };
    }
  }
}

interface Region {
  text: string;
  anchor: CutAnchor;
  clippedBefore: boolean;
  clippedAfter: boolean;
}

/** About `window` characters of `text` around the anchor, starting and ending on line boundaries. */
function regionAround(text: string, anchor: CutAnchor, window: number): Region {
  const whole: Region = { text, anchor, clippedBefore: false, clippedAfter: false };
  if (text.length <= window) {
    return whole;
  }
  if (anchor.from === 'end') {
    const from = text.indexOf('\n', text.length - window) + 1;
    return from <= 0 || from >= text.length ? whole : { text: text.slice(from), anchor, clippedBefore: true, clippedAfter: false };
  }
  if (anchor.from === 'start') {
    const to = text.indexOf('\n', window) + 1;
    return to <= 0 ? whole : { text: text.slice(0, to), anchor, clippedBefore: false, clippedAfter: to < text.length };
  }
  const lineStart = offsetOfLine(text, anchor.line);
  const half = Math.ceil(window / 2);
  const from = lineStart <= half ? 0 : text.indexOf('\n', lineStart - half) + 1;
  const afterEnd = text.indexOf('\n', lineStart + half) + 1;
  const to = afterEnd <= 0 ? text.length : afterEnd;
  const before = text.slice(from, lineStart);
  return {
    text: text.slice(from, to),
    anchor: { from: 'line', line: before.split('\n').length - 1 },
    clippedBefore: from > 0,
    clippedAfter: to < text.length,
  };
}

/** Where line `line` (0-based) starts; the last line's start for a line past the end. */
function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let index = 0; index < line; index++) {
    const next = text.indexOf('\n', offset) + 1;
    if (next === 0) {
      break;
    }
    offset = next;
  }
  return offset;
}

interface LinesCut extends CutText {
  /** The kept run starts at the first line: a larger region might have allowed more above. */
  reachedFirst: boolean;
  reachedLast: boolean;
}

async function cutLines(lines: string[], budget: number, anchor: CutAnchor, counter: LineTokenCounter, signal?: AbortSignal): Promise<LinesCut> {
  const counts = new Array<number | undefined>(lines.length);
  const start = anchor.from === 'start' ? 0 : anchor.from === 'end' ? lines.length : pieceHoldingLine(lines, anchor.line);
  let low = start; // kept lines are [low, high)
  let high = start;
  let tokens = 0;
  let batch = FIRST_BATCH;
  let canGrowDown = true;
  let canGrowUp = true;

  const countOf = async (index: number, downward: boolean): Promise<number> => {
    if (counts[index] === undefined) {
      const from = downward ? index : Math.max(0, index - batch + 1);
      const to = downward ? Math.min(lines.length, index + batch) : index + 1;
      const fresh = await counter.count(lines.slice(from, to));
      signal?.throwIfAborted();
      fresh.forEach((count, offset) => (counts[from + offset] = count));
      batch = Math.min(batch * 2, MAX_BATCH);
    }
    return counts[index]!;
  };

  while (canGrowDown || canGrowUp) {
    if (canGrowDown) {
      canGrowDown = high < lines.length && tokens + (await countOf(high, true)) <= budget;
      if (canGrowDown) {
        tokens += counts[high++]!;
      }
    }
    if (canGrowUp) {
      canGrowUp = low > 0 && tokens + (await countOf(low - 1, false)) <= budget;
      if (canGrowUp) {
        tokens += counts[--low]!;
      }
    }
  }
  signal?.throwIfAborted();
  return { text: lines.slice(low, high).join(''), tokens, reachedFirst: low === 0, reachedLast: high === lines.length };
}

/** Pieces may hold a line and the blank lines after it, so line numbers and piece indexes differ. */
function pieceHoldingLine(pieces: readonly string[], line: number): number {
  let linesSeen = 0;
  for (let index = 0; index < pieces.length; index++) {
    linesSeen += pieces[index].split('\n').length - 1;
    if (linesSeen > line) {
      return index;
    }
  }
  return pieces.length;
}

/**
 * The part of one line nearest the cursor that fits `budget`, for the rare line that alone is
 * over it (minified code): a binary search on where to cut, counting each candidate.
 */
export async function cutLineToBudget(line: string, budget: number, keep: 'head' | 'tail', counter: LineTokenCounter): Promise<CutText> {
  const slice = (length: number) => (keep === 'head' ? line.slice(0, safeCut(line, length)) : line.slice(safeCut(line, line.length - length)));
  let best: CutText = { text: '', tokens: 0 };
  let low = 0;
  let high = line.length;
  while (low <= high) {
    const length = Math.floor((low + high) / 2);
    const text = slice(length);
    const tokens = await counter.countText(text);
    if (tokens <= budget) {
      best = { text, tokens };
      low = length + 1;
    } else {
      high = length - 1;
    }
  }
  return best;
}

/** Moves a cut off the middle of a surrogate pair. */
function safeCut(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff ? index + 1 : index;
}
