// The models D.run offers (the seed catalogue in drun-api.md) with what their makers publish about them,
// and the merge of that catalogue with what an endpoint's /v1/models lists, grouped the way the picker shows them.
import { isMaasModel } from './modelFit';

export type ModelGroup = 'maas' | 'instance';

/** One entry of the model picker. */
export interface ModelChoice {
  id: string;
  group: ModelGroup;
  /** Whether an endpoint's /v1/models listed it (otherwise it comes from the catalogue or the settings). */
  listed: boolean;
}

export interface CatalogueEntry {
  /** The family's name as D.run's documentation writes it. */
  family: string;
  groups: readonly ModelGroup[];
  /** Context window in tokens, prompt and answer together. */
  contextTokens: number;
  /** Longest answer the family writes, in tokens. */
  outputTokens: number;
  /** Reads images (OpenAI `image_url` parts). */
  vision?: boolean;
  /** As published by the model makers (drun-api.md, "Tool calling"); unknown counts as no. */
  toolCalling?: boolean;
}

/** The seed's models. Context sizes are the published windows of each family as D.run serves it. */
export const SEED_CATALOGUE: readonly CatalogueEntry[] = [
  { family: 'DeepSeek-R1', groups: ['maas'], contextTokens: 65_536, outputTokens: 8_192 },
  { family: 'DeepSeek-V3', groups: ['maas'], contextTokens: 65_536, outputTokens: 8_192, toolCalling: true },
  { family: 'MiniMax-Text-01', groups: ['maas'], contextTokens: 1_000_000, outputTokens: 8_192 },
  { family: 'Phi-4', groups: ['instance'], contextTokens: 16_384, outputTokens: 4_096 },
  { family: 'Phi-3.5-mini-instruct', groups: ['instance'], contextTokens: 131_072, outputTokens: 4_096 },
  { family: 'Qwen2-0.5B-Instruct', groups: ['instance'], contextTokens: 32_768, outputTokens: 4_096 },
  { family: 'Qwen2.5-7B-Instruct', groups: ['maas', 'instance'], contextTokens: 32_768, outputTokens: 8_192, toolCalling: true },
  { family: 'Qwen2.5-14B-Instruct', groups: ['instance'], contextTokens: 32_768, outputTokens: 8_192, toolCalling: true },
  { family: 'Qwen2.5-Coder-32B-Instruct', groups: ['instance'], contextTokens: 32_768, outputTokens: 8_192, toolCalling: true },
  { family: 'Qwen2.5-72B-Instruct-AWQ', groups: ['maas', 'instance'], contextTokens: 32_768, outputTokens: 8_192, toolCalling: true },
  { family: 'baichuan2-13b-Chat', groups: ['instance'], contextTokens: 4_096, outputTokens: 2_048 },
  { family: 'Llama-3.2-11B-Vision-Instruct', groups: ['maas', 'instance'], contextTokens: 131_072, outputTokens: 4_096, vision: true },
  { family: 'glm-4-9b-chat', groups: ['maas', 'instance'], contextTokens: 131_072, outputTokens: 4_096 },
];

/** MaaS names are `public/` + the lower-cased family name. */
export function maasModelId(entry: CatalogueEntry): string {
  return `public/${entry.family.toLowerCase()}`;
}

/**
 * The catalogue's entry for a model id: a MaaS name gives its family away; an instance's access name
 * does not, so it has an entry only through `family`, a family the caller knows by other means.
 */
export function catalogueEntryFor(model: string, family?: string): CatalogueEntry | undefined {
  const id = model.trim().toLowerCase();
  return (
    SEED_CATALOGUE.find((entry) => entry.groups.includes('maas') && maasModelId(entry) === id) ??
    (family === undefined ? undefined : SEED_CATALOGUE.find((entry) => entry.family === family))
  );
}

export function groupOf(model: string): ModelGroup {
  return isMaasModel(model.trim()) ? 'maas' : 'instance';
}

/**
 * The picker's list: every listed model, then the catalogue's MaaS models the endpoint did not list
 * (D.run's /v1/models may leave them out; a custom server gets no catalogue), then the configured model
 * if it is in neither. MaaS first, each group sorted by name.
 */
export function mergeModelOptions(listedIds: readonly string[], currentModel: string, withCatalogue = true): ModelChoice[] {
  const options = new Map<string, ModelChoice>();
  const add = (id: string, listed: boolean): void => {
    const trimmed = id.trim();
    if (trimmed && !options.has(trimmed)) {
      options.set(trimmed, { id: trimmed, group: groupOf(trimmed), listed });
    }
  };
  listedIds.forEach((id) => add(id, true));
  if (withCatalogue) {
    SEED_CATALOGUE.filter((entry) => entry.groups.includes('maas')).forEach((entry) => add(maasModelId(entry), false));
  }
  add(currentModel, false);
  const rank = (option: ModelChoice): number => (option.group === 'maas' ? 0 : 1);
  return [...options.values()].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}
