/**
 * Arrowheads drawn on a canvas at run time and added to the map as images:
 * the style has no sprite URL (offline), and a plain (not SDF) image keeps
 * its exact colours and a crisp white rim at every size.
 */
import type { RuntimeImage } from './layers/types';

const PIXEL_RATIO = 2;
/** CSS pixels; the tip is at the top edge, centred. */
const WIDTH = 13;
const HEIGHT = 14;

/** An arrowhead pointing up (north when the map rotates it by a bearing), tip at the top centre. */
export function arrowImage(id: string, color: string): RuntimeImage {
  return {
    id,
    pixelRatio: PIXEL_RATIO,
    draw() {
      const canvas = document.createElement('canvas');
      canvas.width = WIDTH * PIXEL_RATIO;
      canvas.height = HEIGHT * PIXEL_RATIO;
      // Read back at once: a CPU canvas (a GPU one costs ~100 ms a readback in software GL).
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new Error('no 2D canvas to draw the arrowheads');
      ctx.scale(PIXEL_RATIO, PIXEL_RATIO);
      const rim = 1.4;
      ctx.beginPath();
      ctx.moveTo(WIDTH / 2, rim);
      ctx.lineTo(WIDTH - rim, HEIGHT - rim);
      ctx.lineTo(WIDTH / 2, HEIGHT * 0.68);
      ctx.lineTo(rim, HEIGHT - rim);
      ctx.closePath();
      ctx.lineJoin = 'round';
      ctx.lineWidth = rim * 2;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
      ctx.fillStyle = color;
      ctx.fill();
      return ctx.getImageData(0, 0, canvas.width, canvas.height);
    },
  };
}
