import * as assert from 'node:assert/strict';
import { DrunClient } from '../../../../src/core/platform/drunClient';
import { DrunError } from '../../../../src/core/platform/errors';

describe('errors in vLLM\'s own format', () => {
  const answering = (status: number, body: string, contentType = 'application/json') => async () => new Response(body, { status, headers: { 'content-type': contentType } });

  async function failure(body: string, contentType?: string): Promise<DrunError> {
    const client = new DrunClient({
      endpoint: { baseUrl: 'https://sh-02.d.run/v1', host: 'sh-02.d.run', mode: 'instance', keyKind: 'drun' },
      apiKey: 'k',
      baseFetch: answering(400, body, contentType),
    });
    try {
      await client.streamChat({ model: 'u-1/qwen2', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal, () => undefined);
    } catch (error) {
      assert.ok(error instanceof DrunError);
      return error;
    }
    assert.fail('expected a failure');
  }

  it('keeps the message of a body without OpenAI\'s error wrapper (vLLM before 0.10)', async () => {
    const error = await failure(JSON.stringify({ object: 'error', message: '"auto" tool choice requires --enable-auto-tool-choice', type: 'BadRequestError', param: null, code: 400 }));
    assert.equal(error.kind, 'badRequest');
    assert.match(error.detail, /"auto" tool choice requires --enable-auto-tool-choice/);
  });

  it('leaves OpenAI-shaped and non-JSON bodies as they were', async () => {
    assert.match((await failure(JSON.stringify({ error: { message: 'suffix is not currently supported', type: 'BadRequestError', code: 400 } }))).detail, /suffix is not currently supported/);
    assert.match((await failure('Bad Gateway', 'text/plain')).detail, /Bad Gateway/);
  });
});
