/** Test photos for the google-photos emulator's specs, made with sharp: real JPEG / AVIF encodings with real Exif. */
import sharp from 'sharp';

/** A 64×48 photo with a gradient (real scan data), camera Exif and, when asked, a GPS directory (Paris). */
export async function cameraPhoto(format: 'jpeg' | 'avif', gps: boolean, seed = 1): Promise<Buffer> {
  const width = 64;
  const height = 48;
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * seed + (i >> 7)) & 0xff;
  const exif = {
    IFD0: { Make: 'Afterimage', Model: 'Test Camera' },
    IFD2: { DateTimeOriginal: '2024:06:01 12:00:00' },
    ...(gps ? { IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 0/1' } } : {}),
  };
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  return (format === 'jpeg' ? image.jpeg({ quality: 85 }) : image.avif({ quality: 60 })).withExif(exif).toBuffer();
}
