import type { Geometry } from 'geojson';

/** [west, south, east, north] of a GeoJSON geometry's coordinates. */
export function geometryBounds(geometry: Geometry): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') {
      box[0] = Math.min(box[0], value[0]);
      box[1] = Math.min(box[1], value[1]);
      box[2] = Math.max(box[2], value[0]);
      box[3] = Math.max(box[3], value[1]);
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    }
  };
  if (geometry.type === 'GeometryCollection') geometry.geometries.forEach((g) => {
      const [w, s, e, n] = geometryBounds(g);
      visit([[w, s], [e, n]]);
    });
  else visit(geometry.coordinates);
  return box;
}
