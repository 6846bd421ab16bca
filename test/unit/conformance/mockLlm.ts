// Runs @dwmkerr/mock-llm, an OpenAI-compatible server nobody here wrote, as its own process on
// 127.0.0.1 and a free port, and scripts its answers through its /config endpoint.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** One mock-llm rule: `content` is the JSON template it answers with (streamed as chat chunks on `stream: true`). */
export interface MockLlmRule {
  path: string;
  method?: string;
  /** A JMESPath expression over `{body, headers, method, path, query}`. */
  match?: string;
  response: { status: number; content: string };
}

const STARTUP_TIMEOUT_MS = 20_000;

export class MockLlm {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly workDir: string,
  ) {}

  /** The host:port that a custom-server approval names. */
  get host(): string {
    return new URL(this.url).host;
  }

  static async start(): Promise<MockLlm> {
    const port = await freePort();
    // Its working directory holds no mock-llm.yaml, so it starts from its own default rules.
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'mock-llm-'));
    const main = require.resolve('@dwmkerr/mock-llm/dist/main.js');
    const child = spawn(process.execPath, [main], {
      cwd: workDir,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`mock-llm did not start within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)), STARTUP_TIMEOUT_MS);
      const fail = (error: Error) => {
        clearTimeout(timer);
        child.kill();
        reject(error);
      };
      const onOutput = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('server running on')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onOutput);
      child.stderr!.on('data', onOutput);
      child.once('exit', (code) => fail(new Error(`mock-llm exited with ${code}:\n${output}`)));
    });
    // It logs every request; nobody reads that.
    child.stdout!.removeAllListeners('data').resume();
    child.stderr!.removeAllListeners('data').resume();
    return new MockLlm(child, `http://127.0.0.1:${port}`, workDir);
  }

  /** Replaces all rules; `streaming` sets how it cuts a streamed answer. */
  async configure(rules: MockLlmRule[], streaming = { chunkSize: 8, chunkIntervalMs: 2 }): Promise<void> {
    const response = await fetch(`${this.url}/config`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ streaming, rules }),
    });
    if (!response.ok) {
      throw new Error(`mock-llm refused the rules: ${response.status} ${await response.text()}`);
    }
  }

  /** Back to its own default rules (echo chat, one model). */
  async reset(): Promise<void> {
    await fetch(`${this.url}/config`, { method: 'DELETE' });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill();
      await exited;
    }
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
