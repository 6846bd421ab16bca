// The models D.run offers to VS Code's chat, with what only we know about them: which endpoint
// serves each, its context window and output limit, and whether it takes images or calls tools.
import type { Mode } from '../platform/endpoint';
import { contextTokensFor, groupOf, maasModelId, mergeModelOptions, SEED_CATALOGUE, UNKNOWN_MODEL_CONTEXT_TOKENS } from '../platform/modelCatalogue';
import type { CompletionTemplate } from '../platform/settings';

interface FamilyFacts {
  /** Longest answer the family writes, in tokens. */
  outputTokens: number;
  imageInput?: boolean;
  /** As published by the model makers (drun-api.md, "Tool calling"); unknown counts as no. */
  toolCalling?: boolean;
}

const FAMILY_FACTS: Readonly<Record<string, FamilyFacts>> = {
  'DeepSeek-R1': { outputTokens: 8_192 },
  'DeepSeek-V3': { outputTokens: 8_192, toolCalling: true },
  'MiniMax-Text-01': { outputTokens: 8_192 },
  'Phi-4': { outputTokens: 4_096 },
  'Phi-3.5-mini-instruct': { outputTokens: 4_096 },
  'Qwen2-0.5B-Instruct': { outputTokens: 4_096 },
  'Qwen2.5-7B-Instruct': { outputTokens: 8_192, toolCalling: true },
  'Qwen2.5-14B-Instruct': { outputTokens: 8_192, toolCalling: true },
  'Qwen2.5-Coder-32B-Instruct': { outputTokens: 8_192, toolCalling: true },
  'Qwen2.5-72B-Instruct-AWQ': { outputTokens: 8_192, toolCalling: true },
  'baichuan2-13b-Chat': { outputTokens: 2_048 },
  'Llama-3.2-11B-Vision-Instruct': { outputTokens: 4_096, imageInput: true },
  'glm-4-9b-chat': { outputTokens: 4_096 },
};

const UNKNOWN_MODEL_OUTPUT_TOKENS = 4_096;
/** The template that only Qwen2.5-Coder understands: a completion model set with it is one. */
const QWEN_CODER_FAMILY = 'Qwen2.5-Coder-32B-Instruct';

export interface LanguageModelFacts {
  /** The name D.run knows the model by; also VS Code's model id. */
  id: string;
  /** The catalogue family, or undefined when the name says nothing reliable (an instance's access name). */
  family: string | undefined;
  /** Which endpoint serves it. */
  mode: Mode;
  maxInputTokens: number;
  maxOutputTokens: number;
  imageInput: boolean;
  toolCalling: boolean;
}

export interface ModelListSettings {
  mode: Mode;
  chatModel: string;
  completionMode: Mode;
  completionModel: string;
  completionTemplate: CompletionTemplate;
}

/**
 * Every model the user can reach: what the endpoints listed, the MaaS catalogue (not in custom mode),
 * and the chat and completion models set. `toolsRejected` are the ids whose server refused tools.
 */
export function listLanguageModels(listed: readonly string[], settings: ModelListSettings, toolsRejected: ReadonlySet<string>): LanguageModelFacts[] {
  const custom = settings.mode === 'custom';
  const completionModel = settings.completionModel.trim();
  const ids = mergeModelOptions(listed, settings.chatModel, !custom).map((choice) => choice.id);
  if (completionModel && !ids.includes(completionModel) && (settings.completionMode === 'custom') === custom) {
    ids.push(completionModel);
  }
  return ids.map((id) => {
    const family = familyOf(id, id === completionModel && settings.completionTemplate === 'qwen-fim');
    const facts: FamilyFacts = family ? FAMILY_FACTS[family] ?? { outputTokens: UNKNOWN_MODEL_OUTPUT_TOKENS } : { outputTokens: UNKNOWN_MODEL_OUTPUT_TOKENS };
    const contextTokens = family ? SEED_CATALOGUE.find((entry) => entry.family === family)?.contextTokens ?? contextTokensFor(id) : UNKNOWN_MODEL_CONTEXT_TOKENS;
    const maxOutputTokens = Math.min(facts.outputTokens, Math.floor(contextTokens / 2));
    return {
      id,
      family,
      mode: custom ? 'custom' : groupOf(id),
      maxInputTokens: contextTokens - maxOutputTokens,
      maxOutputTokens,
      imageInput: facts.imageInput === true,
      toolCalling: facts.toolCalling === true && !toolsRejected.has(id),
    };
  });
}

/** MaaS names give the family away; an instance's access name does not, unless it is the Qwen FIM completion model. */
function familyOf(id: string, isQwenFimModel: boolean): string | undefined {
  const lower = id.trim().toLowerCase();
  const maas = SEED_CATALOGUE.find((entry) => entry.groups.includes('maas') && maasModelId(entry) === lower);
  return maas?.family ?? (isQwenFimModel ? QWEN_CODER_FAMILY : undefined);
}

