// Marker codes from ITU-T T.81 table B.1 (the byte after 0xFF).
export const SOI = 0xd8;
export const EOI = 0xd9;
export const SOS = 0xda;
export const DQT = 0xdb;
export const DRI = 0xdd;
export const DHT = 0xc4;
export const COM = 0xfe;
export const APP0 = 0xe0;
export const APP2 = 0xe2;

/** RSTm and TEM: markers without a length field. */
export function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

/** Markers followed by a 2-byte segment length (SOFn, DHT, DAC, SOS, DQT, DNL, DRI, DHP, EXP, APPn, JPGn, COM). */
export function hasLength(marker: number): boolean {
  return (marker >= 0xc0 && marker <= 0xcf) || (marker >= 0xda && marker <= 0xfe);
}

/** SOF0–SOF15 (frame headers), i.e. C0–CF without DHT (C4), JPG (C8) and DAC (CC). */
export function isFrameHeader(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== DHT && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers a real file may carry right after SOI. */
export function canFollowSoi(marker: number): boolean {
  return (marker >= APP0 && marker <= 0xef) || marker === DQT || marker === DHT || marker === DRI || marker === COM || isFrameHeader(marker);
}

export function markerName(marker: number): string {
  if (marker >= APP0 && marker <= 0xef) return `APP${marker - APP0}`;
  if (isFrameHeader(marker)) return `SOF${marker - 0xc0}`;
  if (marker >= 0xd0 && marker <= 0xd7) return `RST${marker - 0xd0}`;
  const names: Record<number, string> = { [SOI]: 'SOI', [EOI]: 'EOI', [SOS]: 'SOS', [DQT]: 'DQT', [DRI]: 'DRI', [DHT]: 'DHT', [COM]: 'COM' };
  return names[marker] ?? `0xFF${marker.toString(16).toUpperCase().padStart(2, '0')}`;
}
