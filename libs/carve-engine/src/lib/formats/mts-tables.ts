/**
 * The PIDs a transport stream's own tables declare (ISO/IEC 13818-1 §2.4.4): the PAT names each program's
 * PMT PID, each PMT names its PCR and elementary-stream PIDs. Once every PMT is read, a packet on any other
 * PID (outside the reserved table range and the null PID) is not part of this stream.
 */
export class PidTable {
  /** 1 for PIDs the tables declared. */
  private readonly declared = new Uint8Array(8192);
  private readonly pmts = new Set<number>();
  private readonly pmtsRead = new Set<number>();
  patSeen = false;

  /** Reads the PAT or a PMT when the TS packet whose sync byte is at `p` starts one. */
  see(b: Buffer, p: number): void {
    if ((b[p + 1] & 0x40) === 0) return;
    const pid = ((b[p + 1] & 0x1f) << 8) | b[p + 2];
    if (pid !== 0 && !this.pmts.has(pid)) return;
    const section = sectionStart(b, p);
    if (section < 0) return;
    const length = ((b[section + 1] & 0x0f) << 8) | b[section + 2];
    // The section's entries, as far as this packet holds them (before the 4-byte CRC).
    const end = Math.min(section + 3 + length - 4, p + 188);
    if (pid === 0 && isPatHeader(b[section], b[section + 1], length)) {
      this.patSeen = true;
      for (let q = section + 8; q + 4 <= end; q += 4) {
        const mapped = ((b[q + 2] & 0x1f) << 8) | b[q + 3];
        if (b.readUInt16BE(q) !== 0) this.pmts.add(mapped);
        this.declared[mapped] = 1;
      }
    } else if (pid !== 0 && b[section] === 0x02 && section + 12 <= end) {
      // A PMT continued in later packets is not read whole: its PIDs stay unjudged.
      if (section + 3 + length <= p + 188) this.pmtsRead.add(pid);
      this.declared[((b[section + 8] & 0x1f) << 8) | b[section + 9]] = 1;
      const infoLength = ((b[section + 10] & 0x0f) << 8) | b[section + 11];
      for (let q = section + 12 + infoLength; q + 5 <= end; q += 5 + (((b[q + 3] & 0x0f) << 8) | b[q + 4])) {
        this.declared[((b[q + 1] & 0x1f) << 8) | b[q + 2]] = 1;
      }
    }
  }

  /** False only for a PID the tables cannot account for, once the PAT and every PMT it names were read. */
  belongs(pid: number): boolean {
    if (pid < 0x20 || pid === 0x1fff || this.declared[pid] === 1) return true;
    return !this.patSeen || this.pmtsRead.size < this.pmts.size;
  }
}

/** Where the section a packet starts begins (after the adaptation field and pointer_field), or -1. */
function sectionStart(b: Buffer, p: number): number {
  const control = (b[p + 3] >> 4) & 3;
  if ((control & 1) === 0) return -1;
  let q = p + 4;
  if (control & 2) q += 1 + b[q];
  if (q >= p + 188) return -1;
  q += 1 + b[q];
  return q + 3 <= p + 188 ? q : -1;
}

/** table_id 0, the section syntax bit, and a length that fits a header, a CRC and whole 4-byte entries. */
const isPatHeader = (tableId: number, flags: number, length: number): boolean =>
  tableId === 0x00 && (flags & 0x80) !== 0 && length >= 9 && length <= 1021 && (length - 9) % 4 === 0;
