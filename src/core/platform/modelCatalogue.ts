// The models D.run offers (the seed catalogue in drun-api.md), their context windows, and the merge of
// that catalogue with what an endpoint's /v1/models lists, grouped the way the picker shows them.
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
}

/** The seed's models. Context sizes are the published windows of each family as D.run serves it. */
export const SEED_CATALOGUE: readonly CatalogueEntry[] = [
  { family: 'DeepSeek-R1', groups: ['maas'], contextTokens: 65_536 },
  { family: 'DeepSeek-V3', groups: ['maas'], contextTokens: 65_536 },
  { family: 'MiniMax-Text-01', groups: ['maas'], contextTokens: 1_000_000 },
  { family: 'Phi-4', groups: ['instance'], contextTokens: 16_384 },
  { family: 'Phi-3.5-mini-instruct', groups: ['instance'], contextTokens: 131_072 },
  { family: 'Qwen2-0.5B-Instruct', groups: ['instance'], contextTokens: 32_768 },
  { family: 'Qwen2.5-7B-Instruct', groups: ['maas', 'instance'], contextTokens: 32_768 },
  { family: 'Qwen2.5-14B-Instruct', groups: ['instance'], contextTokens: 32_768 },
  { family: 'Qwen2.5-Coder-32B-Instruct', groups: ['instance'], contextTokens: 32_768 },
  { family: 'Qwen2.5-72B-Instruct-AWQ', groups: ['maas', 'instance'], contextTokens: 32_768 },
  { family: 'baichuan2-13b-Chat', groups: ['instance'], contextTokens: 4_096 },
  { family: 'Llama-3.2-11B-Vision-Instruct', groups: ['maas', 'instance'], contextTokens: 131_072 },
  { family: 'glm-4-9b-chat', groups: ['maas', 'instance'], contextTokens: 131_072 },
];

/**
 * Instance names (`<user>/<access-name>`) say nothing reliable about the model behind them, so they get
 * a window every model in the seed but baichuan2 has; smaller is safe (more history is left out), larger
 * would make D.run refuse the request.
 */
export const UNKNOWN_MODEL_CONTEXT_TOKENS = 16_384;

/** MaaS names are `public/` + the lower-cased family name. */
export function maasModelId(entry: CatalogueEntry): string {
  return `public/${entry.family.toLowerCase()}`;
}

function catalogueEntryFor(model: string): CatalogueEntry | undefined {
  const id = model.trim().toLowerCase();
  return SEED_CATALOGUE.find((entry) => entry.groups.includes('maas') && maasModelId(entry) === id);
}

/** A model as an endpoint's /v1/models lists it, with the facts the server gives. */
export interface ListedModel {
  id: string;
  /** The context window the server runs the model with (vLLM's `max_model_len`). */
  contextTokens?: number;
}

/** Context windows servers reported, by model id: what the server runs beats what the family could do. */
const listedContextTokens = new Map<string, number>();

/** Records what a listing said; a listing without a window for a model forgets an older one. */
export function learnModelFacts(listed: readonly ListedModel[]): void {
  for (const model of listed) {
    const id = model.id.trim().toLowerCase();
    if (model.contextTokens === undefined) {
      listedContextTokens.delete(id);
    } else {
      listedContextTokens.set(id, model.contextTokens);
    }
  }
}

export function contextTokensFor(model: string): number {
  return listedContextTokens.get(model.trim().toLowerCase()) ?? catalogueEntryFor(model)?.contextTokens ?? UNKNOWN_MODEL_CONTEXT_TOKENS;
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
