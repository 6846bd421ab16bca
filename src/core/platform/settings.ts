// The extension's settings as one typed object, read from VS Code's layered values.
// Trust rules live here so they can be tested without VS Code.
import { Mode } from './endpoint';

export type CompletionTemplate = 'qwen-fim' | 'chat';

export interface DrunSettings {
  mode: Mode;
  region: string;
  chatModel: string;
  completionMode: Mode;
  completionModel: string;
  completionTemplate: CompletionTemplate;
  customBaseUrl: string;
  requestTimeoutSeconds: number;
}

/** The values VS Code's `inspect()` reports for one key. */
export interface SettingLayers {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export type InspectSetting = (key: string) => SettingLayers | undefined;

export const SETTING_KEYS = {
  mode: 'mode',
  region: 'region',
  chatModel: 'chat.model',
  completionMode: 'completion.mode',
  completionModel: 'completion.model',
  completionTemplate: 'completion.template',
  customBaseUrl: 'customBaseUrl',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
} as const satisfies Record<keyof DrunSettings, string>;

const DEFAULTS: DrunSettings = {
  mode: 'maas',
  region: 'sh-02',
  chatModel: 'public/deepseek-v3',
  completionMode: 'instance',
  completionModel: '',
  completionTemplate: 'qwen-fim',
  customBaseUrl: '',
  requestTimeoutSeconds: 60,
};

/** Settings a workspace can never set: they decide where a key goes. */
const USER_ONLY: ReadonlySet<keyof DrunSettings> = new Set(['customBaseUrl']);

const MODES: readonly Mode[] = ['maas', 'instance', 'custom'];
const TEMPLATES: readonly CompletionTemplate[] = ['qwen-fim', 'chat'];

export function readSettings(inspect: InspectSetting, workspaceTrusted: boolean): DrunSettings {
  const pick = <K extends keyof DrunSettings>(key: K, accept: (value: unknown) => value is DrunSettings[K]): DrunSettings[K] =>
    pickLayeredValue(inspect(SETTING_KEYS[key]), workspaceTrusted && !USER_ONLY.has(key), accept) ?? DEFAULTS[key];
  const isString = (value: unknown): value is string => typeof value === 'string';
  const isMode = (value: unknown): value is Mode => MODES.includes(value as Mode);
  return {
    mode: pick('mode', isMode),
    region: pick('region', isString),
    chatModel: pick('chatModel', isString),
    completionMode: pick('completionMode', isMode),
    completionModel: pick('completionModel', isString),
    completionTemplate: pick('completionTemplate', (value): value is CompletionTemplate => TEMPLATES.includes(value as CompletionTemplate)),
    customBaseUrl: pick('customBaseUrl', isString),
    requestTimeoutSeconds: pick('requestTimeoutSeconds', (value): value is number => typeof value === 'number' && value >= 5 && value <= 600),
  };
}

/** The most specific acceptable value; workspace layers count only when `workspaceAllowed`. */
export function pickLayeredValue<T>(layers: SettingLayers | undefined, workspaceAllowed: boolean, accept: (value: unknown) => value is T): T | undefined {
  const { workspaceFolderValue, workspaceValue, globalValue, defaultValue } = layers ?? {};
  const candidates = workspaceAllowed ? [workspaceFolderValue, workspaceValue, globalValue, defaultValue] : [globalValue, defaultValue];
  return candidates.find((value): value is T => value !== undefined && accept(value));
}
