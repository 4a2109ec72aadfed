/** What the Library API cannot do, in plain words with the steps in the Google Photos app instead. */
export const GOOGLE_PHOTOS_LIMITS = {
  trash:
    'Google Photos has no API to list or restore its trash. To get a deleted photo or video back, open the Google Photos app ' +
    '(or photos.google.com), go to Library → Trash (called Bin in some countries), select the items and choose Restore; ' +
    'deleted items stay there for 60 days.',
  remove:
    'The Google Photos API cannot delete photos or videos, not even those this app uploaded. To delete a copy, open the ' +
    'album in the Google Photos app, select the item and choose Delete (it goes to the Trash for 60 days).',
  location:
    'Google Photos hands photos back to apps without their location (the GPS data in their Exif), so a photo is checked there in every ' +
    'byte but its location, and a copy read back from Google Photos has no GPS data: the original, with its location, is in your other copies.',
  video:
    'Google Photos gives a video back only as a re-encoded copy, never the file that was uploaded, so no video stored there can be checked: ' +
    'Afterimage does not back videos up to Google Photos; back them up to another target.',
} as const;
