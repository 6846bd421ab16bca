import * as assert from 'node:assert/strict';
import { forwardableModelOptions, isToolsRefusal } from '../../../../src/core/languageModels/requestOptions';
import { DrunError } from '../../../../src/core/platform/errors';

describe('what of VS Code\'s request options reaches D.run', () => {
  it('drops VS Code\'s private options and anything that would replace the request\'s own fields', () => {
    const options = {
      _capturingTokenCorrelationId: 'abc',
      _otelTraceContext: { traceparent: 'x' },
      _telemetryTurn: 3,
      _enableThinking: true,
      temperature: 0.2,
      top_p: 0.9,
      model: 'other',
      messages: [],
      stream: false,
      tools: [],
    };
    assert.deepEqual(forwardableModelOptions(options), { temperature: 0.2, top_p: 0.9 });
    assert.deepEqual(forwardableModelOptions(undefined), {});
  });

  it('knows vLLM\'s refusal of tools from other bad requests', () => {
    const refusal = new DrunError('badRequest', 'HTTP 400: "auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set');
    assert.equal(isToolsRefusal(refusal), true);
    assert.equal(isToolsRefusal(new DrunError('badRequest', 'HTTP 400: messages[1]: content must be a string')), false);
    assert.equal(isToolsRefusal(new DrunError('serverError', 'HTTP 500: tool-call-parser crashed')), false);
  });
});
