// What a model can take and do, from one lookup: the user's `drun.models` entry for that id, then what
// the server's /v1/models said, then the catalogue, then a default safe for any model D.run serves.
// Chat's history budget, image attachments and VS Code's chat provider all ask here.
import { catalogueEntryFor } from './modelCatalogue';

export interface ModelFacts {
  /** Tokens of prompt and answer together. */
  contextWindow: number;
  /** Longest answer the model writes, in tokens. */
  maxOutput: number;
  /** Reads images (OpenAI `image_url` parts). */
  vision: boolean;
  /** Takes OpenAI `tools` and answers with tool calls. */
  toolCalling: boolean;
  /** The window came from the user, the server or the catalogue, not the default: a request may then ask for `maxOutput`. */
  windowKnown: boolean;
}

/** One `drun.models` entry: each fact it gives beats every other source. */
export type UserModelFacts = Partial<Pick<ModelFacts, 'contextWindow' | 'maxOutput' | 'vision' | 'toolCalling'>>;
export type UserModelFactsTable = ReadonlyMap<string, UserModelFacts>;

/** A model as an endpoint's /v1/models lists it, with the facts the server gives. */
export interface ListedModel {
  id: string;
  /** The context window the server runs the model with (vLLM's `max_model_len`). */
  contextTokens?: number;
}

/**
 * For a model nothing is known about, such as an instance's access name: a window every model in the seed
 * but baichuan2 has (smaller is safe, more history is left out; larger would make D.run refuse the
 * request), no images and no tools (a server that was not started for tools answers them with a 400).
 */
export const DEFAULT_MODEL_FACTS: Readonly<ModelFacts> = { contextWindow: 16_384, maxOutput: 4_096, vision: false, toolCalling: false, windowKnown: false };

export interface ModelFactSources {
  /** The user's `drun.models` entries, by exact model id. */
  user?: UserModelFactsTable;
  /** What the server's listing said about this model. */
  listed?: ListedModel;
  /** The catalogue family when the caller knows it by other means than the name (the Qwen FIM completion model). */
  family?: string;
}

/** Each fact from the first source that has it. */
export function resolveModelFacts(model: string, sources: ModelFactSources = {}): ModelFacts {
  const id = model.trim();
  const user = sources.user?.get(id) ?? {};
  const entry = catalogueEntryFor(id, sources.family);
  const contextWindow = user.contextWindow ?? sources.listed?.contextTokens ?? entry?.contextTokens;
  return {
    contextWindow: contextWindow ?? DEFAULT_MODEL_FACTS.contextWindow,
    maxOutput: user.maxOutput ?? entry?.outputTokens ?? DEFAULT_MODEL_FACTS.maxOutput,
    vision: user.vision ?? entry?.vision ?? DEFAULT_MODEL_FACTS.vision,
    toolCalling: user.toolCalling ?? entry?.toolCalling ?? DEFAULT_MODEL_FACTS.toolCalling,
    windowKnown: contextWindow !== undefined,
  };
}

/** What the last listings said, by model id: what a server runs beats what the family could do. */
const listedModels = new Map<string, ListedModel>();

/** Records what a listing said; a listing without a window for a model forgets an older one. */
export function learnModelFacts(listed: readonly ListedModel[]): void {
  for (const model of listed) {
    listedModels.set(model.id.trim().toLowerCase(), model);
  }
}

/** `resolveModelFacts` with what the listings so far said about the model. */
export function modelFactsFor(model: string, user?: UserModelFactsTable, family?: string): ModelFacts {
  return resolveModelFacts(model, { user, listed: listedModels.get(model.trim().toLowerCase()), family });
}

export interface ParsedUserModelFacts {
  table: UserModelFactsTable;
  /** The ids whose entries were left out, for one log line. */
  ignored: string[];
}

const FACT_CHECKS: Readonly<Record<keyof UserModelFacts, (value: unknown) => boolean>> = {
  contextWindow: isTokenCount,
  maxOutput: isTokenCount,
  vision: (value) => typeof value === 'boolean',
  toolCalling: (value) => typeof value === 'boolean',
};

/**
 * The `drun.models` setting as a table. An entry with an unknown key, a value of the wrong kind, or an
 * answer as long as its window is left out whole: half of a mistyped entry is a guess.
 */
export function parseUserModelFacts(value: unknown): ParsedUserModelFacts {
  const table = new Map<string, UserModelFacts>();
  const ignored: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { table, ignored };
  }
  for (const [rawId, entry] of Object.entries(value)) {
    const id = rawId.trim();
    const facts = id ? toUserModelFacts(entry) : undefined;
    if (facts) {
      table.set(id, facts);
    } else {
      ignored.push(JSON.stringify(rawId));
    }
  }
  return { table, ignored };
}

function toUserModelFacts(entry: unknown): UserModelFacts | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return undefined;
  }
  const fields = Object.entries(entry);
  const valid = fields.every(([key, fact]) => Object.hasOwn(FACT_CHECKS, key) && FACT_CHECKS[key as keyof UserModelFacts](fact));
  const facts = Object.fromEntries(fields) as UserModelFacts;
  if (!valid || (facts.contextWindow !== undefined && facts.maxOutput !== undefined && facts.maxOutput >= facts.contextWindow)) {
    return undefined;
  }
  return facts;
}

function isTokenCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
