// The chat view's conversation and model requests: regenerate, edit, new chat, history, model picker.
import type { ChatErrorInfo, ViewToExtension } from '../../core/chat/protocol/messages';
import type { DrunError } from '../../core/platform/errors';
import { actionLabel } from '../platform/errorMessages';

export type PanelMessage = Extract<
  ViewToExtension,
  { type: 'regenerate' | 'editLast' | 'newChat' | 'openConversation' | 'deleteConversation' | 'listModels' | 'stopListingModels' | 'pickModel' }
>;

export interface PanelTarget {
  regenerate(): Promise<void>;
  editLast(question: string): Promise<void>;
  newChat(): void;
  openConversation(id: string): void;
  deleteConversation(id: string): void;
  listModels(): Promise<void>;
  stopListingModels(): void;
  pickModel(model: string): Promise<unknown>;
}

export async function handlePanelMessage(message: PanelMessage, target: PanelTarget): Promise<void> {
  switch (message.type) {
    case 'regenerate':
      return target.regenerate();
    case 'editLast':
      return target.editLast(message.text);
    case 'newChat':
      return target.newChat();
    case 'openConversation':
      return target.openConversation(message.id);
    case 'deleteConversation':
      return target.deleteConversation(message.id);
    case 'listModels':
      return target.listModels();
    case 'stopListingModels':
      return target.stopListingModels();
    case 'pickModel':
      await target.pickModel(message.model);
      return;
  }
}

/** An unknown model in chat is fixed in the panel's model picker, not in the settings editor. */
export function pointModelErrorsAtPicker(error: DrunError, info: ChatErrorInfo): ChatErrorInfo {
  return error.kind === 'modelNotFound' ? { ...info, action: 'pickModel', actionLabel: actionLabel('pickModel') } : info;
}
