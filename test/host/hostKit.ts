// Shared set-up for host tests: the activated extension, its test API, a fake D.run server in
// the extension host, and recorders for the notifications and input boxes the user would see.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionToView } from '../../src/core/chat/protocol/messages';
import type { DrunTestApi } from '../../src/extension';
import { FakeDrunServer, FakeDrunServerOptions } from '../fixtures/fakeDrunServer';

export const EXTENSION_ID = 'drun.drun-vscode';
export const TEST_KEY = 'test-key';

export async function activateExtension(): Promise<DrunTestApi> {
  const extension = vscode.extensions.getExtension<DrunTestApi | undefined>(EXTENSION_ID);
  assert.ok(extension, 'the extension is installed');
  const api = await extension.activate();
  assert.ok(api, 'the test API is exported in ExtensionMode.Test');
  return api;
}

export async function startServer(options: FakeDrunServerOptions = {}): Promise<FakeDrunServer> {
  return FakeDrunServer.start({ apiKeys: [TEST_KEY], ...options });
}

type WindowMethod = 'showInputBox' | 'showErrorMessage' | 'showWarningMessage' | 'showInformationMessage';

export interface Shown {
  method: WindowMethod;
  message: string;
  items: string[];
}

/**
 * Replaces window prompts with scripted answers and records what was shown.
 * Test files share the extension's `vscode` API object, so the extension sees the stubs.
 */
export class UiRecorder {
  readonly shown: Shown[] = [];
  inputAnswers: (string | undefined)[] = [];
  /** Picks the button with this label when a message offers it. */
  clickWhenOffered: string | undefined;
  private readonly originals = new Map<WindowMethod, unknown>();

  install(): void {
    const window = vscode.window as unknown as Record<WindowMethod, unknown>;
    for (const method of ['showErrorMessage', 'showWarningMessage', 'showInformationMessage'] as const) {
      this.originals.set(method, window[method]);
      window[method] = async (message: string, ...rest: unknown[]) => {
        const items = rest.filter((item): item is string => typeof item === 'string');
        this.shown.push({ method, message, items });
        return this.clickWhenOffered && items.includes(this.clickWhenOffered) ? this.clickWhenOffered : undefined;
      };
    }
    this.originals.set('showInputBox', window.showInputBox);
    window.showInputBox = async (options: vscode.InputBoxOptions) => {
      this.shown.push({ method: 'showInputBox', message: `${options.title}: password=${options.password}`, items: [] });
      return this.inputAnswers.shift();
    };
  }

  restore(): void {
    const window = vscode.window as unknown as Record<WindowMethod, unknown>;
    for (const [method, original] of this.originals) {
      window[method] = original;
    }
  }

  clear(): void {
    this.shown.length = 0;
    this.inputAnswers = [];
    this.clickWhenOffered = undefined;
  }

  async waitFor(predicate: (shown: Shown) => boolean, what: string): Promise<Shown> {
    return waitUntil(() => this.shown.find(predicate), what);
  }
}

