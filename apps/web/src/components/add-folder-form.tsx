import { AddPathForm } from './add-path-form';

/** Adds an iPhone backup folder, or any folder where Android's trash or a Recycle Bin kept photos. */
export function AddFolderForm({ onAdd }: { onAdd: (path: string) => Promise<string | undefined> }) {
  return (
    <AddPathForm
      label="Add a phone backup or a folder"
      placeholder="~/Library/Application Support/MobileSync/Backup/00008110-…"
      button="Add folder"
      help="An iPhone or iPad backup made by Finder or iTunes (its folder is named after the phone’s id), or a folder copied from a phone or a Windows drive. It is only ever read; an encrypted backup asks for its password."
      testId="add-folder"
      onAdd={onAdd}
    />
  );
}
