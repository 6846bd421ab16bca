// Keeps keys out of anything written down: logs, error details, messages.

const BEARER_PATTERN = /Bearer\s+[^\s"',]+/gi;
/** Shorter values are too likely to occur by chance to be worth masking. */
const MIN_SECRET_LENGTH = 4;

export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) {
      result = result.split(secret).join('***');
    }
  }
  return result.replace(BEARER_PATTERN, 'Bearer ***');
}
