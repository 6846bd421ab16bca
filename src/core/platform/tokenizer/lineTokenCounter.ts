// Token counts of text pieces (lines, in practice), cached by the piece's text so re-counting a
// document after one keystroke tokenises only the line that changed.
import { LruMap } from '../lru';
import type { TokenEncoder } from './tokenEncoder';

/** Longer pieces (minified code) are counted but not kept: they would crowd the cache out. */
const MAX_CACHED_PIECE_CHARS = 4_000;

export interface CounterStatistics {
  hits: number;
  misses: number;
}

export class LineTokenCounter {
  private readonly cache: LruMap<string, number>;
  readonly statistics: CounterStatistics = { hits: 0, misses: 0 };

  constructor(
    private readonly encoder: TokenEncoder,
    capacity = 20_000,
  ) {
    this.cache = new LruMap(capacity);
  }

  /** The token count of each piece; only pieces not seen recently go to the tokenizer, in one batch. */
  async count(pieces: readonly string[]): Promise<number[]> {
    const counts = new Array<number>(pieces.length);
    const missing = new Map<string, number[]>();
    pieces.forEach((piece, index) => {
      const cached = this.cache.get(piece);
      if (cached !== undefined) {
        counts[index] = cached;
        this.statistics.hits++;
      } else {
        const indexes = missing.get(piece);
        if (indexes) {
          indexes.push(index);
        } else {
          missing.set(piece, [index]);
        }
      }
    });
    if (missing.size > 0) {
      const texts = [...missing.keys()];
      const fresh = await this.encoder.countTokens(texts);
      this.statistics.misses += texts.length;
      texts.forEach((text, position) => {
        const count = fresh[position];
        if (text.length <= MAX_CACHED_PIECE_CHARS) {
          this.cache.set(text, count);
        }
        for (const index of missing.get(text)!) {
          counts[index] = count;
        }
      });
    }
    return counts;
  }

  /** Tokens in `text`, counted line by line (an upper bound within a few percent of the exact count). */
  async countText(text: string): Promise<number> {
    const counts = await this.count(splitLinesKeepingEnds(text));
    return counts.reduce((sum, count) => sum + count, 0);
  }
}

/**
 * Lines with their line ends kept, so joining them gives the text back. Blank lines stay with the
 * line above: Qwen tokenises a run of newlines as one token, so counting them apart would overcount.
 * (A loop over indexOf: several times faster than a regular-expression split on every keystroke.)
 */
export function splitLinesKeepingEnds(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    const lineEnd = text.indexOf('\n', start) + 1 || text.length;
    const line = text.slice(start, lineEnd);
    if (pieces.length > 0 && line.endsWith('\n') && isBlank(line)) {
      pieces[pieces.length - 1] += line;
    } else {
      pieces.push(line);
    }
    start = lineEnd;
  }
  return pieces;
}

function isBlank(line: string): boolean {
  for (let index = 0; index < line.length; index++) {
    const char = line.charCodeAt(index);
    if (char !== 0x20 && char !== 0x09 && char !== 0x0d && char !== 0x0a) {
      return false;
    }
  }
  return true;
}
