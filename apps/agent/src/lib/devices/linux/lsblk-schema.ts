import { z } from 'zod';

/**
 * `lsblk --json --bytes --output-all` as util-linux prints it, read tolerantly: any column may be
 * missing (older lsblk has fewer; it had MOUNTPOINT before MOUNTPOINTS, util-linux 2.37), and before
 * util-linux 2.33 every value was a string ("rm": "1", "size": "31914983424"). Unknown columns pass.
 */

/** true/false, or "1"/"0" and 1/0 from older lsblk. */
const flag = z.preprocess((value) => {
  if (value === '1' || value === 1) return true;
  if (value === '0' || value === 0) return false;
  return value;
}, z.boolean().nullish());

/** A byte count or sector size: a number, or a string of digits from older lsblk. */
const count = z.preprocess(
  (value) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
  z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullish(),
);

const text = z.string().nullish();

export interface LsblkNode {
  name: string;
  kname?: string | null;
  path?: string | null;
  type?: string | null;
  size?: number | null;
  'log-sec'?: number | null;
  model?: string | null;
  vendor?: string | null;
  serial?: string | null;
  rm?: boolean | null;
  hotplug?: boolean | null;
  ro?: boolean | null;
  tran?: string | null;
  mountpoint?: string | null;
  mountpoints?: (string | null)[] | null;
  fstype?: string | null;
  label?: string | null;
  uuid?: string | null;
  pkname?: string | null;
  children?: LsblkNode[];
}

export const LsblkNodeSchema: z.ZodType<LsblkNode> = z.lazy(() =>
  z
    .object({
      name: z.string().min(1),
      kname: text,
      path: text,
      type: text,
      size: count,
      'log-sec': count,
      model: text,
      vendor: text,
      serial: text,
      rm: flag,
      hotplug: flag,
      ro: flag,
      tran: text,
      mountpoint: text,
      mountpoints: z.array(z.string().nullable()).nullish(),
      fstype: text,
      label: text,
      uuid: text,
      pkname: text,
      children: z.array(LsblkNodeSchema).optional(),
    })
    .loose(),
) as z.ZodType<LsblkNode>;

export const LsblkOutputSchema = z.object({ blockdevices: z.array(LsblkNodeSchema) }).loose();
