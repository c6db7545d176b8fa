/**
 * Image checks and clean-up. The type is read from the bytes, never from the client's header;
 * every image is decoded and re-encoded, which drops EXIF (GPS included) and anything appended
 * to the file, and is shrunk to at most 2048 px on its long side.
 */
import sharp from 'sharp'

export type ImageType = 'jpeg' | 'png' | 'webp'

export const MAX_SIDE = 2048
/** Refuse decompression bombs: a small file that decodes into a huge bitmap. */
const MAX_INPUT_PIXELS = 50_000_000

/**
 * What the magic bytes say. HEIC is not accepted: the prebuilt sharp (libvips with libheif)
 * decodes AVIF only, not HEVC-coded HEIC.
 */
export function sniffImage(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png'
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP')
    return 'webp'
  return null
}

export interface CleanImage {
  bytes: Buffer
  contentType: `image/${ImageType}`
  width: number
  height: number
}

/** Decode, turn upright (the EXIF orientation), shrink, re-encode; null when it does not decode. */
export async function cleanImage(bytes: Buffer, type: ImageType): Promise<CleanImage | null> {
  try {
    const pipeline = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    const encoded =
      type === 'jpeg'
        ? pipeline.jpeg({ quality: 85, mozjpeg: true })
        : type === 'png'
          ? pipeline.png({ compressionLevel: 9 })
          : pipeline.webp({ quality: 85 })
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true })
    return { bytes: data, contentType: `image/${type}`, width: info.width, height: info.height }
  } catch {
    return null
  }
}
