/**
 * Migration 9 (see migrations.ts; never edited once released): the recovered photos as rows, so the
 * 3-2-1 status of 100,000 photos is counted and paged in SQL instead of being built in memory.
 *
 * - recovered_files: each file a finished recovery wrote and verified (from its report), with whether
 *   it was still there with its size when last checked (`present`);
 * - recovered_photos: one row per photo (sha256), named after its first recovered file, with its
 *   copies counted: present recovered files, configured targets holding a verified copy, whether one
 *   copy is on a disk, one in a cloud, one offsite; `lacking` (1 copies, 2 media, 4 offsite) and
 *   `meets` follow from them;
 * - recovered_indexed: the recoveries whose reports are in those tables.
 * Triggers keep the counts right whoever writes a copy, a target or a file's presence.
 */

/** Recounts the copies of the photos `where` selects (a condition on recovered_photos), in two lookups per photo. */
export const recount = (where: string) => `
    UPDATE recovered_photos SET
      files = (SELECT COUNT(DISTINCT f.path) FROM recovered_files f WHERE f.sha256 = recovered_photos.sha256 AND f.present = 1),
      (backups, disk, cloud, offsite) = (
        SELECT COUNT(DISTINCT c.target), IFNULL(MAX(c.media_kind = 'disk'), 0), IFNULL(MAX(c.media_kind = 'cloud'), 0), IFNULL(MAX(c.offsite), 0)
        FROM copies c JOIN backup_targets t ON t.id = c.target WHERE c.sha256 = recovered_photos.sha256)
    WHERE ${where};`;

const LACKING = `((files + backups < 3) | ((((files > 0 OR disk) + cloud) < 2) << 1) | ((offsite = 0) << 2))`;

export const RECOVERED_PHOTOS_MIGRATION = `
  CREATE TABLE recovered_photos (
    sha256 TEXT PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE,
    size INTEGER NOT NULL,
    taken_at TEXT,
    seq INTEGER NOT NULL,
    files INTEGER NOT NULL DEFAULT 0,
    backups INTEGER NOT NULL DEFAULT 0,
    disk INTEGER NOT NULL DEFAULT 0,
    cloud INTEGER NOT NULL DEFAULT 0,
    offsite INTEGER NOT NULL DEFAULT 0,
    lacking INTEGER GENERATED ALWAYS AS ${LACKING} STORED,
    meets INTEGER GENERATED ALWAYS AS (${LACKING} = 0) STORED
  );
  CREATE INDEX recovered_photos_name ON recovered_photos (name, sha256);
  CREATE INDEX recovered_photos_meets ON recovered_photos (meets, name, sha256);
  CREATE INDEX recovered_photos_seq ON recovered_photos (meets, seq);
  CREATE INDEX recovered_photos_totals ON recovered_photos (lacking, size);
  CREATE TABLE recovered_files (
    recovery_id TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    recovered_at TEXT NOT NULL,
    present INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (recovery_id, path)
  );
  CREATE INDEX recovered_files_sha ON recovered_files (sha256, present, path);
  CREATE TABLE recovered_indexed (recovery_id TEXT PRIMARY KEY, indexed_at TEXT NOT NULL);
  CREATE INDEX copies_target_sha ON copies (target, sha256);
  CREATE TRIGGER copies_added AFTER INSERT ON copies BEGIN ${recount('sha256 = NEW.sha256')} END;
  CREATE TRIGGER copies_removed AFTER DELETE ON copies BEGIN ${recount('sha256 = OLD.sha256')} END;
  CREATE TRIGGER copies_changed AFTER UPDATE ON copies BEGIN ${recount('sha256 IN (OLD.sha256, NEW.sha256)')} END;
  CREATE TRIGGER targets_added AFTER INSERT ON backup_targets BEGIN ${recount('sha256 IN (SELECT sha256 FROM copies WHERE target = NEW.id)')} END;
  CREATE TRIGGER targets_removed AFTER DELETE ON backup_targets BEGIN ${recount('sha256 IN (SELECT sha256 FROM copies WHERE target = OLD.id)')} END;
  CREATE TRIGGER recovered_files_added AFTER INSERT ON recovered_files BEGIN ${recount('sha256 = NEW.sha256')} END;
  CREATE TRIGGER recovered_files_removed AFTER DELETE ON recovered_files BEGIN ${recount('sha256 = OLD.sha256')} END;
  CREATE TRIGGER recovered_files_checked AFTER UPDATE OF present ON recovered_files BEGIN ${recount('sha256 = NEW.sha256')} END;
`;
