// Qwen2.5's tokenizer (Qwen3 ships the same vocabulary) as a compact byte-level BPE: the merges
// sit in typed arrays (~8 MB once loaded) instead of a general tokenizer's strings and maps
// (~170 MB). It follows Hugging Face's pipeline for this tokenizer.json: added tokens first, then
// NFC, the pre-tokenizer's pattern, UTF-8 bytes, and merges lowest rank first, leftmost on a tie.
// Only the tokenizer worker and tests import this file; the extension reaches it through `tokenEncoder.ts`.
import { QWEN_ADDED_TOKENS, QWEN_BYTE_TOKENS, QWEN_MERGES } from './qwenMerges';

export interface QwenTokenizer {
  /** Token ids of `text`, with added tokens (`<|fim_prefix|>` …) recognised as single ids. */
  encode(text: string): number[];
}

/**
 * The pre-tokenizer's pattern in JavaScript: `(?i:'s|…)` spelled out, since inline flags are not
 * JavaScript (the same rewrite transformers.js makes).
 */
const PRE_TOKEN = /'(?:[sS]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;

/** Ids are below 2^18, so a pair (left, right) hashes from both and is stored in two arrays. */
const ID_BITS = 18;
const NO_MERGE = 0x7fffffff;

export function loadQwenTokenizer(): QwenTokenizer {
  return new ByteLevelBpe(decodeBase64(QWEN_BYTE_TOKENS), decodeBase64(QWEN_MERGES), QWEN_ADDED_TOKENS);
}

function decodeBase64(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

class ByteLevelBpe implements QwenTokenizer {
  private readonly tokenOfByte = new Int32Array(256);
  /** Open addressing: slot → (left, right) and the rank of merging them; rank -1 marks an empty slot. */
  private readonly slotLeft: Int32Array;
  private readonly slotRight: Int32Array;
  private readonly slotRank: Int32Array;
  private readonly slotMask: number;
  private readonly addedIds: Map<string, number>;
  private readonly addedPattern: RegExp;
  /** Scratch for one pre-token: its current parts and the rank of merging each part with the next. */
  private parts = new Int32Array(256);
  private ranks = new Int32Array(256);

  constructor(byteOfToken: Uint8Array, merges: Uint8Array, added: readonly (readonly [string, number])[]) {
    byteOfToken.forEach((byte, id) => (this.tokenOfByte[byte] = id));
    const mergeCount = merges.length / 6;
    let slots = 1;
    while (slots < mergeCount * 3) {
      slots *= 2; // load ≤ 1/3: most lookups are for pairs that do not merge, and they end at an empty slot
    }
    this.slotMask = slots - 1;
    this.slotLeft = new Int32Array(slots);
    this.slotRight = new Int32Array(slots);
    this.slotRank = new Int32Array(slots).fill(-1);
    for (let rank = 0; rank < mergeCount; rank++) {
      const at = rank * 6;
      const left = merges[at] | (merges[at + 1] << 8) | (merges[at + 2] << 16);
      const right = merges[at + 3] | (merges[at + 4] << 8) | (merges[at + 5] << 16);
      let slot = this.slotOf(left, right);
      while (this.slotRank[slot] !== -1) {
        slot = (slot + 1) & this.slotMask;
      }
      this.slotLeft[slot] = left;
      this.slotRight[slot] = right;
      this.slotRank[slot] = rank;
    }
    this.addedIds = new Map(added);
    // Longest first, so a token that begins another can never cut it short.
    const alternatives = added.map(([token]) => token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length);
    this.addedPattern = new RegExp(alternatives.join('|'), 'g');
  }

  encode(text: string): number[] {
    const ids: number[] = [];
    let start = 0;
    for (const match of text.matchAll(this.addedPattern)) {
      this.encodeOrdinary(text.slice(start, match.index), ids);
      ids.push(this.addedIds.get(match[0])!);
      start = match.index + match[0].length;
    }
    this.encodeOrdinary(start === 0 ? text : text.slice(start), ids);
    return ids;
  }

  private encodeOrdinary(text: string, ids: number[]): void {
    if (text.length === 0) {
      return;
    }
    for (const match of text.normalize('NFC').matchAll(PRE_TOKEN)) {
      this.encodePreToken(match[0], ids);
    }
  }

  private encodePreToken(piece: string, ids: number[]): void {
    let count = this.toByteTokens(piece);
    const parts = this.parts;
    const ranks = this.ranks;
    for (let index = 0; index + 1 < count; index++) {
      ranks[index] = this.rankOf(parts[index], parts[index + 1]);
    }
    while (count > 1) {
      let best = -1;
      let bestRank = NO_MERGE;
      for (let index = 0; index + 1 < count; index++) {
        if (ranks[index] < bestRank) {
          bestRank = ranks[index];
          best = index;
        }
      }
      if (best === -1) {
        break;
      }
      parts[best] = 256 + bestRank;
      parts.copyWithin(best + 1, best + 2, count);
      ranks.copyWithin(best, best + 1, count - 1);
      count--;
      if (best > 0) {
        ranks[best - 1] = this.rankOf(parts[best - 1], parts[best]);
      }
      if (best + 1 < count) {
        ranks[best] = this.rankOf(parts[best], parts[best + 1]);
      }
    }
    for (let index = 0; index < count; index++) {
      ids.push(parts[index]);
    }
  }

  /** Puts the byte tokens of `piece`'s UTF-8 form into `parts` (a lone surrogate becomes U+FFFD, as TextEncoder does). */
  private toByteTokens(piece: string): number {
    if (this.parts.length < piece.length * 3) {
      this.parts = new Int32Array(piece.length * 3);
      this.ranks = new Int32Array(piece.length * 3);
    }
    const parts = this.parts;
    const byteToken = this.tokenOfByte;
    let count = 0;
    for (let index = 0; index < piece.length; index++) {
      let code = piece.charCodeAt(index);
      if (code >= 0xd800 && code <= 0xdfff) {
        const next = piece.charCodeAt(index + 1);
        if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          index++;
        } else {
          code = 0xfffd;
        }
      }
      if (code < 0x80) {
        parts[count++] = byteToken[code];
      } else if (code < 0x800) {
        parts[count++] = byteToken[0xc0 | (code >> 6)];
        parts[count++] = byteToken[0x80 | (code & 0x3f)];
      } else if (code < 0x10000) {
        parts[count++] = byteToken[0xe0 | (code >> 12)];
        parts[count++] = byteToken[0x80 | ((code >> 6) & 0x3f)];
        parts[count++] = byteToken[0x80 | (code & 0x3f)];
      } else {
        parts[count++] = byteToken[0xf0 | (code >> 18)];
        parts[count++] = byteToken[0x80 | ((code >> 12) & 0x3f)];
        parts[count++] = byteToken[0x80 | ((code >> 6) & 0x3f)];
        parts[count++] = byteToken[0x80 | (code & 0x3f)];
      }
    }
    return count;
  }

  private rankOf(left: number, right: number): number {
    let slot = this.slotOf(left, right);
    for (;;) {
      const rank = this.slotRank[slot];
      if (rank === -1) {
        return NO_MERGE;
      }
      if (this.slotLeft[slot] === left && this.slotRight[slot] === right) {
        return rank;
      }
      slot = (slot + 1) & this.slotMask;
    }
  }

  private slotOf(left: number, right: number): number {
    let hash = Math.imul(left ^ (right << ID_BITS) ^ (right >>> (32 - ID_BITS)), 0x9e3779b1);
    hash ^= hash >>> 15;
    return hash & this.slotMask;
  }
}
