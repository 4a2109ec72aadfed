import { AddPathForm } from './add-path-form';

/** Adds a disk image (or a device path) the agent can open read-only. */
export function AddImageForm({ onAdd }: { onAdd: (path: string) => Promise<string | undefined> }) {
  return (
    <AddPathForm
      label="Add a disk image"
      placeholder="/path/to/card.img"
      button="Add image"
      help="A raw image (.img, .dd, .iso, .dmg), or the first piece of a split set (.001). It is opened read-only."
      testId="add-image"
      onAdd={onAdd}
    />
  );
}
