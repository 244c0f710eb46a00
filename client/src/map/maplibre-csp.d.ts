// The CSP build of maplibre-gl has the same API as the default one.
declare module 'maplibre-gl/dist/maplibre-gl-csp.js' {
  export * from 'maplibre-gl';
}
