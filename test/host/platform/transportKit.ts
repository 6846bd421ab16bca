// What the proxy and certificate host tests share: a real proxy that records what it carried.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createProxy, ProxyServer } from 'proxy';
import * as vscode from 'vscode';
import { openEditor, setSetting } from '../hostKit';

const INSTANCE_CODER = 'u-1100a15812cc/qwen2-coder';
/** What the fake server completes after `def add(a, b):`. */
export const FIM = { prefixEndsWith: 'def add(a, b):', completion: '\n    return a + b' };

/** A real HTTP proxy on 127.0.0.1 that records the tunnels and requests it carried. */
export class RecordingProxy {
  readonly carried: string[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(readonly server: ProxyServer) {
    server.on('connect', (request: http.IncomingMessage) => this.carried.push(`CONNECT ${request.url}`));
    server.on('request', (request: http.IncomingMessage) => this.carried.push(`${request.method} ${request.url}`));
    server.on('connection', (socket: Socket) => this.sockets.add(socket));
  }

  static async start(port = 0): Promise<RecordingProxy> {
    const proxy = new RecordingProxy(createProxy(http.createServer()));
    await new Promise<void>((resolve) => proxy.server.listen(port, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => this.server.close(resolve));
  }
}

export async function setHttpSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('http').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Runs Complete Here at the end of `def add(a, b):` and returns its status, or the failure's kind. */
export async function completeHere(): Promise<string> {
  await setSetting('completion.model', INSTANCE_CODER);
  const editor = await openEditor('sample.py');
  // The same text each time: an earlier insertion would be trimmed as overlap with the suffix.
  await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), 'def add(a, b):\n    pass\n'));
  editor.selection = new vscode.Selection(0, 14, 0, 14);
  const result = await vscode.commands.executeCommand<{ status: string; errorKind?: string }>('drun.completeHere');
  return result.errorKind ?? result.status;
}
