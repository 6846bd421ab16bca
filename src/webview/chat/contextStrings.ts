import type { ContextStrings } from '../../core/chat/protocol/contextMessages';

/** Shown only until the extension's `attachments` message brings the localised labels. */
export const FALLBACK_CONTEXT_STRINGS: ContextStrings = {
  copy: 'Copy',
  insert: 'Insert',
  apply: 'Apply…',
  newFile: 'New File',
  copied: 'Copied',
  attach: 'Attach',
  attachSelection: 'Selection',
  attachCurrentFile: 'Current File',
  attachFiles: 'Files…',
  attachImage: 'Image…',
  remove: 'Remove {0}',
  tokens: '≈{0} tokens',
  overBudget: 'About {0} tokens attached, more than the {1} this model accepts.',
  imagesNeedVision: 'This model cannot read images.',
  imageRefused: 'Only PNG, JPEG, WebP or GIF images up to 4 MB can be attached.',
};

/** Fills `{0}`, `{1}`… in a localised template. */
export function fill(template: string, ...values: Array<string | number>): string {
  return template.replace(/\{(\d)\}/g, (match, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? match : typeof value === 'number' ? value.toLocaleString() : value;
  });
}
