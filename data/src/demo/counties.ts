/**
 * Groups townships into counties over the township adjacency graph, so each
 * county is a connected union of whole townships (townships nest exactly).
 */
import type { Mesh } from './mesh.js';
import type { Rng } from './rng.js';
import { planeDistance, type Xy } from './projection.js';
import { enclosedBy, growRegions } from './regions.js';

export interface TownshipGraph {
  /** mean of the township's atom sites (km) */
  centres: Xy[];
  atomCount: number[];
  neighbours: number[][];
  /** township touches the league's outline */
  onOutline: boolean[];
}

export function townshipGraph(mesh: Mesh, label: Int32Array, count: number): TownshipGraph {
  const sum = Array.from({ length: count }, () => [0, 0, 0]);
  const adj = Array.from({ length: count }, () => new Set<number>());
  const onOutline = new Array<boolean>(count).fill(false);
  label.forEach((g, a) => {
    if (g < 0) return;
    const s = sum[g] as number[];
    const site = mesh.sites[a] as Xy;
    s[0] = (s[0] as number) + site[0];
    s[1] = (s[1] as number) + site[1];
    s[2] = (s[2] as number) + 1;
    for (const b of mesh.neighbours[a] as number[]) {
      const h = label[b] as number;
      if (h < 0) onOutline[g] = true;
      else if (h !== g) (adj[g] as Set<number>).add(h);
    }
  });
  return {
    centres: sum.map(([x, y, n]) => [(x as number) / (n as number), (y as number) / (n as number)] as const),
    atomCount: sum.map((s) => s[2] as number),
    neighbours: adj.map((s) => [...s].sort((a, b) => a - b)),
    onOutline,
  };
}

/** County label of each township: k-means for balanced seeds, then grown over the graph. */
export function groupCounties(graph: TownshipGraph, k: number, rng: Rng): Int32Array {
  const n = graph.centres.length;
  const ids = Array.from({ length: n }, (_, i) => i);
  // farthest-point initialisation from a random start
  const centres: Xy[] = [graph.centres[rng.int(0, n - 1)] as Xy];
  while (centres.length < k) {
    let best = 0;
    let bestD = -1;
    for (const i of ids) {
      const d = Math.min(...centres.map((c) => planeDistance(c, graph.centres[i] as Xy)));
      if (d > bestD) {
        bestD = d;
        best = i;
      }
    }
    centres.push(graph.centres[best] as Xy);
  }
  for (let iter = 0; iter < 8; iter++) {
    const acc = centres.map(() => [0, 0, 0]);
    for (const i of ids) {
      const p = graph.centres[i] as Xy;
      let best = 0;
      centres.forEach((c, j) => {
        if (planeDistance(p, c) < planeDistance(p, centres[best] as Xy)) best = j;
      });
      const w = graph.atomCount[i] as number;
      const a = acc[best] as number[];
      a[0] = (a[0] as number) + p[0] * w;
      a[1] = (a[1] as number) + p[1] * w;
      a[2] = (a[2] as number) + w;
    }
    acc.forEach(([x, y, w], j) => {
      if ((w as number) > 0) centres[j] = [(x as number) / (w as number), (y as number) / (w as number)];
    });
  }
  const seeds = centres.map((c) => {
    let best = 0;
    for (const i of ids) if (planeDistance(c, graph.centres[i] as Xy) < planeDistance(c, graph.centres[best] as Xy)) best = i;
    return best;
  });
  const jitter = ids.map(() => rng.range(0.8, 1.25));
  const cost = (a: number, b: number): number =>
    planeDistance(graph.centres[a] as Xy, graph.centres[b] as Xy) * 0.5 * ((jitter[a] as number) + (jitter[b] as number));
  const label = growRegions(ids, [...new Set(seeds)], graph.neighbours, cost, n);
  for (let c = 0; c < k; c++) {
    for (const t of enclosedBy((t) => label[t] === c, (t) => graph.onOutline[t] === true, graph.neighbours)) label[t] = c;
  }
  return label;
}
