// vLLM before 0.10 answers errors as `{"object": "error", "message": …}` without OpenAI's `error`
// wrapper, and the openai SDK then drops the message ("400 status code (no body)"). D.run's
// instances are vLLM, so such a body is wrapped the OpenAI way before the SDK reads it.
import type { FetchFunction } from './guardedFetch';

export function withOpenAiErrorBodies(baseFetch: FetchFunction): FetchFunction {
  return async (input, init) => {
    const response = await baseFetch(input, init);
    if (response.ok || !response.headers.get('content-type')?.includes('json')) {
      return response;
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const unwrapped = typeof body === 'object' && body !== null && !('error' in body) && typeof (body as { message?: unknown }).message === 'string';
    return new Response(unwrapped ? JSON.stringify({ error: body }) : text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
