import * as assert from 'node:assert/strict';
import {
  checkInlineRequest,
  CompletionTarget,
  INLINE_SETTINGS,
  InlineSettings,
  inlineState,
  RequestPlace,
  ServerHealthTracker,
  UsageState,
} from '../../../../../src/core/completion/inline/availability';
import { InspectSetting, readSettingValues, SETTINGS, SettingLayers } from '../../../../../src/core/platform/settings';

const INSTANCE_FIM: CompletionTarget = { model: 'u-1100a15812cc/qwen2-coder', mode: 'instance', template: 'qwen-fim' };
const MAAS_CHAT: CompletionTarget = { model: 'public/deepseek-v3', mode: 'maas', template: 'chat' };
const INSTANCE_CHAT: CompletionTarget = { model: 'u-1100a15812cc/qwen2', mode: 'instance', template: 'chat' };
const NOW = Date.UTC(2026, 10, 26, 9, 0, 0);
const FRESH: UsageState = { now: NOW, snoozedUntil: undefined, tokensSpentToday: 0 };
const AUTOMATIC: RequestPlace = { explicit: false, languageId: 'python', hasSelection: false, excludedDocument: false };
const EXPLICIT: RequestPlace = { ...AUTOMATIC, explicit: true };

function readInlineSettings(inspect: InspectSetting, workspaceTrusted: boolean): InlineSettings {
  return readSettingValues(INLINE_SETTINGS, inspect, workspaceTrusted);
}

function settings(patch: Partial<InlineSettings> = {}): InlineSettings {
  return { ...readInlineSettings(() => undefined, true), ...patch };
}

function inspector(values: Record<string, SettingLayers>) {
  return (key: string) => values[key];
}

function verdict(target: CompletionTarget, patch: Partial<InlineSettings>, place: RequestPlace, usage: UsageState = FRESH) {
  const current = settings(patch);
  return checkInlineRequest(inlineState(current, target, usage), current, place);
}

describe('inline availability: settings', () => {
  it('defaults: automatic by model, no paid automatic completion, a daily cap', () => {
    const read = readInlineSettings(() => undefined, true);
    assert.equal(read.inlineEnabled, 'auto');
    assert.equal(read.automaticOnPerTokenModels, false);
    assert.equal(read.maxTokensPerDay, SETTINGS.maxTokensPerDay.default);
    assert.deepEqual(read.contextExclude, []);
  });

  it('only the user can opt in to paid automatic completion or raise the daily cap', () => {
    const read = readInlineSettings(
      inspector({
        'completion.inline.automaticOnPerTokenModels': { defaultValue: false, workspaceValue: true, workspaceFolderValue: true },
        'completion.maxTokensPerDay': { defaultValue: 200_000, workspaceValue: 999_999_999 },
      }),
      true,
    );
    assert.equal(read.automaticOnPerTokenModels, false);
    assert.equal(read.maxTokensPerDay, 200_000);

    const user = readInlineSettings(
      inspector({
        'completion.inline.automaticOnPerTokenModels': { defaultValue: false, globalValue: true, workspaceValue: false },
        'completion.maxTokensPerDay': { globalValue: 50_000, workspaceValue: 1 },
      }),
      true,
    );
    assert.equal(user.automaticOnPerTokenModels, true);
    assert.equal(user.maxTokensPerDay, 50_000);
  });

  it('a trusted workspace may set the switch and languages; Restricted Mode ignores them', () => {
    const values = inspector({
      'completion.inline.enabled': { globalValue: 'on', workspaceValue: 'off' },
      'completion.disabledLanguages': { workspaceValue: ['markdown'] },
    });
    assert.equal(readInlineSettings(values, true).inlineEnabled, 'off');
    assert.deepEqual(readInlineSettings(values, true).disabledLanguages, ['markdown']);
    assert.equal(readInlineSettings(values, false).inlineEnabled, 'on');
    assert.deepEqual(readInlineSettings(values, false).disabledLanguages, []);
  });

  it('workspace exclude globs add to the user’s and cannot remove them', () => {
    const values = inspector({ 'context.exclude': { globalValue: ['secrets/**'], workspaceValue: [], workspaceFolderValue: ['*.csv', 'secrets/**'] } });
    assert.deepEqual(readInlineSettings(values, true).contextExclude, ['secrets/**', '*.csv']);
    assert.deepEqual(readInlineSettings(values, false).contextExclude, ['secrets/**']);
  });

  it('ignores values of the wrong type or out of range', () => {
    const read = readInlineSettings(
      inspector({
        'completion.inline.enabled': { globalValue: true },
        'completion.maxLines': { globalValue: 0 },
        'completion.prompt.prefixTokens': { globalValue: 1.5 },
        'completion.disabledLanguages': { globalValue: ['go', 3] },
      }),
      true,
    );
    assert.equal(read.inlineEnabled, 'auto');
    assert.equal(read.maxLines, SETTINGS.maxLines.default);
    assert.equal(read.prefixTokens, SETTINGS.prefixTokens.default);
    assert.deepEqual(read.disabledLanguages, []);
  });
});

