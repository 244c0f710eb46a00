/**
 * Partitions of the atom mesh: the league's outline (a noisy ellipse), its
 * townships (grown from seeds, denser in the farming south) and its counties
 * (grown over the township adjacency graph). Every group is kept connected and
 * free of holes, so each becomes a single polygon without inner rings.
 */
import type { Mesh } from './mesh.js';
import type { Rng } from './rng.js';
import { planeDistance, type Xy } from './projection.js';

/** Half-axes of the league's outline in km (about 400 km by 350 km). */
const OUTLINE_RX = 200;
const OUTLINE_RY = 172;

class MinHeap {
  private readonly items: Array<[number, number]> = [];
  get size(): number {
    return this.items.length;
  }
  push(priority: number, value: number): void {
    const a = this.items;
    a.push([priority, value]);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((a[p] as [number, number])[0] <= priority) break;
      [a[i], a[p]] = [a[p] as [number, number], a[i] as [number, number]];
      i = p;
    }
  }
  pop(): [number, number] {
    const a = this.items;
    const top = a[0] as [number, number];
    const last = a.pop() as [number, number];
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && (a[l] as [number, number])[0] < (a[m] as [number, number])[0]) m = l;
        if (r < a.length && (a[r] as [number, number])[0] < (a[m] as [number, number])[0]) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as [number, number], a[i] as [number, number]];
        i = m;
      }
    }
    return top;
  }
}

/** A smooth random field in about [-1, 1]: a sum of a few plane waves. */
export function noiseField(rng: Rng, waves: number, minWavelength: number, maxWavelength: number): (p: Xy) => number {
  const terms = Array.from({ length: waves }, () => {
    const angle = rng.range(0, 2 * Math.PI);
    const k = (2 * Math.PI) / rng.range(minWavelength, maxWavelength);
    return { kx: k * Math.cos(angle), ky: k * Math.sin(angle), phase: rng.range(0, 2 * Math.PI) };
  });
  const norm = Math.sqrt(waves / 2);
  return ([x, y]) => terms.reduce((s, t) => s + Math.sin(t.kx * x + t.ky * y + t.phase), 0) / norm;
}

/**
 * Multi-source Dijkstra: labels every node with its nearest seed (by the given
 * edge cost). Each label's nodes are connected, since a node's predecessor on
 * its shortest path carries the same label.
 */
export function growRegions(
  nodes: readonly number[],
  seeds: readonly number[],
  neighbours: readonly (readonly number[])[],
  cost: (a: number, b: number) => number,
  size: number,
): Int32Array {
  const label = new Int32Array(size).fill(-1);
  const allowed = new Uint8Array(size);
  for (const n of nodes) allowed[n] = 1;
  const dist = new Float64Array(size).fill(Infinity);
  const heap = new MinHeap();
  const owner = new Int32Array(size).fill(-1);
  seeds.forEach((s, g) => {
    dist[s] = 0;
    owner[s] = g;
    heap.push(0, s);
  });
  while (heap.size > 0) {
    const [d, n] = heap.pop();
    if (label[n] !== -1 || d > (dist[n] as number)) continue;
    label[n] = owner[n] as number;
    for (const m of neighbours[n] as number[]) {
      if (!allowed[m] || label[m] !== -1) continue;
      const nd = d + cost(n, m);
      if (nd < (dist[m] as number)) {
        dist[m] = nd;
        owner[m] = label[n] as number;
        heap.push(nd, m);
      }
    }
  }
  return label;
}

/**
 * Nodes enclosed by the nodes where `inside` holds: those outside it that
 * cannot reach an `open` node (the world beyond) without crossing it.
 */
export function enclosedBy(
  inside: (n: number) => boolean,
  open: (n: number) => boolean,
  neighbours: readonly (readonly number[])[],
): number[] {
  const size = neighbours.length;
  const reached = new Uint8Array(size);
  const stack: number[] = [];
  for (let n = 0; n < size; n++) {
    if (!inside(n) && open(n)) {
      reached[n] = 1;
      stack.push(n);
    }
  }
  while (stack.length > 0) {
    const n = stack.pop() as number;
    for (const m of neighbours[n] as number[]) {
      if (!reached[m] && !inside(m)) {
        reached[m] = 1;
        stack.push(m);
      }
    }
  }
  const out: number[] = [];
  for (let n = 0; n < size; n++) if (!inside(n) && !reached[n]) out.push(n);
  return out;
}

