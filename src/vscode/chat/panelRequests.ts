// The chat view's conversation and model requests: regenerate, edit, new chat, history, model picker.
import type { ChatErrorInfo, ViewToExtension } from '../../core/chat/protocol/messages';
import type { DrunError } from '../../core/platform/errors';
import type { ChatHistory } from './history';
import { actionLabel } from '../platform/errorMessages';
import type { ModelPicker } from './modelPicker';

export type PanelMessage = Extract<
  ViewToExtension,
  { type: 'regenerate' | 'editLast' | 'newChat' | 'openConversation' | 'deleteConversation' | 'listModels' | 'pickModel' }
>;

export interface PanelTarget {
  readonly history: ChatHistory;
  readonly models: ModelPicker;
  regenerate(): Promise<void>;
  editLast(question: string): Promise<void>;
}

export async function handlePanelMessage(message: PanelMessage, target: PanelTarget): Promise<void> {
  switch (message.type) {
    case 'regenerate':
      return target.regenerate();
    case 'editLast':
      return target.editLast(message.text);
    case 'newChat':
      return target.history.newChat();
    case 'openConversation':
      return target.history.open(message.id);
    case 'deleteConversation':
      return target.history.delete(message.id);
    case 'listModels':
      return target.models.refresh();
    case 'pickModel':
      await target.models.pick(message.model);
      return;
  }
}

/** An unknown model in chat is fixed in the panel's model picker, not in the settings editor. */
export function pointModelErrorsAtPicker(error: DrunError, info: ChatErrorInfo): ChatErrorInfo {
  return error.kind === 'modelNotFound' ? { ...info, action: 'pickModel', actionLabel: actionLabel('pickModel') } : info;
}
