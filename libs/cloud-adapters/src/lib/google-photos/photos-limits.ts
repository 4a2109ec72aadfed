/** What the Library API cannot do, in plain words with the steps in the Google Photos app instead. */
export const GOOGLE_PHOTOS_LIMITS = {
  trash:
    'Google Photos has no API to list or restore its trash. To get a deleted photo or video back, open the Google Photos app ' +
    '(or photos.google.com), go to Library → Trash (called Bin in some countries), select the items and choose Restore; ' +
    'deleted items stay there for 60 days.',
  remove:
    'The Google Photos API cannot delete photos or videos, not even those this app uploaded. To delete a copy, open the ' +
    'album in the Google Photos app, select the item and choose Delete (it goes to the Trash for 60 days).',
} as const;