/** Records what the extension posts to the chat view. */
export class ViewRecorder implements vscode.Disposable {
  readonly messages: ExtensionToView[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(api: DrunTestApi) {
    this.subscription = api.onDidPostToChatView((message) => this.messages.push(message));
  }

  clear(): void {
    this.messages.length = 0;
  }

  async turnEnded(): Promise<Extract<ExtensionToView, { type: 'turnEnded' }>> {
    return waitUntil(() => this.messages.find((message) => message.type === 'turnEnded') as Extract<ExtensionToView, { type: 'turnEnded' }> | undefined, 'the turn to end');
  }

  streamedAnswer(): string {
    return this.messages.map((message) => (message.type === 'delta' ? message.content ?? '' : '')).join('');
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** The label a quick-pick item shows, without its leading `$(icon)`. */
export function shownLabel(item: vscode.QuickPickItem): string {
  return item.label.replace(/^\$\([\w-]+\) /, '');
}

/** Answers each quick pick with `answer(items, n)` (n counts the picks shown) and records what each offered. */
export function scriptQuickPicks(answer: (items: readonly vscode.QuickPickItem[], n: number) => vscode.QuickPickItem | undefined): {
  offered: vscode.QuickPickItem[][];
  restore(): void;
} {
  const window = vscode.window as unknown as { showQuickPick: (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => unknown };
  const original = window.showQuickPick;
  const offered: vscode.QuickPickItem[][] = [];
  window.showQuickPick = async (items) => {
    const list = [...(await items)];
    offered.push(list);
    return answer(list, offered.length - 1);
  };
  return { offered, restore: () => (window.showQuickPick = original) };
}

export async function waitUntil<T>(probe: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'tests run with a workspace folder');
  return vscode.Uri.file(path.join(folder.uri.fsPath, name));
}

export async function openEditor(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('drun').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Puts every drun.* setting back to its default at user and workspace level. */
export async function resetSettings(): Promise<void> {
  const configuration = vscode.workspace.getConfiguration('drun');
  for (const key of ['mode', 'region', 'chat.model', 'completion.mode', 'completion.model', 'completion.template', 'customBaseUrl', 'requestTimeoutSeconds', 'models']) {
    const layers = configuration.inspect(key);
    if (layers?.globalValue !== undefined) {
      await configuration.update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    if (layers?.workspaceValue !== undefined) {
      await configuration.update(key, undefined, vscode.ConfigurationTarget.Workspace);
    }
  }
}

/** What every host test file works with; filled in by the suite's `before` hook. */
export interface HostSuite {
  api: DrunTestApi;
  server: FakeDrunServer;
  view: ViewRecorder;
  readonly ui: UiRecorder;
}

export interface HostSuiteOptions {
  /** Stores TEST_KEY through the Set API Key command once the suite starts. */
  storeKey?: boolean;
}

/**
 * Registers the hooks each host test file shares: activate the extension, start the fake D.run
 * server and point the extension at it, record the view and the window prompts, reset settings.
 * A file's own hooks registered before this call run before these, hook by hook.
 */
export function useHostSuite(serverOptions: FakeDrunServerOptions, options: HostSuiteOptions = {}): HostSuite {
  const suite = { ui: new UiRecorder() } as HostSuite;

  before(async () => {
    suite.api = await activateExtension();
    suite.server = await startServer(serverOptions);
    suite.api.setStandInOrigin(suite.server.url);
    suite.view = new ViewRecorder(suite.api);
    suite.ui.install();
    await resetSettings();
    if (options.storeKey) {
      suite.ui.inputAnswers = [TEST_KEY];
      await vscode.commands.executeCommand('drun.setApiKey');
      // With a key, VS Code's chat lists D.run's models (a /v1/models per endpoint, then kept): let
      // that happen here, not inside a test that counts requests.
      await vscode.lm.selectChatModels({ vendor: 'drun' });
    }
  });

  after(async () => {
    suite.ui.restore();
    suite.view.dispose();
    suite.api.setStandInOrigin(undefined);
    await resetSettings();
    await suite.server.close();
  });

  beforeEach(() => {
    suite.server.reset();
    suite.view.clear();
    suite.ui.clear();
  });

  afterEach(resetSettings);

  return suite;
}

export interface ProgressNotice {
  title: string | undefined;
  /** Whether the notification has gone, its task ended. */
  closed: boolean;
}

/** Records the progress notifications the extension shows (they still show), and when each closes. */
export function recordProgressNotices(): { notices: ProgressNotice[]; dispose(): void } {
  const window = vscode.window as unknown as { withProgress: typeof vscode.window.withProgress };
  const original = window.withProgress;
  const show = original.bind(vscode.window);
  const notices: ProgressNotice[] = [];
  window.withProgress = <R>(
    options: vscode.ProgressOptions,
    task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<R>,
  ): Thenable<R> => {
    const notice: ProgressNotice = { title: options.title, closed: false };
    notices.push(notice);
    return show(options, async (progress, token) => {
      try {
        return await task(progress, token);
      } finally {
        notice.closed = true;
      }
    });
  };
  return { notices, dispose: () => (window.withProgress = original) };
}
