// Qwen2.5-Coder fill-in-the-middle, written into `prompt` because vLLM rejects `suffix`.

export const QWEN_FIM = {
  prefix: '<|fim_prefix|>',
  suffix: '<|fim_suffix|>',
  middle: '<|fim_middle|>',
  pad: '<|fim_pad|>',
  repoName: '<|repo_name|>',
  fileSep: '<|file_sep|>',
  endOfText: '<|endoftext|>',
  imEnd: '<|im_end|>',
} as const;

/** The four the server gets (OpenAI's limit), most likely first; the rest are cut client-side. */
export const QWEN_SERVER_STOPS = [QWEN_FIM.endOfText, QWEN_FIM.fileSep, QWEN_FIM.imEnd, QWEN_FIM.prefix];
export const QWEN_CLIENT_STOPS = [QWEN_FIM.suffix, QWEN_FIM.middle, QWEN_FIM.pad, QWEN_FIM.repoName];

export interface FimInput {
  prefix: string;
  suffix: string;
}

export function buildQwenFimPrompt({ prefix, suffix }: FimInput): string {
  return `${QWEN_FIM.prefix}${stripFimTokens(prefix)}${QWEN_FIM.suffix}${stripFimTokens(suffix)}${QWEN_FIM.middle}`;
}

const ALL_FIM_TOKENS = Object.values(QWEN_FIM);

/** A file that contains the tokens themselves must not be able to restructure the prompt. */
export function stripFimTokens(text: string): string {
  let result = text;
  // Until nothing changes: removing one token can join the pieces of another ("<|fim_<|fim_pad|>prefix|>").
  for (let changed = true; changed; ) {
    changed = false;
    for (const token of ALL_FIM_TOKENS) {
      if (result.includes(token)) {
        result = result.split(token).join('');
        changed = true;
      }
    }
  }
  return result;
}
