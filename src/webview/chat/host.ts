// The only bridge to the extension: typed posting and the input draft kept in webview state.
import type { ViewToExtension } from '../../core/chat/protocol/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The one thing kept in webview state; the extension owns the conversation itself. */
interface PersistedState {
  draft: string;
}

export interface Host {
  post(message: ViewToExtension): void;
  loadDraft(): string;
  saveDraft(text: string): void;
}

export function connectHost(): Host {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    loadDraft: () => {
      const state = api.getState();
      if (typeof state === 'object' && state !== null && typeof (state as PersistedState).draft === 'string') {
        return (state as PersistedState).draft;
      }
      return '';
    },
    saveDraft: (text) => {
      const state: PersistedState = { draft: text };
      api.setState(state);
    },
  };
}
