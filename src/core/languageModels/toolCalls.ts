// Streamed tool calls put back together: each call's id and name come once, its arguments in
// fragments across chunks, all keyed by the call's index.
import type { ToolCallDelta } from '../platform/drunClient';

export interface AssembledToolCall {
  callId: string;
  name: string;
  input: object;
}

/** A call whose arguments are not a JSON object: cut off at the output limit, or a model's slip. */
export class IncompleteToolCall extends Error {
  constructor(
    readonly toolName: string,
    readonly argumentsText: string,
  ) {
    super(`The model called ${toolName} with arguments that are not a JSON object: ${argumentsText.slice(0, 200)}`);
    this.name = 'IncompleteToolCall';
  }
}

interface PartialCall {
  id: string;
  name: string;
  arguments: string;
}

export class ToolCallAssembler {
  private readonly calls = new Map<number, PartialCall>();

  push(deltas: readonly ToolCallDelta[]): void {
    for (const delta of deltas) {
      const call = this.calls.get(delta.index) ?? { id: '', name: '', arguments: '' };
      call.id ||= delta.id ?? '';
      call.name += delta.name ?? '';
      call.arguments += delta.arguments ?? '';
      this.calls.set(delta.index, call);
    }
  }

  /** The calls in index order. Throws when a call's arguments are not a JSON object. */
  finish(): AssembledToolCall[] {
    return [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => ({ callId: call.id || `call_${index}`, name: call.name, input: parseArguments(call) }));
  }
}

function parseArguments(call: PartialCall): object {
  const text = call.arguments.trim();
  if (!text) {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new IncompleteToolCall(call.name, text);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new IncompleteToolCall(call.name, text);
  }
  return parsed;
}
