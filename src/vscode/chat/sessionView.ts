// What the chat view shows of each change in the session.
import * as vscode from 'vscode';
import type { ExtensionToView } from '../../core/chat/protocol/messages';
import type { ChatSessionEvent } from '../../core/chat/session';

export function viewMessageOf(event: ChatSessionEvent): ExtensionToView | undefined {
  switch (event.type) {
    case 'transcript':
      return { type: 'transcript', turns: event.turns };
    case 'turnStarted':
      return { type: 'turnStarted', turn: event.turn };
    case 'delta':
      return { type: 'delta', turnId: event.turnId, ...(event.content ? { content: event.content } : {}), ...(event.reasoning ? { reasoning: event.reasoning } : {}) };
    case 'historyTrimmed':
      return { type: 'historyTrimmed', turnId: event.turnId, omittedTurns: event.omittedTurns };
    case 'turnEnded': {
      const { id, status, error, usage, cost, model } = event.turn;
      return status === 'streaming' ? undefined : { type: 'turnEnded', turnId: id, status, error, usage, ...(cost ? { cost } : {}), ...(model ? { model } : {}) };
    }
    case 'attachmentsNotResent':
      return {
        type: 'notice',
        message: vscode.l10n.t('{0} was too large to keep with the conversation, so it was not sent again. Attach it again to include it.', event.labels.join(', ')),
      };
    case 'usage':
      return undefined;
  }
}
