/**
 * The atlas page: title bar, full-window choropleth of poverty incidence by
 * county for one year (classified by the server's `choropleth` query),
 * legend (bottom-left) and hover tooltip.
 */
import { useMemo, useState } from 'react';
import { skipToken, useQuery } from '@apollo/client/react';
import { ATLAS, ATLAS_CHOROPLETH, type ClassificationMethod, type CountyFigures } from '../graphql/documents';
import { fromChoropleth } from '../map/classes';
import type { AtlasView } from '../map/layers/types';
import { Legend } from '../map/legend';
import { MapView, type HoveredArea } from '../map/MapView';
import { Tooltip } from '../map/Tooltip';
import { LanguageSwitch } from '../panels/LanguageSwitch';
import { TitleBar } from '../panels/TitleBar';
import { YearControl } from '../panels/YearControl';
import { LOCALES, useI18n } from './i18n';

/** The server classifies (one implementation for the API and the map); these are our choices. */
const CLASS_COUNT = 5;
const METHOD: ClassificationMethod = 'QUANTILE';

export function App() {
  const { locale, messages, setLocale } = useI18n();
  const atlas = useQuery(ATLAS);
  const years = useMemo(() => [...(atlas.data?.prefecture.years ?? [])].sort((a, b) => a - b), [atlas.data]);
  const [chosenYear, setChosenYear] = useState<number | null>(null);
  // Default: the first year with data.
  const year = chosenYear ?? years[0] ?? null;
  const figures = useQuery(
    ATLAS_CHOROPLETH,
    year == null ? skipToken : { variables: { year, method: METHOD, classes: CLASS_COUNT } },
  );
  // While another year loads, keep showing the last one rather than blanking the map.
  const figuresData = figures.data ?? figures.previousData;
  const [hovered, setHovered] = useState<HoveredArea | null>(null);

  const view = useMemo<AtlasView | null>(() => {
    if (!atlas.data || !figuresData) return null;
    const byCode = new Map<string, CountyFigures | null>(figuresData.counties.map((c) => [c.code, c.figures]));
    const { choropleth } = figuresData;
    const classification = fromChoropleth(choropleth);
    return { atlas: atlas.data, year: choropleth.year, figures: byCode, classification, method: choropleth.method, messages };
  }, [atlas.data, figuresData, messages]);

  const prefecture = atlas.data?.prefecture;
  // The exit line the server classified against; the prefecture's own setting before the first year arrives.
  const threshold = figuresData?.choropleth.threshold ?? prefecture?.thresholds.countyExitIncidence ?? 3;
  const error = atlas.error ?? figures.error;
  const prefectureName = prefecture ? (messages.nameField === 'nameEn' ? prefecture.nameEn : prefecture.name) : null;

  return (
    <div className="app">
      <MapView view={view} ariaLabel={messages.mapLabel} onHover={setHovered} />
      <TitleBar title={messages.appTitle} subtitle={prefectureName ? messages.appSubtitle(prefectureName) : null}>
        {year != null && years.length > 0 && (
          <YearControl
            years={years}
            year={year}
            label={messages.yearLabel}
            busy={figures.loading}
            onChange={setChosenYear}
          />
        )}
        <LanguageSwitch options={LOCALES} locale={locale} label={messages.languageLabel} onChange={setLocale} />
      </TitleBar>
      {view && (
        <Legend
          classification={view.classification}
          year={view.year}
          method={view.method}
          threshold={threshold}
          messages={messages}
        />
      )}
      <Tooltip hovered={hovered} view={view} threshold={threshold} messages={messages} />
      {error && (
        <div className="notice error card" role="alert">
          {messages.loadError(error.message)}
        </div>
      )}
      {!error && !view && (
        <div className="notice card" role="status">
          {messages.loading}
        </div>
      )}
    </div>
  );
}
