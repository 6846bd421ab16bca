// provideTokenCount's count: a text or a message's parts, counted by the platform's rule for the model
// (the Qwen tokenizer for Qwen models, an estimate on the high side for the rest).
import type { CountedModel } from '../platform/tokenizer/modelTokens';
import { countModelTokens, MESSAGE_OVERHEAD_TOKENS } from '../platform/tokenizer/modelTokens';
import type { TokenEncoder } from '../platform/tokenizer/tokenEncoder';
import type { RequestMessage, RequestPart } from './requestMessages';

/** What a vision model is charged for an image, about. */
const IMAGE_TOKENS = 768;

export async function countRequestTokens(tokenizer: TokenEncoder, model: CountedModel, input: string | RequestMessage): Promise<number> {
  if (typeof input === 'string') {
    const [count] = await countModelTokens(tokenizer, model, [input]);
    return count;
  }
  const texts = input.parts.flatMap(textOf);
  const images = input.parts.filter((part) => part.kind === 'image').length;
  const counts = await countModelTokens(tokenizer, model, texts);
  return counts.reduce((sum, count) => sum + count, MESSAGE_OVERHEAD_TOKENS + images * IMAGE_TOKENS);
}

/** A message's text as the tokenizer sees it, for counting a request the server sent no usage for. */
export function requestMessageText(message: RequestMessage): string {
  return message.parts.flatMap(textOf).join('\n');
}

function textOf(part: RequestPart): string[] {
  switch (part.kind) {
    case 'text':
    case 'toolResult':
      return [part.text];
    case 'toolCall':
      return [part.name + JSON.stringify(part.input ?? {})];
    case 'image':
      return [];
  }
}
