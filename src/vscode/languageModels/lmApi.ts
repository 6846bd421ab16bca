// The Language Model Chat Provider API (stable since VS Code 1.104) as this extension uses it.
// engines.vscode stays at ^1.90 so older editors keep everything else, and @types/vscode with it;
// these declarations stand in for the newer typings, and every use is feature-detected.
import * as vscode from 'vscode';

export interface LanguageModelChatInformation {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly version: string;
  readonly tooltip?: string;
  readonly detail?: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly capabilities: { readonly imageInput?: boolean; readonly toolCalling?: boolean | number };
}

export interface LanguageModelChatTool {
  readonly name: string;
  readonly description: string;
  readonly inputSchema?: object;
}

export interface ProvideLanguageModelChatResponseOptions {
  readonly modelOptions?: { readonly [name: string]: unknown };
  readonly tools?: readonly LanguageModelChatTool[];
  /** 1 = auto, 2 = required. */
  readonly toolMode?: number;
}

/** A message as VS Code hands it to a provider; `role` 3 is the System role, missing from the stable enum. */
export interface LanguageModelChatRequestMessage {
  readonly role: number;
  readonly content: readonly unknown[];
  readonly name: string | undefined;
}

export interface LanguageModelChatProvider {
  readonly onDidChangeLanguageModelChatInformation?: vscode.Event<void>;
  provideLanguageModelChatInformation(options: { readonly silent: boolean }, token: vscode.CancellationToken): vscode.ProviderResult<LanguageModelChatInformation[]>;
  provideLanguageModelChatResponse(
    model: LanguageModelChatInformation,
    messages: readonly LanguageModelChatRequestMessage[],
    options: ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<unknown>,
    token: vscode.CancellationToken,
  ): Thenable<void>;
  provideTokenCount(model: LanguageModelChatInformation, text: string | LanguageModelChatRequestMessage, token: vscode.CancellationToken): Thenable<number>;
}

type PartClass<T> = new (...args: never[]) => T;

/** The part classes of the newer API, as this extension reads and writes them. */
export interface LanguageModelParts {
  Text: new (value: string) => { value: string };
  ToolCall: new (callId: string, name: string, input: object) => { callId: string; name: string; input: object };
  ToolResult: PartClass<{ callId: string; content: unknown[] }>;
  Data: PartClass<{ data: Uint8Array; mimeType: string }> | undefined;
  /** Not in the stable typings; 1.139 exports it and the chat shows it as a collapsed "thinking" section. */
  Thinking: (new (value: string) => unknown) | undefined;
}

export interface LanguageModelApi {
  register(vendor: string, provider: LanguageModelChatProvider): vscode.Disposable;
  parts: LanguageModelParts;
}

/** What the running VS Code offers, or undefined where it has no provider API (then nothing is registered). */
export function detectLanguageModelApi(api: unknown = vscode): LanguageModelApi | undefined {
  const host = api as {
    lm?: { registerLanguageModelChatProvider?: (vendor: string, provider: LanguageModelChatProvider) => vscode.Disposable };
    LanguageModelTextPart?: LanguageModelParts['Text'];
    LanguageModelToolCallPart?: LanguageModelParts['ToolCall'];
    LanguageModelToolResultPart?: LanguageModelParts['ToolResult'];
    LanguageModelDataPart?: LanguageModelParts['Data'];
    LanguageModelThinkingPart?: LanguageModelParts['Thinking'];
  };
  const register = host.lm?.registerLanguageModelChatProvider;
  if (typeof register !== 'function' || !host.LanguageModelTextPart || !host.LanguageModelToolCallPart || !host.LanguageModelToolResultPart) {
    return undefined;
  }
  return {
    register: (vendor, provider) => register.call(host.lm, vendor, provider),
    parts: {
      Text: host.LanguageModelTextPart,
      ToolCall: host.LanguageModelToolCallPart,
      ToolResult: host.LanguageModelToolResultPart,
      Data: host.LanguageModelDataPart,
      Thinking: typeof host.LanguageModelThinkingPart === 'function' ? host.LanguageModelThinkingPart : undefined,
    },
  };
}
