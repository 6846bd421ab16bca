// The user's `drun.models`, read where a fact is needed, so a change counts at once without a reload.
import { ModelFacts, modelFactsFor, parseUserModelFacts, UserModelFactsTable } from '../../core/platform/modelFacts';
import type { Log } from './log';
import { readDrunSetting } from './settings';

export class ModelFactsSetting {
  private parsed: { value: string; table: UserModelFactsTable } | undefined;

  constructor(private readonly log: Log) {}

  /** The entries, parsed once per value of the setting; what it leaves out is logged once, not on every read. */
  table(): UserModelFactsTable {
    const value = readDrunSetting('models');
    const serialized = JSON.stringify(value);
    if (this.parsed?.value !== serialized) {
      const { table, ignored } = parseUserModelFacts(value);
      if (ignored.length > 0) {
        this.log.warn(
          `drun.models: ignored the entries for ${ignored.join(', ')}: each takes only contextWindow and maxOutput (whole numbers above 0, maxOutput below contextWindow), vision and toolCalling (true or false).`,
        );
      }
      this.parsed = { value: serialized, table };
    }
    return this.parsed.table;
  }

  of(model: string): ModelFacts {
    return modelFactsFor(model, this.table());
  }
}
