// The view estimates the question being typed as the extension does; the webview reaches core only
// through the protocol.
export { estimateTokens } from '../../platform/tokenizer/tokenEstimate';
