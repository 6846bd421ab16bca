// The models D.run offers to VS Code's chat, with what only we know about them: which endpoint
// serves each, its context window and output limit, and whether it takes images or calls tools.
import type { Mode } from '../platform/endpoint';
import { catalogueEntryFor, groupOf, mergeModelOptions } from '../platform/modelCatalogue';
import { modelFactsFor, UserModelFactsTable } from '../platform/modelFacts';
import type { CompletionTemplate } from '../platform/settings';

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
  /** Whether the window is known rather than the default: only then is asking for `maxOutputTokens` safe. */
  windowKnown: boolean;
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
 * and the chat and completion models set. `toolsRejected` are the ids whose server refused tools;
 * `userFacts` is the user's `drun.models`.
 */
export function listLanguageModels(
  listed: readonly string[],
  settings: ModelListSettings,
  toolsRejected: ReadonlySet<string>,
  userFacts?: UserModelFactsTable,
): LanguageModelFacts[] {
  const custom = settings.mode === 'custom';
  const completionModel = settings.completionModel.trim();
  const ids = mergeModelOptions(listed, settings.chatModel, !custom).map((choice) => choice.id);
  if (completionModel && !ids.includes(completionModel) && (settings.completionMode === 'custom') === custom) {
    ids.push(completionModel);
  }
  return ids.map((id) => {
    const family = familyOf(id, id === completionModel && settings.completionTemplate === 'qwen-fim');
    const facts = modelFactsFor(id, userFacts, family);
    // At most half the window, so a long answer never leaves the prompt no room.
    const maxOutputTokens = Math.min(facts.maxOutput, Math.floor(facts.contextWindow / 2));
    return {
      id,
      family,
      mode: custom ? 'custom' : groupOf(id),
      maxInputTokens: facts.contextWindow - maxOutputTokens,
      maxOutputTokens,
      imageInput: facts.vision,
      toolCalling: facts.toolCalling && !toolsRejected.has(id),
      windowKnown: facts.windowKnown,
    };
  });
}

/** MaaS names give the family away; an instance's access name does not, unless it is the Qwen FIM completion model. */
function familyOf(id: string, isQwenFimModel: boolean): string | undefined {
  return catalogueEntryFor(id)?.family ?? (isQwenFimModel ? QWEN_CODER_FAMILY : undefined);
}
