// VS Code's chat messages, already read into plain parts, as the OpenAI messages D.run accepts:
// tool calls ride on the assistant message, tool results become `tool` messages right after it,
// same-role neighbours are merged (DeepSeek refuses them) and reasoning never goes back.
import type { ChatContentPart, SentToolCall, ToolChatMessage } from '../platform/drunClient';

export type RequestPart =
  | { kind: 'text'; text: string }
  | { kind: 'image'; mimeType: string; base64: string }
  | { kind: 'toolCall'; callId: string; name: string; input: unknown }
  | { kind: 'toolResult'; callId: string; text: string };

export interface RequestMessage {
  role: 'system' | 'user' | 'assistant';
  parts: RequestPart[];
}

const THINK_BLOCK = /<think>[\s\S]*?(?:<\/think>\s*|$)/g;

/** `imageInput`: whether the model takes images; for any other model they are left out. */
export function toOpenAiMessages(messages: readonly RequestMessage[], imageInput: boolean): ToolChatMessage[] {
  const out: ToolChatMessage[] = [];
  for (const message of messages) {
    const texts = message.parts.flatMap((part) => (part.kind === 'text' && part.text ? [part.text] : []));
    switch (message.role) {
      case 'system':
        push(out, { role: 'system', content: texts.join('\n\n') });
        break;
      case 'assistant': {
        const content = texts.join('').replace(THINK_BLOCK, '').trim();
        const calls = message.parts.flatMap((part): SentToolCall[] =>
          part.kind === 'toolCall' ? [{ id: part.callId, type: 'function', function: { name: part.name, arguments: JSON.stringify(part.input ?? {}) } }] : [],
        );
        if (calls.length) {
          push(out, { role: 'assistant', content: content || null, tool_calls: calls });
        } else if (content) {
          push(out, { role: 'assistant', content });
        }
        break;
      }
      case 'user': {
        // The results answer the assistant's calls just before, so they come first.
        for (const part of message.parts) {
          if (part.kind === 'toolResult') {
            out.push({ role: 'tool', tool_call_id: part.callId, content: part.text });
          }
        }
        const images = imageInput ? message.parts.filter((part) => part.kind === 'image') : [];
        if (images.length) {
          const content: ChatContentPart[] = message.parts.flatMap((part): ChatContentPart[] =>
            part.kind === 'text' && part.text ? [{ type: 'text', text: part.text }] : part.kind === 'image' && imageInput ? [{ type: 'image_url', image_url: { url: `data:${part.mimeType};base64,${part.base64}` } }] : [],
          );
          push(out, { role: 'user', content });
        } else if (texts.length) {
          push(out, { role: 'user', content: texts.join('') });
        }
        break;
      }
    }
  }
  return out;
}

/** Appends, merging into the last message when both have the same role and neither carries tool calls. */
function push(out: ToolChatMessage[], message: ToolChatMessage): void {
  const last = out[out.length - 1];
  if (!last || last.role !== message.role || last.role === 'tool' || 'tool_calls' in last || 'tool_calls' in message) {
    out.push(message);
    return;
  }
  const merged = mergeContent(last.content as string | ChatContentPart[], message.content as string | ChatContentPart[]);
  out[out.length - 1] = { ...last, content: merged } as ToolChatMessage;
}

function mergeContent(first: string | ChatContentPart[], second: string | ChatContentPart[]): string | ChatContentPart[] {
  if (typeof first === 'string' && typeof second === 'string') {
    return [first, second].filter(Boolean).join('\n\n');
  }
  const parts = (content: string | ChatContentPart[]): ChatContentPart[] => (typeof content === 'string' ? (content ? [{ type: 'text', text: content }] : []) : content);
  return [...parts(first), ...parts(second)];
}
