// Every message of the webview protocol has a schema, samples of each pass both ways, and malformed
// ones are dropped; the view's labels come from one table.
import * as assert from 'node:assert/strict';
import { ENGLISH_STRINGS, viewLabels } from '../../../../src/core/chat/protocol/labels';
import {
  EXTENSION_TO_VIEW,
  ExtensionToView,
  parseExtensionMessage,
  parseViewMessage,
  VIEW_TO_EXTENSION,
  ViewToExtension,
} from '../../../../src/core/chat/protocol/messages';

type Samples<M extends { type: string }> = { [K in M['type']]: { good: Array<Extract<M, { type: K }>>; bad: unknown[] } };

// Typed by the message unions, so a message type added without samples here does not compile.
const VIEW_SAMPLES: Samples<ViewToExtension> = {
  ready: { good: [{ type: 'ready' }], bad: [] },
  ask: { good: [{ type: 'ask', text: 'why?' }], bad: [{ type: 'ask', text: ' \n ' }, { type: 'ask', text: 'x'.repeat(200_001) }] },
  stop: { good: [{ type: 'stop' }], bad: [] },
  runAction: { good: [{ type: 'runAction', action: 'retry' }], bad: [{ type: 'runAction', action: 'workbench.action.terminal.new' }] },
  openLink: { good: [{ type: 'openLink', href: 'https://d.run/docs' }], bad: [{ type: 'openLink', href: 'command:workbench.action.terminal.new' }] },
  regenerate: { good: [{ type: 'regenerate' }], bad: [] },
  editLast: { good: [{ type: 'editLast', text: 'better' }], bad: [{ type: 'editLast', text: '' }] },
  newChat: { good: [{ type: 'newChat' }], bad: [] },
  openConversation: { good: [{ type: 'openConversation', id: 'mfx1a2-0badcafe' }], bad: [{ type: 'openConversation', id: '../x' }] },
  deleteConversation: { good: [{ type: 'deleteConversation', id: 'c-1' }], bad: [{ type: 'deleteConversation', id: '' }] },
  listModels: { good: [{ type: 'listModels' }], bad: [] },
  stopListingModels: { good: [{ type: 'stopListingModels' }], bad: [] },
  pickModel: { good: [{ type: 'pickModel', model: 'u-1100a15812cc/qwen2' }], bad: [{ type: 'pickModel', model: 'x; rm -rf' }] },
  codeAction: {
    good: [{ type: 'codeAction', action: 'apply', code: 'print(1)', language: 'python' }],
    bad: [{ type: 'codeAction', action: 'run', code: 'x', language: 'sh' }, { type: 'codeAction', action: 'copy', code: 'x', language: 'a b' }],
  },
  attach: { good: [{ type: 'attach', what: 'files' }], bad: [{ type: 'attach', what: '/etc/passwd' }] },
  detach: { good: [{ type: 'detach', id: 'att-3' }], bad: [{ type: 'detach', id: 'att-x' }] },
  pasteImage: {
    good: [{ type: 'pasteImage', name: 'shot.png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }],
    bad: [{ type: 'pasteImage', name: 'shot.png', dataUrl: 'javascript:alert(1)' }],
  },
};

const CONFIG = { model: 'public/deepseek-r1', endpointLabel: 'chat.d.run', hasApiKey: true, strings: ENGLISH_STRINGS };
const TURN = { id: 't1', question: 'why?', model: 'public/deepseek-r1', answer: 'because', reasoning: '', status: 'done' as const };
const FULL_TURN = {
  ...TURN,
  status: 'error' as const,
  error: { message: 'No key.', action: 'setApiKey' as const, actionLabel: 'Set API Key' },
  usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 },
  cost: { kind: 'maas' as const, cny: 0.01 },
  omittedTurns: 2,
  attachments: [{ id: 'att-1', kind: 'selection' as const, label: 'a.py:1-2', tokens: 9 }],
};

const EXTENSION_SAMPLES: Samples<ExtensionToView> = {
  config: { good: [{ type: 'config', config: CONFIG }], bad: [{ type: 'config', config: { ...CONFIG, hasApiKey: 'yes' } }] },
  transcript: { good: [{ type: 'transcript', turns: [TURN, FULL_TURN] }, { type: 'transcript', turns: [] }], bad: [{ type: 'transcript', turns: [{ ...TURN, status: 'lost' }] }] },
  turnStarted: { good: [{ type: 'turnStarted', turn: { ...TURN, status: 'streaming' } }], bad: [{ type: 'turnStarted', turn: { ...TURN, answer: undefined } }] },
  delta: { good: [{ type: 'delta', turnId: 't1', content: 'a' }, { type: 'delta', turnId: 't1', reasoning: 'b' }], bad: [{ type: 'delta', turnId: 't1', content: 7 }] },
  turnEnded: {
    good: [{ type: 'turnEnded', turnId: 't1', status: 'stopped' }, { type: 'turnEnded', turnId: 't1', status: 'done', usage: FULL_TURN.usage, cost: { kind: 'instance' } }],
    bad: [{ type: 'turnEnded', turnId: 't1', status: 'streaming' }, { type: 'turnEnded', turnId: 't1', status: 'done', cost: { kind: 'free' } }],
  },
  notice: { good: [{ type: 'notice', message: 'Retrying…' }], bad: [] },
  historyTrimmed: { good: [{ type: 'historyTrimmed', turnId: 't1', omittedTurns: 3 }], bad: [{ type: 'historyTrimmed', turnId: 't1', omittedTurns: -1 }] },
  conversations: {
    good: [{ type: 'conversations', items: [{ id: 'c1', title: 'Hi', updatedAt: 1, turnCount: 2 }], currentId: 'c1' }, { type: 'conversations', items: [] }],
    bad: [{ type: 'conversations', items: [{ id: 'c1', title: 'Hi', updatedAt: Infinity, turnCount: 2 }] }],
  },
  models: {
    good: [{ type: 'models', options: [{ id: 'public/deepseek-r1', group: 'maas', listed: true }], current: 'public/deepseek-r1', loading: false }],
    bad: [{ type: 'models', options: [{ id: 'x', group: 'cloud', listed: true }], current: 'x', loading: false }],
  },
  usageSummary: {
    good: [{ type: 'usageSummary', days: [{ day: '2026-12-01', requests: 1, promptTokens: 1, completionTokens: 1, totalTokens: 2, costCny: 0, unpricedRequests: 0, perTokenTokens: 2, estimatedRequests: 1 }] }],
    bad: [{ type: 'usageSummary', days: [{ day: '2026-12-01' }] }],
  },
  showPanel: { good: [{ type: 'showPanel', panel: 'usage' }], bad: [{ type: 'showPanel', panel: 'settings' }] },
  attachments: {
    good: [{ type: 'attachments', state: { chips: FULL_TURN.attachments, tokens: 9, budget: 100, acceptsImages: false } }],
    bad: [{ type: 'attachments', state: { chips: [{ id: 'att-1', kind: 'script', label: 'x', tokens: 1 }], tokens: 0, budget: 1, acceptsImages: true } }],
  },
};

/** Each property but the tag set to null: no schema accepts null, optional ones included. */
function withEachPropertyNulled(message: Record<string, unknown>): unknown[] {
  return Object.keys(message)
    .filter((key) => key !== 'type')
    .map((key) => ({ ...message, [key]: null }));
}

/** Each required property (present in every good sample) left out. */
function withEachRequiredPropertyMissing(good: ReadonlyArray<Record<string, unknown>>): unknown[] {
  const required = Object.keys(good[0]).filter((key) => key !== 'type' && good.every((sample) => key in sample));
  return required.map((key) => Object.fromEntries(Object.entries(good[0]).filter(([name]) => name !== key)));
}

const roundTrip = (message: unknown): unknown => JSON.parse(JSON.stringify(message));

describe('chat protocol schemas', () => {
  it('has a schema for every message type (checked by the compiler, and here at run time)', () => {
    // The unions are derived from the schema tables; this fails to compile if a type lacks a schema.
    type Unschemed = Exclude<ViewToExtension['type'], (typeof VIEW_TO_EXTENSION.tags)[number]> | Exclude<ExtensionToView['type'], (typeof EXTENSION_TO_VIEW.tags)[number]>;
    const everyTypeHasSchema: [Unschemed] extends [never] ? true : false = true;
    assert.equal(everyTypeHasSchema, true);
    assert.deepEqual([...VIEW_TO_EXTENSION.tags].sort(), Object.keys(VIEW_SAMPLES).sort());
    assert.deepEqual([...EXTENSION_TO_VIEW.tags].sort(), Object.keys(EXTENSION_SAMPLES).sort());
  });

  for (const [type, { good, bad }] of Object.entries(VIEW_SAMPLES) as Array<[string, { good: ViewToExtension[]; bad: unknown[] }]>) {
    it(`view → extension '${type}': well-formed ones pass unchanged through JSON, malformed ones are dropped`, () => {
      for (const message of good) {
        assert.deepEqual(parseViewMessage(roundTrip(message)), message);
        assert.equal(parseViewMessage({ ...message, extra: 1 }), undefined, 'an unknown property rejects a message from the view');
      }
      const records = good as unknown as Array<Record<string, unknown>>;
      for (const message of [...bad, ...records.flatMap(withEachPropertyNulled), ...withEachRequiredPropertyMissing(records)]) {
        assert.equal(parseViewMessage(message), undefined, JSON.stringify(message).slice(0, 120));
      }
    });
  }

  for (const [type, { good, bad }] of Object.entries(EXTENSION_SAMPLES) as Array<[string, { good: ExtensionToView[]; bad: unknown[] }]>) {
    it(`extension → view '${type}': well-formed ones pass unchanged through JSON, malformed ones are dropped`, () => {
      for (const message of good) {
        assert.deepEqual(parseExtensionMessage(roundTrip(message)), message);
        assert.deepEqual(parseExtensionMessage({ ...message, internal: 1 }), message, 'what the view does not read is dropped from the copy');
      }
      const records = good as unknown as Array<Record<string, unknown>>;
      for (const message of [...bad, ...records.flatMap(withEachPropertyNulled), ...withEachRequiredPropertyMissing(records)]) {
        assert.equal(parseExtensionMessage(message), undefined, JSON.stringify(message).slice(0, 120));
      }
    });
  }

  it('drops what is not a message at all, or names no known type', () => {
    for (const raw of [null, undefined, 'ready', 42, [], [{ type: 'ready' }], {}, { type: 7 }, { type: '__proto__' }, { type: 'constructor' }, { type: 'toString' }]) {
      assert.equal(parseViewMessage(raw), undefined, String(JSON.stringify(raw)));
      assert.equal(parseExtensionMessage(raw), undefined, String(JSON.stringify(raw)));
    }
    const inherited = Object.create({ type: 'ready' });
    assert.equal(parseViewMessage(inherited), undefined, 'the tag must be the object\'s own');
  });
});

describe('chat view labels', () => {
  it('are one table: the extension fills every label through its translator, the view shows the English until then', () => {
    const seen: string[] = [];
    const labels = viewLabels((message, ...args) => {
      seen.push(message);
      return `zh:${message}${args.join('')}`;
    });
    assert.deepEqual(Object.keys(labels), Object.keys(ENGLISH_STRINGS));
    assert.deepEqual(seen, Object.values(ENGLISH_STRINGS), 'each label is translated from its English text');
    assert.equal(ENGLISH_STRINGS.send, 'Send');
    assert.equal(ENGLISH_STRINGS.tokens, '≈{0} tokens', 'placeholders stay for the view to fill');
  });

  it('a config without every label, or with a label that is not text, is dropped', () => {
    const config = (strings: Record<string, unknown>) => ({ type: 'config', config: { ...CONFIG, strings } });
    assert.ok(parseExtensionMessage(config({ ...ENGLISH_STRINGS })));
    for (const key of Object.keys(ENGLISH_STRINGS)) {
      const { [key]: _left, ...missing } = ENGLISH_STRINGS as Record<string, string>;
      assert.equal(parseExtensionMessage(config(missing)), undefined, `without ${key}`);
      assert.equal(parseExtensionMessage(config({ ...ENGLISH_STRINGS, [key]: 1 })), undefined, `${key} not text`);
    }
  });
});
