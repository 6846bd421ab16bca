// The chat view's model picker: what the D.run endpoints' /v1/models list, merged with the seed
// catalogue, and the settings it writes when the user picks one.
import { ModelListing } from '../../core/chat/modelListing';
import type { ExtensionToView } from '../../core/chat/protocol/messages';
import { Mode } from '../../core/platform/endpoint';
import { isDrunError } from '../../core/platform/errors';
import { groupOf, mergeModelOptions } from '../../core/platform/modelCatalogue';
import { ClientProvider } from '../platform/clientProvider';
import { Log } from '../platform/log';
import { readChatModel, readDrunSettings, updateSettingWhereDefined } from '../platform/settings';

export class ModelPicker {
  private listed: string[] = [];
  private readonly listing = new ModelListing();

  constructor(
    private readonly clients: ClientProvider,
    private readonly post: (message: ExtensionToView) => void,
    private readonly log: Log,
  ) {}

  /**
   * Sends what is known now, then asks the endpoints and sends the result. A listing still running
   * is dropped: the new one answers for both.
   */
  async refresh(): Promise<void> {
    this.postOptions(true);
    const listed = await this.listing.run((signal) => this.fetchListed(signal));
    if (listed) {
      this.listed = listed;
      this.postOptions(false);
    }
  }

  /** Stops the listing: nobody is waiting for it any more (the picker closed, the view went away). */
  cancel(): void {
    this.listing.cancel();
  }

  dispose(): void {
    this.cancel();
  }

  postOptions(loading = this.listing.running): void {
    const current = readChatModel();
    this.post({ type: 'models', options: this.options(), current, loading });
  }

  /**
   * Sets drun.chat.model, and drun.mode when the model belongs to the other group, each at the scope
   * where it is defined now. Only a model the picker offered is accepted.
   */
  async pick(model: string): Promise<boolean> {
    const settings = readDrunSettings();
    if (!this.options().some((option) => option.id === model)) {
      this.log.warn(`Ignored a pick of "${model}": the picker did not offer it.`);
      return false;
    }
    const group = groupOf(model);
    if (settings.mode !== 'custom' && settings.mode !== group) {
      await updateSettingWhereDefined('mode', group);
    }
    await updateSettingWhereDefined('chatModel', model);
    this.log.info(`Chat model set to ${model}.`);
    return true;
  }

  private options() {
    const settings = readDrunSettings();
    return mergeModelOptions(this.listed, readChatModel(settings), settings.mode !== 'custom');
  }

  /**
   * Both D.run endpoints share one key, so both are asked: the instance endpoint is where the user's own
   * models are listed. A custom server is asked only once the user has approved it for their key, since
   * the approval must not pop up in the middle of opening a list.
   */
  private async fetchListed(signal: AbortSignal): Promise<string[]> {
    const settings = readDrunSettings();
    const modes: Mode[] = settings.mode === 'custom' ? ['custom'] : ['maas', 'instance'];
    const lists = await Promise.all(
      modes.map(async (mode) => {
        try {
          const endpoint = this.clients.endpointFor(mode, settings);
          if (endpoint.keyKind === 'custom' && !this.clients.isCustomHostApproved(endpoint.host)) {
            return [];
          }
          const client = await this.clients.clientFor(endpoint, settings);
          return await client.listModels(signal);
        } catch (error) {
          this.log.info(`Could not list the ${mode} models: ${isDrunError(error) ? `${error.kind}: ${error.detail}` : String(error)}`);
          return [];
        }
      }),
    );
    return lists.flat();
  }
}
