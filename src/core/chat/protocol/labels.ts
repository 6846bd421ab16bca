// Every label the chat view shows, declared once with its English text. The extension passes
// `vscode.l10n.t` (the l10n scanner reads the `t('…')` calls below, see scripts/l10n-strings.js);
// the view passes no translation for its fallbacks until the extension's labels arrive.
import { Schema, strings } from './schema';

/** `vscode.l10n.t`'s shape; placeholders are passed through as '{0}' so the view fills them. */
export type Translate = (message: string, ...args: string[]) => string;

export function viewLabels(t: Translate) {
  return {
    placeholder: t('Ask D.run (Enter to send, Shift+Enter for a new line)'),
    send: t('Send'),
    stop: t('Stop'),
    thinking: t('Thinking'),
    stopped: t('Stopped'),
    emptyTitle: t('Chat with D.run models'),
    emptyHint: t('Ask a question, or select code and run "D.run: Explain Selection".'),
    /** Shown instead of emptyHint while no API key is set. */
    emptyHintNoKey: t('Set your D.run API key, then ask a question or select code and run "D.run: Explain Selection".'),
    setApiKey: t('Set API Key'),
    you: t('You'),
    /** {0} prompt, {1} completion and {2} total tokens. */
    usage: t('Tokens: {0} prompt + {1} completion = {2}', '{0}', '{1}', '{2}'),
    /** The same, counted by the extension because the server sent no usage. */
    usageEstimated: t('≈ {2} tokens (estimated): {0} prompt + {1} completion', '{0}', '{1}', '{2}'),
    regenerate: t('Regenerate'),
    edit: t('Edit'),
    cancel: t('Cancel'),
    newChat: t('New Chat'),
    history: t('History'),
    historyEmpty: t('No past conversations in this workspace yet.'),
    deleteConversation: t('Delete'),
    /** The delete button's label after one click: a second click deletes. */
    confirmDelete: t('Click again to delete'),
    close: t('Close'),
    pickModel: t('Pick Model'),
    /** The picker's heading while /v1/models is being asked. */
    modelsLoading: t('Asking the endpoint for its models…'),
    groupMaas: t('MaaS (billed by token)'),
    groupInstance: t('Instance (your model service)'),
    /** Marks a model no endpoint listed (it comes from the catalogue or the settings). */
    notListed: t('not listed by the endpoint'),
    /** {0} earlier turns were left out of the request. */
    trimmed: t('{0} earlier turns were left out of this request to fit the model\'s context.', '{0}'),
    /** {0} is the estimated cost in CNY. */
    costEstimate: t('≈ ¥{0}', '{0}'),
    instanceCost: t('instance: no per-token cost'),
    unpriced: t('no price for this model in drun.prices'),
    usageSummary: t('Usage per day'),
    /** Short label of the header button that opens the usage summary. */
    usageButton: t('Usage'),
    usageEmpty: t('No requests yet.'),
    /** Column headings: day, requests, tokens, cost. */
    usageColumns: t('Day|Requests|Tokens (prompt + completion)|Cost (MaaS)'),
    usageNote: t('Costs are estimates from drun.prices (CNY per million tokens). Prices change: check the D.run console.'),
    /** Under the table when a day holds requests the server sent no usage for. */
    usageEstimatedNote: t('≈ marks days with requests the server sent no usage for: D.run counted their tokens (estimated).'),
    stepKey: t('Set your D.run API key.'),
    stepKeyDone: t('API key is set.'),
    /** {0} is the current model. */
    stepModel: t('Pick a model (now: {0}).', '{0}'),
    copy: t('Copy'),
    insert: t('Insert'),
    apply: t('Apply…'),
    newFile: t('New File'),
    copied: t('Copied'),
    /** Names the row of attach buttons, e.g. "Attach". */
    attach: t('Attach'),
    attachSelection: t('Selection'),
    attachCurrentFile: t('Current File'),
    attachFiles: t('Files…'),
    attachImage: t('Image…'),
    /** {0} is the attachment's label. */
    remove: t('Remove {0}', '{0}'),
    /** {0} is a token count. */
    tokens: t('≈{0} tokens', '{0}'),
    /** {0} estimated tokens, {1} the model's budget. */
    overBudget: t('About {0} tokens attached, more than the {1} this model accepts. Remove something, or press Send again to send anyway.', '{0}', '{1}'),
    /** Shown when an image is pasted while the model cannot read images; {0} is the model. */
    imagesNeedVision: t('{0} cannot read images. Pick a vision model such as public/llama-3.2-11b-vision-instruct, or, if {0} reads images, set "vision": true for it in drun.models.', '{0}'),
    /** Shown when a pasted image is not PNG, JPEG, WebP or GIF, or too large; {0} is the limit in MB. */
    imageRefused: t('Only PNG, JPEG, WebP or GIF images up to {0} MB can be attached.', '{0}'),
  };
}

/** Labels the webview shows; localised by the extension so the webview needs no l10n of its own. */
export type ViewStrings = ReturnType<typeof viewLabels>;

/** The English labels, shown until the extension's `config` message brings the localised ones. */
export const ENGLISH_STRINGS: ViewStrings = viewLabels((message) => message);

export const VIEW_STRINGS: Schema<ViewStrings> = strings(Object.keys(ENGLISH_STRINGS) as Array<keyof ViewStrings>);

/** Fills `{0}`, `{1}`… in a localised template. */
export function fill(template: string, ...values: Array<string | number>): string {
  return template.replace(/\{(\d)\}/g, (match, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? match : typeof value === 'number' ? value.toLocaleString() : value;
  });
}
