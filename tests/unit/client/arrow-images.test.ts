/**
 * client/src/map/arrow-images.ts: the pairing arrowhead as a signed distance
 * field in MapLibre's encoding (192 on the edge, 255/8 per CSS pixel), its
 * tip at the top centre, `ARROW_TIP_INSET` below the image's edge.
 */
import { describe, expect, it } from 'vitest';
import { ARROW_HEIGHT, ARROW_TIP_INSET, ARROW_WIDTH, arrowDistanceField, arrowImage } from '../../../client/src/map/arrow-images';

const RATIO = 2;
const field = arrowDistanceField();
/** The field's alpha at a point given in CSS pixels of the image. */
const alphaAt = (x: number, y: number) => field.data[(Math.floor(y * RATIO) * field.width + Math.floor(x * RATIO)) * 4 + 3]!;

describe('arrowDistanceField', () => {
  it('is an RGBA image of the arrow\'s size in device pixels, white, the field in alpha', () => {
    expect(field.width).toBe(ARROW_WIDTH * RATIO);
    expect(field.height).toBe(ARROW_HEIGHT * RATIO);
    expect(field.data).toHaveLength(field.width * field.height * 4);
    for (let i = 0; i < field.data.length; i += 4) expect([field.data[i], field.data[i + 1], field.data[i + 2]]).toEqual([255, 255, 255]);
  });

  it('is inside (above 192) in the dart\'s body, outside (below) in the corners and the notch of its back', () => {
    expect(alphaAt(ARROW_WIDTH / 2, ARROW_HEIGHT / 2)).toBeGreaterThan(192);
    expect(alphaAt(0.25, 0.25)).toBeLessThan(100);
    expect(alphaAt(ARROW_WIDTH - 0.25, 0.25)).toBeLessThan(100);
    // Straight below the notch, above the back's two points.
    expect(alphaAt(ARROW_WIDTH / 2, ARROW_HEIGHT - ARROW_TIP_INSET - 0.5)).toBeLessThan(192);
  });

  it('has its tip at the top centre, ARROW_TIP_INSET below the edge: the field crosses 192 there', () => {
    expect(alphaAt(ARROW_WIDTH / 2, ARROW_TIP_INSET - 1)).toBeLessThan(192);
    expect(alphaAt(ARROW_WIDTH / 2, ARROW_TIP_INSET + 1)).toBeGreaterThan(192);
  });

  it('falls by 255/8 per CSS pixel away from the edge (the halo width is counted in it)', () => {
    // Straight above the tip the nearest edge point is the tip itself.
    const a = alphaAt(ARROW_WIDTH / 2, ARROW_TIP_INSET - 1);
    const b = alphaAt(ARROW_WIDTH / 2, ARROW_TIP_INSET - 2);
    expect(a - b).toBeGreaterThan(255 / 8 - 4);
    expect(a - b).toBeLessThan(255 / 8 + 4);
  });
});

describe('arrowImage', () => {
  it('is marked SDF, so the layer tints it with icon-color', () => {
    const image = arrowImage('pairing-arrow');
    expect(image).toMatchObject({ id: 'pairing-arrow', pixelRatio: RATIO, sdf: true });
    expect(image.draw().data).toEqual(field.data);
  });
});
