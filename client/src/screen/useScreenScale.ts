/**
 * How much larger than a 1920×1080 display this one is (2 on 3840×2160; the
 * smaller of the width's and the height's ratio, so another shape scales
 * as the stage fits in it). The screen's own text is sized in viewport units;
 * the map, whose labels and lines MapLibre draws in CSS pixels, is drawn
 * smaller and scaled up by this (times `MAP_ENLARGEMENT`: screen.css,
 * `.screen-map-stage`).
 */
import { useEffect, useState } from 'react';

export const STAGE = { width: 1920, height: 1080 };
/** The map on the wall is drawn this much larger than the atlas draws it on a display of the stage's size. */
export const MAP_ENLARGEMENT = 1.25;

function scaleOf(): number {
  return Math.max(0.5, Math.min(window.innerWidth / STAGE.width, window.innerHeight / STAGE.height));
}

export function useScreenScale(): number {
  const [scale, setScale] = useState(scaleOf);
  useEffect(() => {
    const onResize = () => setScale(scaleOf());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}