/** Atoms of the league: sites inside a noisy ellipse, one piece, no holes. */
export function selectOutline(mesh: Mesh, rng: Rng): number[] {
  const harmonics = Array.from({ length: 7 }, (_, i) => ({
    k: i + 2,
    amp: rng.range(0.02, 0.09) / Math.sqrt(i + 1),
    phase: rng.range(0, 2 * Math.PI),
  }));
  const wiggle = noiseField(rng.fork('wiggle'), 6, 25, 70);
  const inShape = ([x, y]: Xy): boolean => {
    const theta = Math.atan2(y / OUTLINE_RY, x / OUTLINE_RX);
    const r = 1 + harmonics.reduce((s, h) => s + h.amp * Math.sin(h.k * theta + h.phase), 0) + 0.035 * wiggle([x, y]);
    return Math.hypot(x / OUTLINE_RX, y / OUTLINE_RY) < r;
  };
  const selected = new Uint8Array(mesh.sites.length);
  mesh.sites.forEach((s, i) => {
    if (!mesh.onHull[i] && inShape(s)) selected[i] = 1;
  });
  // keep the largest connected piece
  const comp = new Int32Array(mesh.sites.length).fill(-1);
  const sizes: number[] = [];
  for (let i = 0; i < selected.length; i++) {
    if (!selected[i] || comp[i] !== -1) continue;
    const c = sizes.length;
    let n = 0;
    const stack = [i];
    comp[i] = c;
    while (stack.length > 0) {
      const a = stack.pop() as number;
      n++;
      for (const b of mesh.neighbours[a] as number[]) {
        if (selected[b] && comp[b] === -1) {
          comp[b] = c;
          stack.push(b);
        }
      }
    }
    sizes.push(n);
  }
  const biggest = sizes.indexOf(Math.max(...sizes));
  for (let i = 0; i < selected.length; i++) selected[i] = comp[i] === biggest ? 1 : 0;
  for (const n of enclosedBy((n) => selected[n] === 1, (n) => mesh.onHull[n] === true, mesh.neighbours)) selected[n] = 1;
  const out: number[] = [];
  selected.forEach((v, i) => v && out.push(i));
  return out;
}

/**
 * Township seeds by dart throwing with a spacing that grows to the north
 * (small farming townships in the south, large pastoral sumu in the north),
 * scaled until about `target` seeds fit.
 */
export function townshipSeeds(mesh: Mesh, region: readonly number[], rng: Rng, target: number): number[] {
  const order = rng.shuffle(region);
  const spacing = (y: number): number => 24 + 20 * Math.min(1, Math.max(0, (y + OUTLINE_RY) / (2 * OUTLINE_RY)));
  let scale = 1;
  for (let attempt = 0; attempt < 40; attempt++) {
    const seeds: number[] = [];
    for (const a of order) {
      const p = mesh.sites[a] as Xy;
      const ok = seeds.every((s) => {
        const q = mesh.sites[s] as Xy;
        return planeDistance(p, q) >= scale * 0.5 * (spacing(p[1]) + spacing(q[1]));
      });
      if (ok) seeds.push(a);
    }
    if (Math.abs(seeds.length - target) <= 2) return seeds;
    scale *= Math.sqrt(seeds.length / target);
  }
  throw new Error('townshipSeeds: no spacing gives the target count');
}

/** Grows townships from seeds; removes holes; returns atom → township label (or -1). */
export function growTownships(mesh: Mesh, region: readonly number[], seeds: readonly number[], rng: Rng): Int32Array {
  const field = noiseField(rng, 8, 15, 60);
  const weight = mesh.sites.map((s) => Math.exp(0.55 * field(s)));
  const cost = (a: number, b: number): number =>
    planeDistance(mesh.sites[a] as Xy, mesh.sites[b] as Xy) * 0.5 * ((weight[a] as number) + (weight[b] as number));
  const label = growRegions(region, seeds, mesh.neighbours, cost, mesh.sites.length);
  for (let g = 0; g < seeds.length; g++) {
    const holes = enclosedBy((n) => label[n] === g, (n) => label[n] === -1, mesh.neighbours);
    for (const n of holes) label[n] = g;
  }
  return label;
}
