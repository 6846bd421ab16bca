// "D.run: Show Completion Statistics": a read-only Markdown document, rebuilt each time it opens.
import * as vscode from 'vscode';
import type { InlineStatistics } from '../../../core/completion/inline/contract';

export const STATISTICS_SCHEME = 'drun-statistics';
const STATISTICS_URI = vscode.Uri.from({ scheme: STATISTICS_SCHEME, path: '/completion-statistics.md' });
/** VS Code reads the text again within milliseconds; past this the document is shown as it is. */
const REFRESH_TIMEOUT_MS = 2000;

export class InlineStatisticsDocument implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly read: () => { statistics: InlineStatistics; tokensSpentToday: number }) {}

  provideTextDocumentContent(): string {
    const { statistics, tokensSpentToday } = this.read();
    return formatStatistics(statistics, tokensSpentToday);
  }

  async show(): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(STATISTICS_URI);
    if (document.getText() !== this.provideTextDocumentContent()) {
      await this.refreshed(document);
    }
    return vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(document, 'markdown'), { preview: true });
  }

  /**
   * VS Code keeps the document after its editor closes, and opening it again gives its old text:
   * ask VS Code to read it again, and wait until it has.
   */
  private refreshed(document: vscode.TextDocument): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        listener.dispose();
        clearTimeout(timer);
        resolve();
      };
      const listener = vscode.workspace.onDidChangeTextDocument((event) => event.document === document && done());
      const timer = setTimeout(done, REFRESH_TIMEOUT_MS);
      this.changed.fire(STATISTICS_URI);
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function formatStatistics(stats: InlineStatistics, tokensSpentToday: number): string {
  const t = vscode.l10n.t;
  const ms = (value: number | undefined) => (value === undefined ? '–' : t('{0} ms', Math.round(value)));
  const rate = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)} %`);
  const rows: [string, string][] = [
    [t('Requests sent'), String(stats.requests)],
    [t('Served from cache'), String(stats.cacheHits)],
    [t('Served while typing through'), String(stats.typedThroughHits)],
    [t('Joined a request in flight'), String(stats.inFlightReuses)],
    [t('Cancelled'), String(stats.cancellations)],
    [t('Timed out'), String(stats.timeouts)],
    [t('Failed'), String(stats.errors)],
    [t('Latency p50'), ms(stats.latencyP50Ms)],
    [t('Latency p95'), ms(stats.latencyP95Ms)],
    [t('Suggestions shown'), String(stats.shown)],
    [t('Accepted'), String(stats.accepted)],
    [t('Acceptance rate'), rate(stats.accepted, stats.shown)],
    [t('Tokens requested'), String(stats.tokensRequested)],
    [t('Tokens shown'), String(stats.tokensShown)],
    [t('Tokens spent today on per-token models'), String(tokensSpentToday)],
  ];
  return [
    `# ${t('D.run Completion Statistics')}`,
    '',
    t('Since VS Code started or the completion model last changed.'),
    '',
    `| ${t('Measure')} | ${t('Value')} |`,
    '|---|---:|',
    ...rows.map(([label, value]) => `| ${label} | ${value} |`),
    '',
  ].join('\n');
}
