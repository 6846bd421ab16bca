// How costs read in the view: a per-answer note and amounts in CNY.
import type { TurnCost, ViewStrings } from '../../core/chat/protocol/messages';
import { fill } from '../../core/chat/protocol/labels';

/** Small amounts keep four decimals so a cheap answer does not read as free. */
export function formatCny(cny: number): string {
  return cny.toLocaleString(undefined, { minimumFractionDigits: cny < 1 ? 4 : 2, maximumFractionDigits: cny < 1 ? 4 : 2 });
}

export function costText(strings: ViewStrings, cost: TurnCost): string {
  switch (cost.kind) {
    case 'maas':
      return fill(strings.costEstimate, formatCny(cost.cny));
    case 'instance':
      return strings.instanceCost;
    case 'unpriced':
      return strings.unpriced;
  }
}
