/**
 * Zoom levels where the atlas changes what it draws, shared by the layers
 * that hand over to each other.
 *
 * The demo prefecture (about 4° × 3.5°) fits a 1280 × 800 window at zoom ≈ 7.5
 * and a 1080p one at ≈ 8.1: townships take over one zoom step in from there,
 * so the opening view always shows counties.
 */
export const TOWNSHIP_MIN_ZOOM = 8.5;
/** Village names only where the circles are far enough apart to be read. */
export const VILLAGE_LABEL_MIN_ZOOM = 10.5;
