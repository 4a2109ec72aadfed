/** TIFF 6.0, EXIF 2.3, TIFF/EP, DNG and camera tags the walk acts on. */
export const TAG = {
  newSubfileType: 0xfe,
  imageWidth: 0x100,
  imageLength: 0x101,
  compression: 0x103,
  photometric: 0x106,
  make: 0x10f,
  model: 0x110,
  stripOffsets: 0x111,
  stripByteCounts: 0x117,
  tileOffsets: 0x144,
  tileByteCounts: 0x145,
  subIfds: 0x14a,
  jpegOffset: 0x201,
  jpegLength: 0x202,
  exifIfd: 0x8769,
  gpsIfd: 0x8825,
  interopIfd: 0xa005,
  makerNote: 0x927c,
  dngVersion: 0xc612,
  dngPrivateData: 0xc634,
  // Panasonic RW2 IFD0
  rw2SensorWidth: 0x02,
  rw2SensorHeight: 0x03,
  rw2TopBorder: 0x04,
  rw2LeftBorder: 0x05,
  rw2BottomBorder: 0x06,
  rw2RightBorder: 0x07,
  rw2JpgFromRaw: 0x2e,
  rw2RawDataOffset: 0x118,
  // Sony SR2Private IFD: the encrypted SR2SubIFD's offset and length
  sr2SubIfdOffset: 0x7200,
  sr2SubIfdLength: 0x7201,
  // Olympus maker note: sub-IFDs (Equipment, CameraSettings, RawDevelopment(2), ImageProcessing, FocusInfo)
  olympusCameraSettings: 0x2020,
  olympusPreviewStart: 0x101,
  olympusPreviewLength: 0x102,
  // Nikon maker note (type 3): the preview IFD
  nikonPreviewIfd: 0x11,
  // Minolta maker note: thumbnail blob and preview pointer
  minoltaThumbnail: 0x81,
  minoltaPreviewStart: 0x88,
  minoltaPreviewLength: 0x89,
} as const;

export const OLYMPUS_SUB_IFDS: ReadonlySet<number> = new Set([0x2010, 0x2020, 0x2030, 0x2031, 0x2040, 0x2050]);

/** PhotometricInterpretation of sensor data: CFA (TIFF/EP) and LinearRaw (DNG). */
export const RAW_PHOTOMETRICS: ReadonlySet<number> = new Set([32803, 34892]);

/**
 * Compression codes only camera makers use for sensor data: Sony ARW (32767), Samsung SRW (32769,
 * 32770), Kodak KDC (32867), Panasonic RAW (34316), Nikon NEF (34713), Kodak DCR (65000), Pentax PEF (65535).
 */
export const RAW_COMPRESSIONS: ReadonlySet<number> = new Set([32767, 32769, 32770, 32867, 34316, 34713, 65000, 65535]);

/** Compression codes whose single strip is a whole JPEG stream: old-style JPEG (6) and JPEG (7). */
export const JPEG_COMPRESSIONS: ReadonlySet<number> = new Set([6, 7]);
