import * as assert from 'node:assert/strict';
import { dayOf, LEDGER_DAYS, parseLedger, recordUsage } from '../../../../src/core/chat/usageLedger';

const usage = (prompt: number, completion: number) => ({ promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion });

describe('usage ledger', () => {
  it('names the local calendar day', () => {
    assert.equal(dayOf(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
    assert.equal(dayOf(new Date(2026, 11, 31, 0, 0)), '2026-12-31');
  });

  it('adds answers to their day: requests, tokens and MaaS cost', () => {
    let ledger = recordUsage([], '2026-11-25', usage(10, 5), { kind: 'maas', cny: 0.5 });
    ledger = recordUsage(ledger, '2026-11-26', usage(100, 50), { kind: 'instance' });
    ledger = recordUsage(ledger, '2026-11-26', usage(1, 2), { kind: 'maas', cny: 0.25 });
    ledger = recordUsage(ledger, '2026-11-26', usage(3, 4), { kind: 'unpriced' });
    assert.deepEqual(ledger, [
      { day: '2026-11-26', requests: 3, promptTokens: 104, completionTokens: 56, totalTokens: 160, costCny: 0.25, unpricedRequests: 1 },
      { day: '2026-11-25', requests: 1, promptTokens: 10, completionTokens: 5, totalTokens: 15, costCny: 0.5, unpricedRequests: 0 },
    ]);
  });

  it(`keeps the newest ${LEDGER_DAYS} days`, () => {
    let ledger: ReturnType<typeof recordUsage> = [];
    const start = new Date(2026, 0, 1);
    for (let offset = 0; offset < LEDGER_DAYS + 5; offset++) {
      ledger = recordUsage(ledger, dayOf(new Date(start.getFullYear(), start.getMonth(), start.getDate() + offset)), usage(1, 1), undefined);
    }
    assert.equal(ledger.length, LEDGER_DAYS);
    assert.equal(ledger[0].day, dayOf(new Date(2026, 0, LEDGER_DAYS + 5)));
  });

  it('reads back a stored ledger and drops malformed entries', () => {
    const good = recordUsage([], '2026-11-26', usage(1, 1), undefined)[0];
    assert.deepEqual(parseLedger([good, { day: 'yesterday' }, { ...good, requests: -1 }, null, 'x']), [good]);
    assert.deepEqual(parseLedger(undefined), []);
    assert.deepEqual(parseLedger({ day: '2026-11-26' }), []);
  });
});
