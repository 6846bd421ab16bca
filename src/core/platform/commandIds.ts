// Every command the extension registers, by feature. package.json's contributes.commands must list
// exactly the public ones (a unit test checks both ways).

export const COMMAND_IDS = {
  // platform
  setApiKey: 'drun.setApiKey',
  clearApiKey: 'drun.clearApiKey',
  setCustomServerApiKey: 'drun.setCustomServerApiKey',
  showLog: 'drun.showLog',
  showMenu: 'drun.showMenu',
  // chat
  openChat: 'drun.openChat',
  stopGenerating: 'drun.stopGenerating',
  newChat: 'drun.newChat',
  showHistory: 'drun.showHistory',
  showUsage: 'drun.showUsage',
  pickChatModel: 'drun.pickChatModel',
  explainSelection: 'drun.explainSelection',
  fixThis: 'drun.fixThis',
  writeDocstring: 'drun.writeDocstring',
  generateTests: 'drun.generateTests',
  askAboutSelection: 'drun.askAboutSelection',
  addSelectionToChat: 'drun.addSelectionToChat',
  acceptSuggestion: 'drun.acceptSuggestion',
  rejectSuggestion: 'drun.rejectSuggestion',
  // completion
  completeHere: 'drun.completeHere',
  triggerInlineCompletion: 'drun.triggerInlineCompletion',
  inlineCompletionMenu: 'drun.inlineCompletionMenu',
  showCompletionStatistics: 'drun.showCompletionStatistics',
  // languageModels
  setUpChat: 'drun.setUpChat',
  useForCommitMessages: 'drun.useForCommitMessages',
} as const;

/** Registered but not contributed: run by VS Code when a suggestion is accepted, never by a user. */
export const INTERNAL_COMMAND_IDS = {
  inlineCompletionAccepted: 'drun.inlineCompletionAccepted',
} as const;
