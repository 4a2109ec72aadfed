/** Google Photos' trash has no API: the steps to take in the app instead. */
export function GooglePhotosSteps() {
  return (
    <div className="gp-steps" data-testid="google-photos-steps">
      <p>
        <strong>Google Photos</strong> offers apps no way to see or restore its trash, so Afterimage cannot show it here. To get a photo or video back:
      </p>
      <ol>
        <li>Open the Google Photos app, or photos.google.com.</li>
        <li>Go to Library, then Trash (called Bin in some countries).</li>
        <li>Select the photos and videos, and choose Restore.</li>
      </ol>
      <p className="keep-muted">Items stay in the Google Photos trash for 60 days.</p>
    </div>
  );
}
