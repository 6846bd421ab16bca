// Turns the model's raw continuation into what is shown as ghost text. Every step only shortens
// the text from its end (or drops it), so what is shown is always a prefix of what the model wrote;
// the engine relies on that to serve typed-through characters from the same generation.
import { isBlank, trimSuffixOverlap } from '../modelText';

/** The cursor's surroundings that post-processing needs. */
export interface CursorContext {
  /** The document before the cursor. */
  prefix: string;
  /** The document after the cursor. */
  suffix: string;
}

export type CompletionShape = 'line' | 'block';

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** A block may be offered where the rest of the line is empty or the cursor sits between a bracket pair. */
function chooseShape({ prefix, suffix }: CursorContext): CompletionShape {
  const restOfLine = firstLine(suffix);
  if (isBlank(restOfLine)) {
    return 'block';
  }
  const opener = /([{([])[ \t]*$/.exec(lastLine(prefix))?.[1];
  return opener !== undefined && restOfLine.trimStart().startsWith(OPENERS[opener]) ? 'block' : 'line';
}

/** Keeps at most `maxLines` lines (the line the cursor is on counts as the first). */
function capLines(text: string, maxLines: number): string {
  let end = -1;
  for (let line = 0; line < maxLines; line++) {
    end = text.indexOf('\n', end + 1);
    if (end === -1) {
      return text;
    }
  }
  return text.slice(0, end);
}

/** Cuts the completion where it starts repeating a line that already follows the cursor. */
function trimRepeatedFollowingLines(text: string, suffix: string): string {
  const following = firstNonBlankLine(suffix.slice(firstLine(suffix).length));
  if (following === undefined) {
    return text;
  }
  const lines = text.split('\n');
  for (let index = 1; index < lines.length; index++) {
    if (lines[index].trim() === following) {
      return lines.slice(0, index).join('\n').replace(/\s+$/, '');
    }
  }
  return text;
}

/** Removes the end of a one-line completion that the rest of the line already has. */
function trimRestOfLineRepeat(text: string, suffix: string): string {
  return trimSuffixOverlap(text, firstLine(suffix));
}

/**
 * Brackets stay balanced with what follows: the completion stops before it would close a bracket
 * (opened before the cursor) that the rest of the line closes already.
 */
function balanceWithRestOfLine(text: string, suffix: string): string {
  const pendingClosers = unmatchedClosers(firstLine(suffix));
  if (pendingClosers.length === 0) {
    return text;
  }
  const stack: string[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\n') {
      break;
    }
    if (OPENERS[char]) {
      stack.push(char);
    } else if (CLOSERS[char]) {
      if (stack.length > 0 && stack[stack.length - 1] === CLOSERS[char]) {
        stack.pop();
      } else if (pendingClosers[0] === char) {
        return text.slice(0, index).replace(/[ \t]+$/, '');
      }
    }
  }
  return text;
}

/** Closers in `line` that close something opened before it, in order. */
function unmatchedClosers(line: string): string[] {
  const stack: string[] = [];
  const unmatched: string[] = [];
  for (const char of line) {
    if (OPENERS[char]) {
      stack.push(char);
    } else if (CLOSERS[char]) {
      if (stack.length > 0 && stack[stack.length - 1] === CLOSERS[char]) {
        stack.pop();
      } else {
        unmatched.push(char);
      }
    }
  }
  return unmatched;
}

/** The model repeated the line the cursor is on, or the last line before it. */
function repeatsPrefix(text: string, prefix: string): boolean {
  const firstCompletionLine = firstNonBlankLine(text);
  if (firstCompletionLine === undefined) {
    return false;
  }
  const currentLine = lastLine(prefix).trim();
  const previousLine = previousNonBlankLine(prefix);
  if (currentLine.length > 0 && text.startsWith('\n') && firstCompletionLine === currentLine) {
    return true;
  }
  return currentLine.length === 0 && firstCompletionLine === previousLine && firstCompletionLine.length > 3;
}

export interface ShapedCompletion {
  /** What to show; '' for nothing. */
  text: string;
  /** More text from the model could not change `text`. */
  final: boolean;
}

/**
 * The text to show for `raw` at the cursor. `complete` says the model has finished; otherwise
 * only whole lines are kept, since the last one may still be growing.
 */
export function shapeCompletion(raw: string, context: CursorContext, maxLines: number, complete: boolean): ShapedCompletion {
  const shape = chooseShape(context);
  const lines = Math.max(1, maxLines);
  // A completion that starts with a line break has nothing for this line.
  let text = shape === 'line' ? firstLine(raw) : capLines(raw, lines);
  const final = complete || text.length < raw.length;
  if (!final) {
    const lastBreak = text.lastIndexOf('\n');
    text = lastBreak === -1 ? '' : text.slice(0, lastBreak);
  }
  text = trimRepeatedFollowingLines(text, context.suffix);
  if (shape === 'line') {
    text = balanceWithRestOfLine(trimRestOfLineRepeat(text, context.suffix), context.suffix);
  } else {
    text = trimSuffixOverlap(text, context.suffix);
  }
  text = text.replace(/\s+$/, '');
  if (isBlank(text) || repeatsPrefix(text, context.prefix)) {
    return { text: '', final };
  }
  return { text, final };
}

/** Line breaks the model must write before the shape at `context` has all it can show. */
export function lineBreaksNeeded(context: CursorContext, maxLines: number): number {
  return chooseShape(context) === 'line' ? 1 : Math.max(1, maxLines);
}

/** Lines a block may hold where it does not follow a block opener: the line and the next. */
const STATEMENT_LINES = 2;
/** Room for one line of code in tokens, generous for long lines. */
const TOKENS_PER_LINE = 32;

/**
 * What a request at `context` should ask for, so that a wrong answer costs little: one line
 * mid-line, a block after a block opener (`:`, `{`, `(`, `[`, `=>` ending the line before, or the
 * cursor between brackets), the line and the next elsewhere, unless the model has lately proved
 * right (`trusted`), which earns it a block there too.
 */
export function requestBudget(context: CursorContext, maxLines: number, maxTokens: number, trusted = false): { lineBreaks: number; maxTokens: number } {
  const needed = lineBreaksNeeded(context, maxLines);
  const lineBreaks = needed === 1 || trusted || opensBlock(context) ? needed : Math.min(needed, STATEMENT_LINES);
  return { lineBreaks, maxTokens: Math.min(maxTokens, lineBreaks * TOKENS_PER_LINE) };
}

function opensBlock({ prefix, suffix }: CursorContext): boolean {
  const before = prefix.replace(/\s+$/, '');
  if (/(?:[:{([]|=>)$/.test(before)) {
    return true;
  }
  const opener = /([{([])[ \t]*$/.exec(lastLine(prefix))?.[1];
  return opener !== undefined && firstLine(suffix).trimStart().startsWith(OPENERS[opener]);
}

function firstLine(text: string): string {
  const newline = text.indexOf('\n');
  return newline === -1 ? text : text.slice(0, newline);
}

function lastLine(text: string): string {
  return text.slice(text.lastIndexOf('\n') + 1);
}

/** The last non-blank line before the cursor's line, scanning back from the end only. */
function previousNonBlankLine(prefix: string): string | undefined {
  let end = prefix.lastIndexOf('\n');
  while (end > 0) {
    const start = prefix.lastIndexOf('\n', end - 1);
    const line = prefix.slice(start + 1, end).trim();
    if (line.length > 0) {
      return line;
    }
    end = start;
  }
  return undefined;
}

function firstNonBlankLine(text: string): string | undefined {
  for (const line of text.split('\n', 50)) {
    if (line.trim().length > 0) {
      return line.trim();
    }
  }
  return undefined;
}
