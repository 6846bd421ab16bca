// Every `drun.*` setting, declared once with its type, default and trust rule; every reader
// derives from this table, and a unit test holds package.json to it. No `vscode` here.
import type { Mode } from './endpoint';

export type CompletionTemplate = 'qwen-fim' | 'chat';

/** `auto`: inline completion is on for an instance (or custom server) with the `qwen-fim` template, off otherwise. */
export type InlineSwitch = 'auto' | 'on' | 'off';

/**
 * `user`: only the user's own settings count, a workspace can never set it (package.json scope
 * `application`: unlike `machine`, it is read from the User settings in remote windows too). `restricted`: a trusted workspace may set it; in Restricted Mode
 * only the user's value counts (listed in `restrictedConfigurations`).
 */
export type TrustRule = 'user' | 'restricted';

type SettingSpec = { key: string; trust: TrustRule } & (
  | { type: 'string'; default: string; enum?: readonly string[] }
  | { type: 'number' | 'integer'; default: number; minimum?: number; maximum?: number }
  | { type: 'boolean'; default: boolean }
  /** `union`: the user's list and the workspace's add up, so a workspace can only add entries. */
  | { type: 'array'; default: readonly string[]; merge?: 'union' }
  | { type: 'object'; default: Readonly<Record<string, unknown>> }
);

const MODES = ['maas', 'instance', 'custom'] as const satisfies readonly Mode[];
const TEMPLATES = ['qwen-fim', 'chat'] as const satisfies readonly CompletionTemplate[];
const SWITCHES = ['auto', 'on', 'off'] as const satisfies readonly InlineSwitch[];

