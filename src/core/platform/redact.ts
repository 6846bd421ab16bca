// Keeps keys out of anything written down: logs, error details, messages.

const BEARER_PATTERN = /Bearer\s+[^\s"',]+/gi;
/** Shorter values are too likely to occur by chance to be worth masking. */
const MIN_SECRET_LENGTH = 4;
/** Servers echo part of a key ("sk-drun-0123…"): any run this long taken from a key is masked. */
const MIN_FRAGMENT_LENGTH = 8;
const MASK = '***';

/**
 * Masks known keys and every fragment of at least MIN_FRAGMENT_LENGTH characters of them.
 * Each key is cut into its windows of that length once, when added, so redacting a text costs
 * one set lookup per character, whatever the number of keys.
 */
export class SecretRedactor {
  private readonly windows = new Set<string>();
  /** Keys too short to cut into windows, masked only whole. */
  private readonly shortSecrets = new Set<string>();

  /** Keys are registered trimmed, as they are sent. */
  add(secret: string | undefined): void {
    const trimmed = secret?.trim() ?? '';
    if (trimmed.length < MIN_SECRET_LENGTH) {
      return;
    }
    if (trimmed.length < MIN_FRAGMENT_LENGTH) {
      this.shortSecrets.add(trimmed);
      return;
    }
    for (let start = 0; start + MIN_FRAGMENT_LENGTH <= trimmed.length; start++) {
      this.windows.add(trimmed.slice(start, start + MIN_FRAGMENT_LENGTH));
    }
  }

  redact(text: string): string {
    let result = this.windows.size > 0 ? this.maskFragments(text) : text;
    for (const secret of this.shortSecrets) {
      result = result.split(secret).join(MASK);
    }
    return result.replace(BEARER_PATTERN, `Bearer ${MASK}`);
  }

  /** Every window found marks its characters; each run of marked characters becomes one mask. */
  private maskFragments(text: string): string {
    let result = '';
    let copiedUpTo = 0;
    let maskedUpTo = -1;
    for (let start = 0; start + MIN_FRAGMENT_LENGTH <= text.length; start++) {
      if (!this.windows.has(text.slice(start, start + MIN_FRAGMENT_LENGTH))) {
        continue;
      }
      if (start > maskedUpTo) {
        result += text.slice(copiedUpTo, start) + MASK;
      }
      maskedUpTo = start + MIN_FRAGMENT_LENGTH;
      copiedUpTo = maskedUpTo;
    }
    return copiedUpTo === 0 ? text : result + text.slice(copiedUpTo);
  }
}
