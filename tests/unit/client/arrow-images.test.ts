/**
 * client/src/map/arrow-images.ts: the pairing arrowhead's pixels, computed
 * without a canvas: the kind's colour inside the dart, a white rim around it,
 * transparent beyond, the tip at the top centre.
 */
import { describe, expect, it } from 'vitest';
import { arrowImage, arrowPixels, signedDistance } from '../../../client/src/map/arrow-images';

const RATIO = 2;
const image = arrowPixels('#2166ac');
/** RGBA at a point given in CSS pixels of the image. */
const at = (x: number, y: number) => {
  const i = (Math.floor(y * RATIO) * image.width + Math.floor(x * RATIO)) * 4;
  return [...image.data.slice(i, i + 4)];
};

describe('arrowPixels', () => {
  it('is 13×14 CSS pixels at pixel ratio 2, RGBA', () => {
    expect(image.width).toBe(26);
    expect(image.height).toBe(28);
    expect(image.data).toHaveLength(26 * 28 * 4);
  });

  it('is the colour inside the dart, white on its rim, transparent in the corners and the notch of its back', () => {
    expect(at(6.5, 7)).toEqual([0x21, 0x66, 0xac, 255]);
    // On the right flank, just outside the outline: the rim.
    expect(at(6.5 + 3.2 + 0.7, 7)).toEqual([255, 255, 255, 255]);
    expect(at(0.25, 0.25)[3]).toBe(0);
    expect(at(12.75, 0.25)[3]).toBe(0);
    expect(at(6.5, 13.75)[3]).toBe(0);
  });

  it('has its tip at the top centre: opaque there, nothing above it', () => {
    expect(at(6.5, 1.6)[3]).toBe(255);
    expect(at(2, 1)[3]).toBe(0);
    expect(at(11, 1)[3]).toBe(0);
  });

  it('smooths its edges over one device pixel: some pixels are partly transparent, some mix white and colour', () => {
    const alphas = new Set<number>();
    for (let i = 3; i < image.data.length; i += 4) alphas.add(image.data[i]!);
    expect([...alphas].some((a) => a > 0 && a < 255)).toBe(true);
    const blues = new Set<number>();
    for (let i = 2; i < image.data.length; i += 4) if (image.data[i + 1] === 255) blues.add(image.data[i]!);
    expect(blues.size).toBeGreaterThan(1);
  });

  it('refuses a colour it cannot read', () => {
    expect(() => arrowPixels('blue')).toThrow(/"blue" is not #rrggbb/);
    expect(() => arrowPixels('#12345')).toThrow(RangeError);
  });
});

describe('signedDistance', () => {
  it('is positive inside the outline, negative outside, zero on it', () => {
    expect(signedDistance([6.5, 7])).toBeGreaterThan(0);
    expect(signedDistance([0, 0])).toBeLessThan(0);
    expect(signedDistance([6.5, 1.4])).toBeCloseTo(0, 6);
  });
});

describe('arrowImage', () => {
  it('draws its colour at pixel ratio 2', () => {
    const made = arrowImage('pairing-arrow-X', '#762a83');
    expect(made).toMatchObject({ id: 'pairing-arrow-X', pixelRatio: RATIO });
    expect(made.draw().data).toEqual(arrowPixels('#762a83').data);
  });
});
