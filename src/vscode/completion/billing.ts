// What a completion request (inline or Complete Here) puts in the usage ledger: where it went, its
// model (a Qwen FIM model counts with the Qwen tokenizer whatever its access name) and what it sent.
import type { ChatMessage } from '../../core/platform/drunClient';
import type { PreparedClient } from '../platform/clientProvider';
import type { BilledRequest } from '../platform/usageTracker';

export function completionBill(prepared: PreparedClient, prompt: string | readonly ChatMessage[]): BilledRequest {
  return {
    mode: prepared.endpoint.mode,
    model: { id: prepared.model, ...(prepared.template === 'qwen-fim' ? { family: 'Qwen' } : {}) },
    prompt: typeof prompt === 'string' ? prompt : prompt.map((message) => String(message.content)),
  };
}
