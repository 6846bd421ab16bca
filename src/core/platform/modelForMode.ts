// The one rule for the model a request uses when the settings leave it out.
import type { Mode } from './endpoint';

/** The chat model D.run requests use unless the user picks another: the only name the extension chooses itself. */
export const MAAS_DEFAULT_CHAT_MODEL = 'public/deepseek-v3';

/**
 * The configured model, else the mode's default. A custom server is not D.run, so none of D.run's names
 * fits it: the first model it lists (`listed`) stands in, and '' without a listing means "ask it".
 * D.run's chat falls back to the MaaS default; completion has no default model.
 */
export function modelForMode(purpose: 'chat' | 'completion', configured: string, mode: Mode, listed: readonly string[] = []): string {
  const model = configured.trim();
  if (model) {
    return model;
  }
  if (mode === 'custom') {
    return listed.map((id) => id.trim()).find(Boolean) ?? '';
  }
  return purpose === 'chat' ? MAAS_DEFAULT_CHAT_MODEL : '';
}
