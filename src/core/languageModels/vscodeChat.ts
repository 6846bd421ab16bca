// What VS Code's own chat expects of a model provider outside the provider API: the vendor our model ids
// carry, the setup gate in front of its chat, and its "utility model" settings (commit messages, titles).
// Measured in VS Code 1.139 (docs: vscode-chat-integration.md).

/** Our vendor in `contributes.languageModelChatProviders`; VS Code names a model `<vendor>/<model id>`. */
export const DRUN_VENDOR = 'drun';

/**
 * The built-in chat extension. A fresh profile keeps it disabled until chat setup, and every chat request
 * meets "Sign in to use GitHub Copilot" until then; enabled, the gate is open.
 */
export const CHAT_EXTENSION_ID = 'GitHub.copilot-chat';

/** Chat: Manage Language Models. It enables the chat extension first ("Enabling AI features…"), no account asked. */
export const MANAGE_LANGUAGE_MODELS_COMMAND = 'workbench.action.chat.manage';

/** Context keys this feature sets, for `when` clauses and walkthrough completion events. */
export const LANGUAGE_MODELS_CONTEXT_KEYS = {
  /** The editor has the provider API, so D.run's models are offered to its chat. */
  available: 'drun.languageModels.available',
  /** VS Code's chat is set up and can send requests to D.run's models. */
  chatReady: 'drun.languageModels.chatReady',
} as const;

/** VS Code's chat section and the two settings naming its utility model, both written together. */
export const CHAT_SETTINGS_SECTION = 'chat';
export const UTILITY_MODEL_SETTINGS = ['utilityModel', 'utilitySmallModel'] as const;

/**
 * Fast, cheap models that write a good one-line summary, best first. Reasoning models (DeepSeek-R1) are
 * left out: they think for seconds before a commit message.
 */
const SUGGESTED_UTILITY_MODELS = ['public/deepseek-v3', 'public/qwen2.5-7b-instruct', 'public/glm-4-9b-chat', 'public/qwen2.5-72b-instruct-awq'];

export function utilityModelSettingValue(modelId: string): string {
  return `${DRUN_VENDOR}/${modelId}`;
}

/** The D.run model id a utility-model setting names, or undefined when it names none (empty, another vendor). */
export function drunModelOfSetting(value: unknown): string | undefined {
  const prefix = `${DRUN_VENDOR}/`;
  return typeof value === 'string' && value.startsWith(prefix) && value.length > prefix.length ? value.slice(prefix.length) : undefined;
}

/** The model to offer first for commit messages among those offered: a known fast one, else the first. */
export function suggestUtilityModel(offered: readonly string[]): string | undefined {
  return SUGGESTED_UTILITY_MODELS.find((id) => offered.includes(id)) ?? offered[0];
}
