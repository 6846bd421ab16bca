// The benchmark's stand-in for Qwen2.5-Coder: it knows the file the typist is writing and answers
// a FIM prompt with what the file really has after the cursor, up to the end of the block, the way
// a good model often does. One answer in four guesses the second line wrong, as real models do,
// so typing through a suggestion can end in a divergence. Deterministic: same prompt, same answer.

const MAX_TAIL = 400;
const MAX_ANSWER_LINES = 5;
const WRONG_GUESS_EVERY = 4;

/** Where in `source` the text before the cursor ends: the longest tail of `prefix` found there. */
export function locateInSource(source: string, prefix: string): number {
  let low = 0;
  let high = Math.min(MAX_TAIL, prefix.length);
  // Tails that occur form a prefix of lengths (a shorter tail of an occurring tail occurs too).
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (source.includes(prefix.slice(prefix.length - middle))) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  if (low === 0) {
    return Math.min(prefix.length, source.length);
  }
  const tail = prefix.slice(prefix.length - low);
  let best = -1;
  for (let at = source.indexOf(tail); at !== -1; at = source.indexOf(tail, at + 1)) {
    const end = at + tail.length;
    if (best === -1 || Math.abs(end - prefix.length) < Math.abs(best - prefix.length)) {
      best = end;
    }
  }
  return best;
}

/**
 * The rest of the line, then the following lines up to a blank line, at most MAX_ANSWER_LINES
 * lines with code; blank lines right at the start are passed over, as a model writes its way to
 * the next statement.
 */
function blockAfter(source: string, position: number): string {
  const lines = source.slice(position).split('\n');
  const kept: string[] = [];
  let code = 0;
  for (const line of lines) {
    if (line.trim().length === 0 && code > 0 && kept.length > 0) {
      break;
    }
    kept.push(line);
    if (line.trim().length > 0 && ++code === MAX_ANSWER_LINES) {
      break;
    }
  }
  return kept.join('\n');
}

function hash(text: string): number {
  let value = 2166136261;
  for (let index = 0; index < text.length; index++) {
    value = Math.imul(value ^ text.charCodeAt(index), 16777619);
  }
  return value >>> 0;
}

export function answerFromSource(source: string, fim: { prefix: string; suffix: string }): string {
  const position = locateInSource(source, fim.prefix);
  let answer = blockAfter(source, position);
  // Fill in the middle: stop where the text after the cursor takes over.
  const suffixHead = fim.suffix.slice(0, 40);
  if (suffixHead.trim().length > 0) {
    const resumes = source.indexOf(suffixHead, position);
    if (resumes !== -1 && resumes - position < answer.length) {
      answer = source.slice(position, resumes);
    }
  }
  const lines = answer.split('\n');
  if (lines.length > 2 && hash(fim.prefix.slice(-200)) % WRONG_GUESS_EVERY === 0) {
    const indent = /^[ \t]*/.exec(lines[1])?.[0] ?? '';
    return `${lines[0]}\n${indent}${lines[lines.length - 1].trim()}`;
  }
  return answer;
}
