import { useId } from 'react';

export interface LocalFolderValue {
  root: string;
  offsite: boolean;
  synced: boolean;
}

/** A folder path, whether it is kept elsewhere, and whether a cloud client keeps it in sync. */
export function LocalFolderFields({ value, onChange, help }: { value: LocalFolderValue; onChange: (v: LocalFolderValue) => void; help: string }) {
  const id = useId();
  return (
    <div className="target-fields">
      <label htmlFor={`${id}-root`} className="field-label">
        Folder
      </label>
      <input id={`${id}-root`} className="input" type="text" value={value.root} onChange={(e) => onChange({ ...value, root: e.target.value })} placeholder="/media/you/Backup/Photos" spellCheck={false} autoComplete="off" data-testid="target-root" />
      <p className="field-help">{help}</p>
      <label className="check-row">
        <input type="checkbox" checked={value.offsite} onChange={(e) => onChange({ ...value, offsite: e.target.checked })} data-testid="target-offsite" />
        <span>
          <strong>Kept at another address</strong> — a drive you keep at work or with family counts as the offsite copy.
        </span>
      </label>
      <label className="check-row">
        <input type="checkbox" checked={value.synced} onChange={(e) => onChange({ ...value, synced: e.target.checked })} data-testid="target-synced" />
        <span>
          <strong>Synced by a cloud client</strong> — a Dropbox, OneDrive or Google Drive folder on this computer counts as a cloud copy.
        </span>
      </label>
    </div>
  );
}
