// Cuts text to a token budget on line boundaries, counting only the lines it may keep.
import { LineTokenCounter, splitLinesKeepingEnds } from './lineTokenCounter';

export interface CutText {
  text: string;
  tokens: number;
}

/** Where the kept lines grow from: the start (a suffix, a file's head), the end (a prefix), or a line. */
export type CutAnchor = { from: 'start' } | { from: 'end' } | { from: 'line'; line: number };

const FIRST_BATCH = 32;
const MAX_BATCH = 1024;

/**
 * The longest run of whole lines around the anchor whose tokens fit `budget`, growing
 * alternately below and above the anchor line. Lines are counted in growing batches, so a
 * 10,000-line file costs only the lines near the anchor.
 */
export async function cutToBudget(text: string, budget: number, anchor: CutAnchor, counter: LineTokenCounter, signal?: AbortSignal): Promise<CutText> {
  const lines = splitLinesKeepingEnds(text); // lines, or a line with the blank lines below it
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
  return { text: lines.slice(low, high).join(''), tokens };
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

/** Moves a cut off the middle of a surrogate pair. */
function safeCut(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff ? index + 1 : index;
}