export const SETTINGS = {
  mode: { key: 'mode', type: 'string', enum: MODES, default: 'maas', trust: 'restricted' },
  region: { key: 'region', type: 'string', default: 'sh-02', trust: 'restricted' },
  // Empty: the mode's own model (core/platform/modelForMode.ts), never a D.run name on a custom server.
  chatModel: { key: 'chat.model', type: 'string', default: '', trust: 'restricted' },
  completionMode: { key: 'completion.mode', type: 'string', enum: MODES, default: 'instance', trust: 'restricted' },
  completionModel: { key: 'completion.model', type: 'string', default: '', trust: 'restricted' },
  completionTemplate: { key: 'completion.template', type: 'string', enum: TEMPLATES, default: 'qwen-fim', trust: 'restricted' },
  // Decides where a key goes.
  customBaseUrl: { key: 'customBaseUrl', type: 'string', default: '', trust: 'user' },
  requestTimeoutSeconds: { key: 'requestTimeoutSeconds', type: 'number', default: 60, minimum: 5, maximum: 600, trust: 'restricted' },
  inlineEnabled: { key: 'completion.inline.enabled', type: 'string', enum: SWITCHES, default: 'auto', trust: 'restricted' },
  // These decide what a user pays: a cloned repository must not be able to change them.
  automaticOnPerTokenModels: { key: 'completion.inline.automaticOnPerTokenModels', type: 'boolean', default: false, trust: 'user' },
  maxTokensPerDay: { key: 'completion.maxTokensPerDay', type: 'integer', default: 200_000, minimum: 0, maximum: 1_000_000_000, trust: 'user' },
  maxLines: { key: 'completion.maxLines', type: 'integer', default: 12, minimum: 1, maximum: 200, trust: 'restricted' },
  disabledLanguages: { key: 'completion.disabledLanguages', type: 'array', default: [], trust: 'restricted' },
  // Globs of files never put into a prompt: workspace globs add to the user's, never replace them.
  contextExclude: { key: 'context.exclude', type: 'array', default: [], merge: 'union', trust: 'restricted' },
  prefixTokens: { key: 'completion.prompt.prefixTokens', type: 'integer', default: 1024, minimum: 64, maximum: 16_384, trust: 'restricted' },
  suffixTokens: { key: 'completion.prompt.suffixTokens', type: 'integer', default: 384, minimum: 0, maximum: 8_192, trust: 'restricted' },
  contextTokens: { key: 'completion.prompt.contextTokens', type: 'integer', default: 1024, minimum: 0, maximum: 16_384, trust: 'restricted' },
  // A repository must not be able to make answers look cheap.
  prices: { key: 'prices', type: 'object', default: {}, trust: 'user' },
  // Vision and tool calling decide what is sent, and a window too large makes every long chat fail.
  models: { key: 'models', type: 'object', default: {}, trust: 'user' },
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;

type ValueOf<S> = S extends { type: 'string'; enum: readonly (infer E)[] }
  ? E
  : S extends { type: 'string' }
    ? string
    : S extends { type: 'number' | 'integer' }
      ? number
      : S extends { type: 'boolean' }
        ? boolean
        : S extends { type: 'array' }
          ? string[]
          : Record<string, unknown>;

export type SettingValue<N extends SettingName> = ValueOf<(typeof SETTINGS)[N]>;
export type SettingValues<N extends SettingName> = { [K in N]: SettingValue<K> };

/** What the endpoint, the client and chat read. */
export const CONNECTION_SETTINGS = [
  'mode',
  'region',
  'chatModel',
  'completionMode',
  'completionModel',
  'completionTemplate',
  'customBaseUrl',
  'requestTimeoutSeconds',
] as const satisfies readonly SettingName[];
export type DrunSettings = SettingValues<(typeof CONNECTION_SETTINGS)[number]>;

/** The values VS Code's `inspect()` reports for one key. */
export interface SettingLayers {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/** `inspect` of the `drun` section: takes a key without the `drun.` prefix. */
export type InspectSetting = (key: string) => SettingLayers | undefined;

/** One setting's value: the most specific acceptable layer, workspace layers only where its trust rule allows. */
export function readSetting<N extends SettingName>(name: N, inspect: InspectSetting, workspaceTrusted: boolean): SettingValue<N> {
  const spec: SettingSpec = SETTINGS[name];
  const { workspaceFolderValue, workspaceValue, globalValue, defaultValue } = inspect(spec.key) ?? {};
  const workspaceAllowed = workspaceTrusted && spec.trust !== 'user';
  if (spec.type === 'array' && spec.merge === 'union') {
    const layers = workspaceAllowed ? [globalValue, workspaceValue, workspaceFolderValue] : [globalValue];
    return [...new Set(layers.filter(isStringArray).flat())] as SettingValue<N>;
  }
  const candidates = workspaceAllowed ? [workspaceFolderValue, workspaceValue, globalValue, defaultValue] : [globalValue, defaultValue];
  const picked = candidates.find((value) => value !== undefined && accepts(spec, value));
  return (picked ?? copyOf(spec.default)) as SettingValue<N>;
}

export function readSettingValues<N extends SettingName>(names: readonly N[], inspect: InspectSetting, workspaceTrusted: boolean): SettingValues<N> {
  return Object.fromEntries(names.map((name) => [name, readSetting(name, inspect, workspaceTrusted)])) as SettingValues<N>;
}

export function readSettings(inspect: InspectSetting, workspaceTrusted: boolean): DrunSettings {
  return readSettingValues(CONNECTION_SETTINGS, inspect, workspaceTrusted);
}

function accepts(spec: SettingSpec, value: unknown): boolean {
  switch (spec.type) {
    case 'string':
      return typeof value === 'string' && (spec.enum === undefined || spec.enum.includes(value));
    case 'number':
    case 'integer':
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (spec.type === 'number' || Number.isInteger(value)) &&
        (spec.minimum === undefined || value >= spec.minimum) &&
        (spec.maximum === undefined || value <= spec.maximum)
      );
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return isStringArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

/** Defaults are shared: a reader must not be able to change them through what it was given. */
function copyOf(value: unknown): unknown {
  return Array.isArray(value) ? [...value] : typeof value === 'object' && value !== null ? { ...value } : value;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
