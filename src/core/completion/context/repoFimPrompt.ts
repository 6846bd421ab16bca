// Qwen2.5-Coder's repository-level fill-in-the-middle prompt:
//   <|repo_name|>{repo}\n<|file_sep|>{path}\n{content}\n … <|file_sep|>{current}\n<|fim_prefix|>…<|fim_suffix|>…<|fim_middle|>
// Prefix, suffix and related files each fit their own budget in Qwen tokens.
import { QWEN_FIM, stripFimTokens } from '../qwenFim';
import { CutAnchor, cutLineToBudget, cutToBudget, CutText } from './budgetCut';
import type { LineTokenCounter } from '../../platform/tokenizer/lineTokenCounter';
import { LruMap } from '../../platform/lru';
import { SETTINGS } from '../../platform/settings';

export interface TokenBudgets {
  prefix: number;
  suffix: number;
  /** The repository name and every related file's section. */
  context: number;
}

/** Small enough that an instance answers fast; about 10 KB of code. */
export const DEFAULT_TOKEN_BUDGETS: TokenBudgets = {
  prefix: SETTINGS.prefixTokens.default,
  suffix: SETTINGS.suffixTokens.default,
  context: SETTINGS.contextTokens.default,
};

/** The document being completed. `path` is what the model sees: workspace-relative, or a display name. */
export interface CurrentDocument {
  path: string;
  text: string;
  /** Cursor offset in `text`. */
  offset: number;
}

export type RelatedReason = 'import' | 'recentEdit' | 'openTab';

export interface RelatedFile {
  path: string;
  text: string;
  reason: RelatedReason;
  /** Line (0-based) to keep the lines around, e.g. the last edit; the file's head when absent. */
  focusLine?: number;
}

export interface RepoFimInput {
  repoName: string;
  current: CurrentDocument;
  /** Most relevant first; they go into the prompt in reverse, so the most relevant sits nearest the cursor. */
  related: readonly RelatedFile[];
  budgets: TokenBudgets;
}

export interface PromptTokens {
  prefix: number;
  suffix: number;
  context: number;
  /** Everything, including the current file's header and the FIM tokens. */
  total: number;
}

export interface RepoFimPrompt {
  prompt: string;
  tokens: PromptTokens;
  /** Paths of the related files that made it in, in prompt order. */
  contextFiles: string[];
}

/** `<|fim_prefix|>`, `<|fim_suffix|>`, `<|fim_middle|>`: one token each. */
const FIM_MARKER_TOKENS = 3;

export async function buildRepoFimPrompt(input: RepoFimInput, counter: LineTokenCounter, signal?: AbortSignal): Promise<RepoFimPrompt> {
  const { current, budgets } = input;
  // Cut first, then strip: only the kept text is scanned, and stripping can only lower a count.
  const prefix = stripCut(await cutPrefix(current.text.slice(0, current.offset), budgets.prefix, counter, signal));
  const suffix = stripCut(await cutSuffix(current.text.slice(current.offset), budgets.suffix, counter, signal));
  const context = await buildContext(input, counter, signal);
  const currentHeader = fileHeader(current.path);
  const headerTokens = await counter.countText(currentHeader);
  signal?.throwIfAborted();
  const prompt = `${context.text}${currentHeader}${QWEN_FIM.prefix}${prefix.text}${QWEN_FIM.suffix}${suffix.text}${QWEN_FIM.middle}`;
  return {
    prompt,
    tokens: {
      prefix: prefix.tokens,
      suffix: suffix.tokens,
      context: context.tokens,
      total: context.tokens + headerTokens + FIM_MARKER_TOKENS + prefix.tokens + suffix.tokens,
    },
    contextFiles: context.files,
  };
}

/** The lines just above the cursor; if the cursor's own line is over budget, its end. */
async function cutPrefix(text: string, budget: number, counter: LineTokenCounter, signal?: AbortSignal) {
  const cut = await cutToBudget(text, budget, { from: 'end' }, counter, signal);
  if (cut.text === '' && text !== '') {
    return cutLineToBudget(text.slice(text.lastIndexOf('\n') + 1), budget, 'tail', counter);
  }
  return cut;
}

/** The lines just below the cursor; if the rest of the cursor's line is over budget, its start. */
async function cutSuffix(text: string, budget: number, counter: LineTokenCounter, signal?: AbortSignal) {
  const cut = await cutToBudget(text, budget, { from: 'start' }, counter, signal);
  if (cut.text === '' && text !== '') {
    const lineEnd = text.indexOf('\n');
    return cutLineToBudget(lineEnd === -1 ? text : text.slice(0, lineEnd), budget, 'head', counter);
  }
  return cut;
}

interface Context {
  text: string;
  tokens: number;
  files: string[];
}

async function buildContext(input: RepoFimInput, counter: LineTokenCounter, signal?: AbortSignal): Promise<Context> {
  const repoLine = `${QWEN_FIM.repoName}${stripFimTokens(input.repoName)}\n`;
  let tokens = await counter.countText(repoLine);
  const sections: { path: string; text: string }[] = [];
  for (const file of input.related) {
    const header = fileHeader(file.path);
    const headerTokens = await counter.countText(header);
    // Two tokens are kept back for the newlines that close a section.
    const room = input.budgets.context - tokens - headerTokens - 2;
    if (room <= 0) {
      continue;
    }
    const content = await cutRelatedFile(file, room, counter, signal);
    if (content.text.trim() === '') {
      continue;
    }
    const body = content.text.endsWith('\n') ? content.text : `${content.text}\n`;
    sections.push({ path: file.path, text: `${header}${body}\n` });
    tokens += headerTokens + content.tokens + (body === content.text ? 1 : 2);
  }
  sections.reverse();
  return {
    text: repoLine + sections.map((section) => section.text).join(''),
    tokens,
    files: sections.map((section) => section.path),
  };
}

/** Cuts of related files, reused while neither the file nor its room changes: most keystrokes. */
const relatedCuts = new WeakMap<LineTokenCounter, LruMap<string, { source: string; cut: CutText }>>();

async function cutRelatedFile(file: RelatedFile, room: number, counter: LineTokenCounter, signal?: AbortSignal): Promise<CutText> {
  let cuts = relatedCuts.get(counter);
  if (!cuts) {
    cuts = new LruMap(64);
    relatedCuts.set(counter, cuts);
  }
  const key = `${file.path}\n${room}\n${file.focusLine ?? ''}`;
  const known = cuts.get(key);
  if (known?.source === file.text) {
    return known.cut;
  }
  const anchor: CutAnchor = file.focusLine === undefined ? { from: 'start' } : { from: 'line', line: file.focusLine };
  const cut = stripCut(await cutToBudget(file.text, room, anchor, counter, signal));
  cuts.set(key, { source: file.text, cut });
  return cut;
}

function stripCut(cut: CutText): CutText {
  return { text: stripFimTokens(cut.text), tokens: cut.tokens };
}

function fileHeader(path: string): string {
  return `${QWEN_FIM.fileSep}${stripFimTokens(path).replace(/[\r\n]/g, ' ')}\n`;
}
