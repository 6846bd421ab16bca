// What of VS Code's request options goes to D.run: the model options that are not VS Code's own
// (those start with `_`: correlation ids, trace context, telemetry), never the request's own fields.
import type { DrunError } from '../platform/errors';

/** Fields the request itself sets; a model option may not replace them. */
const REQUEST_FIELDS = new Set(['model', 'messages', 'stream', 'stream_options', 'tools', 'tool_choice']);

export function forwardableModelOptions(modelOptions: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(modelOptions ?? {}).filter(([key, value]) => !key.startsWith('_') && !REQUEST_FIELDS.has(key) && value !== undefined));
}

/** vLLM started without `--enable-auto-tool-choice`, or a server that has no tool support at all. */
const TOOLS_REFUSED = /enable-auto-tool-choice|tool-call-parser|tool[ _]choice|(?:does not|doesn't) support tools|tools? (?:is|are) not supported/i;

export function isToolsRefusal(error: DrunError): boolean {
  return error.kind === 'badRequest' && TOOLS_REFUSED.test(error.detail);
}

