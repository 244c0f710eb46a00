/** What the hub detected, each changeable: kind, encoding, header row, CRS and the column of each field. */
import { useId } from 'react';
import type { ImportChoices, Preview } from './api';
import { kindName, type ImportMessages } from './messages';

const ENCODINGS = ['utf-8', 'gbk'];
const CRSES = ['wgs84', 'gcj02', 'bd09'];

interface Props {
  preview: Preview;
  choices: ImportChoices;
  messages: ImportMessages;
  disabled: boolean;
  onChange(next: ImportChoices): void;
}

/** The hub's refusal when counties of another prefecture meet the demo region (data/src/import/messages.ts). */
const DEMO_HELD = 'prefecture.demoHeld';

export function SettingsForm({ preview, choices, messages: m, disabled, onChange }: Props) {
  const id = useId();
  const table = preview.format === 'csv' || preview.format === 'xlsx';
  const set = (patch: ImportChoices) => onChange({ ...choices, ...patch });
  return (
    <div className="import-settings">
      <div className="import-field">
        <label htmlFor={`${id}-kind`}>{m.kindLabel}</label>
        <select id={`${id}-kind`} value={preview.kind ?? ''} disabled={disabled} onChange={(e) => set({ kind: e.target.value || null, mapping: {} })} data-testid="import-kind">
          {preview.kind === null && <option value="">{m.kindUnknown}</option>}
          {preview.kinds.map((k) => (
            <option key={k} value={k}>
              {kindName(m, k)}
            </option>
          ))}
        </select>
      </div>
      {(table || preview.format === 'shapefile') && (
        <div className="import-field">
          <label htmlFor={`${id}-encoding`}>{m.encodingLabel}</label>
          <select id={`${id}-encoding`} value={choices.encoding ?? ''} disabled={disabled} onChange={(e) => set({ encoding: e.target.value || null })} data-testid="import-encoding">
            <option value="">{m.encodingAuto(preview.encoding === 'gb18030' ? 'GBK' : preview.encoding)}</option>
            {ENCODINGS.map((e) => (
              <option key={e} value={e}>
                {e.toUpperCase()}
              </option>
            ))}
          </select>
        </div>
      )}
      {table && (
        <div className="import-field">
          <label htmlFor={`${id}-header`}>{m.headerRowLabel}</label>
          <select
            id={`${id}-header`}
            value={choices.headerRow ?? ''}
            disabled={disabled}
            onChange={(e) => set({ headerRow: e.target.value ? Number(e.target.value) : null })}
            data-testid="import-header-row"
          >
            <option value="">{m.headerRowAuto(preview.headerRow)}</option>
            {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="import-field">
        <label htmlFor={`${id}-crs`}>{m.crsLabel}</label>
        <select id={`${id}-crs`} value={choices.crs ?? preview.crs} disabled={disabled} onChange={(e) => set({ crs: e.target.value })} data-testid="import-crs">
          {CRSES.map((c) => (
            <option key={c} value={c}>
              {m.crses[c] ?? c}
            </option>
          ))}
        </select>
        {preview.fileCrs && <p className="import-hint">{m.fileCrs(preview.fileCrs)}</p>}
      </div>
      {(choices.demoRegion !== undefined || preview.report?.problems.some((p) => p.code === DEMO_HELD)) && (
        <fieldset className="import-field" data-testid="import-demo-region">
          <legend>{m.demoRegionLabel}</legend>
          {(['replace', 'keep'] as const).map((choice) => (
            <label key={choice}>
              <input
                type="radio"
                name={`${id}-demo-region`}
                value={choice}
                checked={choices.demoRegion === choice}
                disabled={disabled}
                onChange={() => set({ demoRegion: choice })}
              />
              {choice === 'replace' ? m.demoRegionReplace : m.demoRegionKeep}
            </label>
          ))}
        </fieldset>
      )}
      {preview.mapping.length > 0 && (
        <table className="import-table import-mapping" data-testid="import-mapping">
          <caption>{m.mappingTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{m.mappingField}</th>
              <th scope="col">{m.mappingColumn}</th>
            </tr>
          </thead>
          <tbody>
            {preview.mapping.map((f) => (
              <tr key={f.field} data-field={f.field}>
                <th scope="row">
                  <label htmlFor={`${id}-map-${f.field}`}>{f.label === f.field ? f.field : `${f.label} (${f.field})`}</label>
                </th>
                <td>
                  <select
                    id={`${id}-map-${f.field}`}
                    value={f.header ?? ''}
                    disabled={disabled}
                    onChange={(e) => {
                      const mapping = { ...choices.mapping };
                      if (e.target.value) mapping[f.field] = e.target.value;
                      else delete mapping[f.field];
                      set({ mapping });
                    }}
                  >
                    <option value="">{m.mappingNone}</option>
                    {preview.headers.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                  {f.chosen && <span className="import-tag">{m.mappingChosen}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
