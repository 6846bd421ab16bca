// The chat view's labels for conversations, the model picker, usage and the first steps.
import * as vscode from 'vscode';
import type { PanelStrings } from '../../core/chat/protocol/messages';

export function panelStrings(): PanelStrings {
  const t = vscode.l10n.t;
  return {
    regenerate: t('Regenerate'),
    edit: t('Edit'),
    cancel: t('Cancel'),
    newChat: t('New Chat'),
    history: t('History'),
    historyEmpty: t('No past conversations in this workspace yet.'),
    deleteConversation: t('Delete'),
    confirmDelete: t('Click again to delete'),
    close: t('Close'),
    pickModel: t('Pick Model'),
    modelsLoading: t('Asking the endpoint for its models…'),
    groupMaas: t('MaaS (billed by token)'),
    groupInstance: t('Instance (your model service)'),
    notListed: t('not listed by the endpoint'),
    trimmed: t('{0} earlier turns were left out of this request to fit the model\'s context.', '{0}'),
    costEstimate: t('≈ ¥{0}', '{0}'),
    instanceCost: t('instance: no per-token cost'),
    unpriced: t('no price for this model in drun.prices'),
    usageSummary: t('Usage per day'),
    usageButton: t('Usage'),
    usageEmpty: t('No answers yet.'),
    usageColumns: t('Day|Requests|Tokens (prompt + completion)|Cost (MaaS)'),
    usageNote: t('Costs are estimates from drun.prices (CNY per million tokens). Prices change: check the D.run console.'),
    stepKey: t('Set your D.run API key.'),
    stepKeyDone: t('API key is set.'),
    stepModel: t('Pick a model (now: {0}).', '{0}'),
  };
}
