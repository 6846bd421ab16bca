import type { ViewStrings } from '../../src/core/chatProtocol';

/** Shown only until the extension's `config` message brings the localised labels. */
export const FALLBACK_STRINGS: ViewStrings = {
  placeholder: 'Ask D.run…',
  send: 'Send',
  stop: 'Stop',
  thinking: 'Thinking',
  stopped: 'Stopped',
  emptyTitle: 'D.run chat',
  emptyHint: 'Ask a question about your code.',
  setApiKey: 'Set API Key',
  you: 'You',
  usage: '{0} / {1} / {2} tokens',
};
