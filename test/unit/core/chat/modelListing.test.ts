// The model picker's listing against a D.run server that never answers /v1/models.
import * as assert from 'node:assert/strict';
import { ModelListing } from '../../../../src/core/chat/modelListing';
import { DEFAULT_MODELS } from '../../../fixtures/fakeDrunServer';
import { useChatRig } from './sessionKit';

describe('ModelListing', () => {
  const rig = useChatRig({});
  const hangModels = () => rig.server.injectFault({ kind: 'hang' }, { path: '/v1/models' });
  const listModels = (signal: AbortSignal) => rig.client().listModels(signal);

  it('lists the models when the server answers', async () => {
    assert.deepEqual(await new ModelListing(1000).run(listModels), DEFAULT_MODELS);
  });

  it('gives up on a server that never answers after its own timeout, and closes the request', async () => {
    hangModels();
    await assert.rejects(new ModelListing(200).run(listModels));
    await rig.server.waitForClientClose((request) => request.path === '/v1/models', 1000);
  });

  it('a new listing cancels the one still running, which resolves to nothing', async () => {
    hangModels();
    const listing = new ModelListing(60_000);
    // As the picker does: a failed endpoint lists nothing.
    const first = listing.run((signal) => listModels(signal).catch(() => []));
    await rig.server.waitForRequest((request) => request.path === '/v1/models');
    assert.deepEqual(await listing.run(listModels), DEFAULT_MODELS);
    assert.equal(await first, undefined, 'the superseded listing does not overwrite the newer one');
    await rig.server.waitForClientClose((request) => request.path === '/v1/models', 1000);
  });

  it('says it is running from the start of a listing to its end', async () => {
    const listing = new ModelListing(1000);
    assert.equal(listing.running, false);
    const running = listing.run(listModels);
    assert.equal(listing.running, true, 'a view drawn now shows the list as loading');
    await running;
    assert.equal(listing.running, false);
  });

  it('cancel() stops the listing at once, when nobody waits for it any more', async () => {
    hangModels();
    const listing = new ModelListing(60_000);
    const running = listing.run(listModels).catch((error: unknown) => error);
    await rig.server.waitForRequest((request) => request.path === '/v1/models');
    listing.cancel();
    await rig.server.waitForClientClose((request) => request.path === '/v1/models', 1000);
    await running;
  });
});
