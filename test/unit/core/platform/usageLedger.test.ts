import * as assert from 'node:assert/strict';
import { dayOf, LEDGER_DAYS, parseLedger, perTokenTokensOn, recordUsage } from '../../../../src/core/platform/usageLedger';

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
      { day: '2026-11-26', requests: 3, promptTokens: 104, completionTokens: 56, totalTokens: 160, costCny: 0.25, unpricedRequests: 1, perTokenTokens: 10, estimatedRequests: 0 },
      { day: '2026-11-25', requests: 1, promptTokens: 10, completionTokens: 5, totalTokens: 15, costCny: 0.5, unpricedRequests: 0, perTokenTokens: 15, estimatedRequests: 0 },
    ]);
  });

  it('counts per-token (MaaS) tokens toward the daily cap, and the requests it estimated', () => {
    let ledger = recordUsage([], '2026-11-26', { ...usage(40, 2), estimated: true }, { kind: 'maas', cny: 0.01 });
    ledger = recordUsage(ledger, '2026-11-26', usage(1000, 1000), { kind: 'instance' });
    ledger = recordUsage(ledger, '2026-11-26', usage(7, 0), undefined);
    assert.equal(perTokenTokensOn(ledger, '2026-11-26'), 42, 'an instance and a custom server are not billed per token');
    assert.equal(perTokenTokensOn(ledger, '2026-11-27'), 0);
    assert.equal(ledger[0].estimatedRequests, 1);
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

  it('reads a day stored before the per-token and estimated counts with those at 0', () => {
    const older = { day: '2026-11-26', requests: 2, promptTokens: 3, completionTokens: 4, totalTokens: 7, costCny: 0, unpricedRequests: 0 };
    assert.deepEqual(parseLedger([older]), [{ ...older, perTokenTokens: 0, estimatedRequests: 0 }]);
  });
});
