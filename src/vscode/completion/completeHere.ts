// "Complete Here": one completion at the cursor from the completion model, inserted as one
// undo step, or not at all if the document changed meanwhile.
import { COMMAND_IDS } from '../../core/platform/commandIds';
import * as vscode from 'vscode';
import { codeFromChatReply, isBlank, trimSuffixOverlap, withoutTrailingWhitespace } from '../../core/completion/modelText';
import { takeDocumentWindow } from '../../core/completion/documentWindow';
import { asDrunError } from '../../core/platform/classifyError';
import { DisposableStore } from '../../core/platform/disposables';
import { DrunError } from '../../core/platform/errors';
import { fillGapMessages } from '../../core/completion/fillGapPrompt';
import { buildQwenFimPrompt, QWEN_CLIENT_STOPS, QWEN_SERVER_STOPS } from '../../core/completion/qwenFim';
import { ClientProvider, PreparedClient } from '../platform/clientProvider';
import { describeError, retryMessage } from '../platform/errorMessages';
import { Log } from '../platform/log';
import { showDrunError } from '../platform/notifications';
import { PromptFiles } from '../platform/promptFiles';
import type { NoModelNotice } from './modelNotice';
import type { BilledRequest, UsageTracker } from '../platform/usageTracker';
import { completionBill } from './billing';

export type CompleteHereResult =
  | { status: 'inserted'; text: string }
  | { status: 'empty' | 'cancelled' | 'noEditor' | 'excluded' }
  | { status: 'failed'; errorKind: string };

const FIM_MAX_TOKENS = 256;
const CHAT_MAX_TOKENS = 512;
const COMPLETION_TEMPERATURE = 0.2;

export async function completeHereCommand(
  clients: ClientProvider,
  log: Log,
  promptFiles: PromptFiles,
  noModelNotice: NoModelNotice,
  usage: UsageTracker,
): Promise<CompleteHereResult> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.isClosed) {
    vscode.window.showInformationMessage(vscode.l10n.t('Open a file and place the cursor where code should go.'));
    return { status: 'noEditor' };
  }
  const document = editor.document;
  const retry = () => vscode.commands.executeCommand(COMMAND_IDS.completeHere);

  try {
    // Before the text is read: an excluded file's text goes nowhere.
    if (!(await promptFiles.allowOrWarn(document.uri))) {
      return { status: 'excluded' };
    }
    const position = editor.selection.active;
    const startVersion = document.version;
    const window = takeDocumentWindow(document.getText(), document.offsetAt(position));
    const { raw, prepared } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('D.run: completing…'), cancellable: true },
      async (progress, token) => {
        const prepared = await clients.prepare('completion', (notice) => {
          const message = retryMessage(notice);
          log.info(`Complete Here: ${message}`);
          progress.report({ message });
        });
        progress.report({ message: prepared.model });
        return { raw: await requestCompletion(prepared, window, document, token, usage), prepared };
      },
    );
    const text = withoutTrailingWhitespace(trimSuffixOverlap(raw, window.suffix), window.suffix);
    if (isBlank(text)) {
      vscode.window.showInformationMessage(vscode.l10n.t('The model had nothing to add here.'));
      return { status: 'empty' };
    }
    if (document.version !== startVersion) {
      throw new DrunError('documentChanged', 'document changed before insertion');
    }
    const inserted = await editor.edit((builder) => builder.insert(position, text), { undoStopBefore: true, undoStopAfter: true });
    if (!inserted) {
      throw new DrunError('documentChanged', 'the editor refused the edit');
    }
    log.info(`Complete Here: inserted ${text.length} characters from ${prepared.model} at ${prepared.endpoint.host}.`);
    return { status: 'inserted', text };
  } catch (error) {
    const drunError = asDrunError(error);
    if (drunError.kind === 'cancelled') {
      log.info('Complete Here: cancelled.');
      return { status: 'cancelled' };
    }
    if (drunError.kind === 'noModel' && !drunError.context.serverListsNone) {
      // Its fix is a setting, after which it would be stale.
      log.error(`${drunError.kind}: ${drunError.detail}`);
      noModelNotice.show(describeError(drunError).message);
    } else {
      void showDrunError(drunError, log, drunError.kind === 'documentChanged' ? undefined : retry);
    }
    return { status: 'failed', errorKind: drunError.kind };
  }
}

/**
 * Streams the completion; cancelling the progress or editing the document aborts the request. Billed
 * in the usage ledger either way, with what the model wrote until then.
 */
async function requestCompletion(
  prepared: PreparedClient,
  window: { prefix: string; suffix: string },
  document: vscode.TextDocument,
  token: vscode.CancellationToken,
  usage: UsageTracker,
): Promise<string> {
  const controller = new AbortController();
  let written = '';
  const received = (text: string) => (written += text);
  let billed: BilledRequest | undefined;
  let documentChanged = false;
  const subscriptions = new DisposableStore();
  subscriptions.addAll(
    token.onCancellationRequested(() => controller.abort()),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === document && event.contentChanges.length > 0) {
        documentChanged = true;
        controller.abort();
      }
    }),
  );
  try {
    if (prepared.template === 'qwen-fim') {
      const prompt = buildQwenFimPrompt(window);
      billed = completionBill(prepared, prompt);
      const result = await prepared.client.streamCompletion(
        { model: prepared.model, prompt, stop: QWEN_SERVER_STOPS, clientStops: QWEN_CLIENT_STOPS, maxTokens: FIM_MAX_TOKENS, temperature: COMPLETION_TEMPERATURE },
        controller.signal,
        received,
      );
      void usage.bill(billed, written, result.usage);
      return result.text;
    }
    const messages = fillGapMessages(window.prefix, window.suffix, document.languageId);
    billed = completionBill(prepared, messages);
    const result = await prepared.client.streamChat(
      { model: prepared.model, messages, maxTokens: CHAT_MAX_TOKENS, temperature: COMPLETION_TEMPERATURE },
      controller.signal,
      (delta) => received(delta.content ?? ''),
    );
    void usage.bill(billed, written, result.usage);
    return codeFromChatReply(result.content);
  } catch (error) {
    if (billed && asDrunError(error).kind === 'cancelled') {
      void usage.bill(billed, written, undefined);
    }
    if (documentChanged) {
      throw new DrunError('documentChanged', 'document changed during the request');
    }
    throw error;
  } finally {
    subscriptions.dispose();
  }
}
