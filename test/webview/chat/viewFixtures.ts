// Messages and helpers shared by the webview tests.
import type { Locator, Page } from 'playwright-core';
import { STRINGS } from './viewStrings';

export { STRINGS };

export function config(hasApiKey = true, model = 'public/deepseek-r1'): unknown {
  return { type: 'config', config: { model, endpointLabel: 'chat.d.run', hasApiKey, strings: STRINGS } };
}

export function turn(id: string, question: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, question, model: 'public/deepseek-r1', answer: '', reasoning: '', status: 'streaming', ...extra };
}

/** Polls an expression in the page (waitForFunction would need 'unsafe-eval', which the CSP refuses). */
export async function waitFor(page: Page, expression: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<unknown>(expression))) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${expression}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether a <details> element is expanded. */
export async function isOpen(details: Locator): Promise<boolean> {
  return (await details.getAttribute('open')) !== null;
}

export const turnSel = (id: string): string => `article[data-turn-id="${id}"]`;
export const answerSel = (id: string): string => `${turnSel(id)} .drun-answer-body`;
