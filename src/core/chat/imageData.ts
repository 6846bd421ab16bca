// Images for vision models: recognised by their bytes, sent as data URLs. Node only (Buffer);
// the webview never imports this.
import { ImageMimeType, MAX_IMAGE_BYTES, MAX_IMAGE_DATA_URL_LENGTH } from './attachments';

/** Recognises an image by its first bytes, not its name: only these four are sent. */
export function sniffImageType(bytes: Uint8Array): ImageMimeType | undefined {
  const starts = (...values: number[]) => values.every((value, index) => bytes[index] === value);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) {
    return 'image/png';
  }
  if (starts(0xff, 0xd8, 0xff)) {
    return 'image/jpeg';
  }
  if (starts(0x47, 0x49, 0x46, 0x38)) {
    return 'image/gif';
  }
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') {
    return 'image/webp';
  }
  return undefined;
}

export function imageDataUrl(mimeType: ImageMimeType, bytes: Uint8Array): string {
  return `data:${mimeType};base64,${Buffer.from(bytes).toString('base64')}`;
}

const DATA_URL = /^data:(image\/(?:png|jpeg|webp|gif));base64,([A-Za-z0-9+/]+={0,2})$/;

/** Decodes a pasted image's data URL; undefined unless it is one of the four types, in size, and its bytes agree. */
export function decodeImageDataUrl(dataUrl: string): { mimeType: ImageMimeType; bytes: Uint8Array } | undefined {
  if (dataUrl.length > MAX_IMAGE_DATA_URL_LENGTH) {
    return undefined;
  }
  const match = DATA_URL.exec(dataUrl);
  if (!match) {
    return undefined;
  }
  const bytes = new Uint8Array(Buffer.from(match[2], 'base64'));
  const sniffed = sniffImageType(bytes);
  return sniffed && sniffed === match[1] && bytes.length <= MAX_IMAGE_BYTES ? { mimeType: sniffed, bytes } : undefined;
}
