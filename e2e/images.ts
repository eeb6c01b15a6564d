import sharp from 'sharp';

/** A real PNG of one colour, so uploads, thumbnails and served bytes are all a genuine image. */
export function solidPng(width: number, height: number, background: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();
}
