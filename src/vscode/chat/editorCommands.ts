// Explain Selection, Fix This, Write Docstring, Generate Tests and Ask About Selection…: each asks
// about the selection in the chat view, with the selection attached as a chip (not pasted into the
// question). Add Selection to Chat only attaches it, for a question the user writes.
import * as vscode from 'vscode';
import type { TextAttachment } from '../../core/chat/attachments';
import { EditorTask, editorTaskQuestion, PromptLanguage, promptLanguageOf } from '../../core/chat/prompts';
import type { ChatController } from './controller';
import { COMMAND_IDS } from '../../core/platform/commandIds';

export type SelectionCommand = EditorTask | 'ask';

export const EDITOR_COMMAND_IDS: Record<SelectionCommand, string> = {
  explain: COMMAND_IDS.explainSelection,
  fix: COMMAND_IDS.fixThis,
  docstring: COMMAND_IDS.writeDocstring,
  tests: COMMAND_IDS.generateTests,
  ask: COMMAND_IDS.askAboutSelection,
};

/** The prompts follow VS Code's display language, so the model answers in the language the user reads. */
export function displayPromptLanguage(): PromptLanguage {
  return promptLanguageOf(vscode.env.language);
}

/** The active editor's selection as an attachment, or undefined after saying what is missing. */
async function activeSelection(chat: ChatController): Promise<TextAttachment | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    vscode.window.showInformationMessage(vscode.l10n.t('Open a file and select code first.'));
    return undefined;
  }
  return chat.selectionOf(editor);
}

export async function selectionCommand(command: SelectionCommand, chat: ChatController): Promise<void> {
  const selection = await activeSelection(chat);
  if (!selection) {
    return;
  }
  if (command !== 'ask') {
    await chat.askInView(editorTaskLabel(command, selectionPlace(selection)), [selection], editorTaskQuestion(command, selection.languageId, displayPromptLanguage()));
    return;
  }
  const question = await vscode.window.showInputBox({
    title: vscode.l10n.t('Ask About Selection'),
    prompt: vscode.l10n.t('What do you want to know about {0}?', selection.fileName),
    placeHolder: vscode.l10n.t('e.g. Why can this return null?'),
    ignoreFocusOut: true,
  });
  if (!question?.trim()) {
    return;
  }
  await chat.askInView(question.trim(), [selection]);
}

/** "sample.py:1–11", as the user's bubble names what was asked about. */
function selectionPlace(selection: TextAttachment): string {
  const end = selection.endLine ?? selection.startLine;
  if (selection.startLine === undefined) {
    return selection.fileName;
  }
  return end === selection.startLine ? `${selection.fileName}:${selection.startLine}` : `${selection.fileName}:${selection.startLine}\u2013${end}`;
}

/** What the user's bubble shows for an editor command, in the display language; the model gets the full instruction. */
function editorTaskLabel(task: EditorTask, place: string): string {
  switch (task) {
    case 'explain':
      return vscode.l10n.t('Explain {0}', place);
    case 'fix':
      return vscode.l10n.t('Fix {0}', place);
    case 'docstring':
      return vscode.l10n.t('Write a docstring for {0}', place);
    case 'tests':
      return vscode.l10n.t('Generate tests for {0}', place);
  }
}

export async function addSelectionToChat(chat: ChatController): Promise<void> {
  const selection = await activeSelection(chat);
  if (!selection) {
    return;
  }
  await chat.reveal();
  chat.attach(selection);
}
