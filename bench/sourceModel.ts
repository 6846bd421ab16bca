// The benchmark's stand-in for Qwen2.5-Coder: it knows the file the typist is writing and answers
// a FIM prompt with what the file really has after the cursor, up to the end of the block, the way
// a good model often does. One answer in four guesses the second line wrong, as real models do,
// so typing through a suggestion can end in a divergence. With an accuracy below 1, only that share
// of cursor positions (picked by a hash of the position in the file, so every pipeline meets the
// same answer at the same place) get the right answer; elsewhere the answer starts right and goes
// on with plausible code from elsewhere in the file. Deterministic: same prompt, same answer.

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

/** Whether the model gets the answer at `position` of the file right, for a share `accuracy` of positions. */
export function answersRightAt(position: number, accuracy: number): boolean {
  return accuracy >= 1 || (hash(`position ${position}`) % 10_000) / 10_000 < accuracy;
}

/**
 * A wrong answer that a model could give: the first word of the right one (the model saw where
 * the code was going), then the rest of some other line of the file, and for each further line
 * another line of the file at that line's indentation.
 */
function plausiblyWrong(source: string, right: string, position: number): string {
  const head = /^\s*([\p{L}\p{N}_$]+|\S)/u.exec(right)?.[0] ?? right;
  const candidates = source.split('\n').filter((line) => line.trim().length > 3);
  if (head.length === right.length || candidates.length < 2) {
    return right;
  }
  const rightLines = right.slice(head.length).split('\n');
  let seed = hash(`wrong ${position}`);
  /** Some other line of the file, shaped by `shape`, that differs from `avoid`. */
  const other = (avoid: string, shape: (line: string) => string): string => {
    for (let attempt = 0; attempt < candidates.length; attempt++) {
      seed = Math.imul(seed ^ (seed >>> 13), 0x5bd1e995) >>> 0;
      const line = shape(candidates[seed % candidates.length].trim());
      if (line.trim() !== avoid.trim()) {
        return line;
      }
    }
    return shape(candidates[0].trim());
  };
  // The first line goes on after the head as another line does after its own first word.
  const first = other(head + rightLines[0], (line) => head + line.replace(/^([\p{L}\p{N}_$]+|\S)/u, ''));
  const more = rightLines.slice(1).map((line) => (line.trim().length === 0 ? line : other(line, (code) => `${/^[ \t]*/.exec(line)?.[0] ?? ''}${code}`)));
  return [first, ...more].join('\n');
}

export function answerFromSource(source: string, fim: { prefix: string; suffix: string }, accuracy = 1): string {
  const right = rightAnswer(source, fim);
  const position = locateInSource(source, fim.prefix);
  return answersRightAt(position, accuracy) ? right : plausiblyWrong(source, right, position);
}

function rightAnswer(source: string, fim: { prefix: string; suffix: string }): string {
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
