// The openai SDK, loaded on the first request instead of at activation: it is a large share of
// the extension's code and registration needs none of it. The bundle ships it as its own file
// (`dist/openai.js`, see esbuild.js), so VS Code does not even read it before then.
import type OpenAI from 'openai';

// CommonJS's require, declared for this one use: the webview's typecheck, which has no Node
// types, reaches this file through the shared error types.
declare const require: (id: 'openai') => typeof import('openai');

let sdk: typeof OpenAI | undefined;

export function openaiSdk(): typeof OpenAI {
  sdk ??= require('openai').OpenAI;
  return sdk;
}