describe('inline availability: policy', () => {
  it('is on by default for an instance with FIM, automatic and explicit', () => {
    assert.deepEqual(inlineState(settings(), INSTANCE_FIM, FRESH), { kind: 'on', mode: 'fim', perToken: false });
    assert.deepEqual(verdict(INSTANCE_FIM, {}, AUTOMATIC), { ok: true });
  });

  it('is off by default on a MaaS model or with the chat template, even for explicit requests', () => {
    for (const target of [MAAS_CHAT, INSTANCE_CHAT, { ...INSTANCE_FIM, mode: 'maas' as const, model: 'public/qwen2.5-7b-instruct' }]) {
      assert.deepEqual(inlineState(settings(), target, FRESH), { kind: 'off', reason: 'offForPerTokenOrChat' });
      assert.deepEqual(verdict(target, {}, EXPLICIT), { ok: false, reason: 'offForPerTokenOrChat' });
    }
  });

  it('with the chat template turned on, it runs in chat mode', () => {
    assert.deepEqual(inlineState(settings({ inlineEnabled: 'on' }), INSTANCE_CHAT, FRESH), { kind: 'on', mode: 'chat', perToken: false });
    assert.deepEqual(verdict(INSTANCE_CHAT, { inlineEnabled: 'on' }, AUTOMATIC), { ok: true });
  });

  it('a MaaS model turned on answers explicit requests but automatic ones need the user’s opt-in', () => {
    assert.deepEqual(verdict(MAAS_CHAT, { inlineEnabled: 'on' }, EXPLICIT), { ok: true });
    assert.deepEqual(verdict(MAAS_CHAT, { inlineEnabled: 'on' }, AUTOMATIC), { ok: false, reason: 'perTokenNeedsOptIn' });
    assert.deepEqual(verdict(MAAS_CHAT, { inlineEnabled: 'on', automaticOnPerTokenModels: true }, AUTOMATIC), { ok: true });
  });

  it('at the daily cap, automatic requests to a per-token model stop and explicit ones still go', () => {
    const patch = { inlineEnabled: 'on' as const, automaticOnPerTokenModels: true, maxTokensPerDay: 1000 };
    const capped = { ...FRESH, tokensSpentToday: 1000 };
    assert.deepEqual(verdict(MAAS_CHAT, patch, AUTOMATIC, capped), { ok: false, reason: 'dailyCapReached' });
    assert.deepEqual(verdict(MAAS_CHAT, patch, EXPLICIT, capped), { ok: true });
    assert.deepEqual(verdict(MAAS_CHAT, patch, AUTOMATIC, { ...FRESH, tokensSpentToday: 999 }), { ok: true });
    assert.deepEqual(verdict(INSTANCE_FIM, { maxTokensPerDay: 0 }, AUTOMATIC, capped), { ok: true }, 'an instance is paid by the hour');
  });

  it('snooze pauses automatic requests until it ends', () => {
    const snoozed = { ...FRESH, snoozedUntil: NOW + 60_000 };
    assert.equal(inlineState(settings(), INSTANCE_FIM, snoozed).kind, 'on');
    assert.deepEqual(verdict(INSTANCE_FIM, {}, AUTOMATIC, snoozed), { ok: false, reason: 'snoozed' });
    assert.deepEqual(verdict(INSTANCE_FIM, {}, EXPLICIT, snoozed), { ok: true });
    assert.deepEqual(verdict(INSTANCE_FIM, {}, AUTOMATIC, { ...snoozed, now: NOW + 60_000 }), { ok: true });
  });

  it('never asks in a selection, a disabled language, an excluded file, or without a model', () => {
    assert.deepEqual(verdict(INSTANCE_FIM, {}, { ...EXPLICIT, hasSelection: true }), { ok: false, reason: 'selection' });
    assert.deepEqual(verdict(INSTANCE_FIM, { disabledLanguages: ['python'] }, EXPLICIT), { ok: false, reason: 'languageDisabled' });
    assert.deepEqual(verdict(INSTANCE_FIM, {}, { ...EXPLICIT, excludedDocument: true }), { ok: false, reason: 'excludedDocument' });
    assert.deepEqual(verdict({ ...INSTANCE_FIM, model: ' ' }, {}, EXPLICIT), { ok: false, reason: 'noModel' });
    assert.deepEqual(verdict(INSTANCE_FIM, { inlineEnabled: 'off' }, EXPLICIT), { ok: false, reason: 'turnedOff' });
  });
});

describe('inline availability: server health', () => {
  it('is unknown until it has seen a few requests', () => {
    const tracker = new ServerHealthTracker();
    tracker.record({ kind: 'ok', latencyMs: 200 });
    assert.equal(tracker.health(), 'unknown');
  });

  it('is failing when half of the recent requests errored or timed out, and recovers', () => {
    const tracker = new ServerHealthTracker();
    for (const kind of ['ok', 'timeout', 'error'] as const) {
      tracker.record(kind === 'ok' ? { kind, latencyMs: 200 } : { kind });
    }
    assert.equal(tracker.health(), 'failing');
    for (let i = 0; i < 10; i++) {
      tracker.record({ kind: 'ok', latencyMs: 200 });
    }
    assert.equal(tracker.health(), 'healthy');
  });

  it('is slow when recent latency is far above what the server usually takes', () => {
    const tracker = new ServerHealthTracker();
    for (let i = 0; i < 30; i++) {
      tracker.record({ kind: 'ok', latencyMs: 300 });
    }
    assert.equal(tracker.health(), 'healthy');
    for (let i = 0; i < 3; i++) {
      tracker.record({ kind: 'ok', latencyMs: 2500 });
    }
    assert.equal(tracker.health(), 'slow');
  });

  it('a server that is always a little slow is normal; one that takes seconds is not', () => {
    const steady = new ServerHealthTracker();
    for (let i = 0; i < 10; i++) {
      steady.record({ kind: 'ok', latencyMs: 1800 });
    }
    assert.equal(steady.health(), 'healthy');
    const crawling = new ServerHealthTracker();
    for (let i = 0; i < 10; i++) {
      crawling.record({ kind: 'ok', latencyMs: 8000 });
    }
    assert.equal(crawling.health(), 'slow');
  });
});
