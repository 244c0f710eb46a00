/**
 * The search box (title bar): counties, townships and villages by Chinese or
 * English name or code prefix (the API's `places`), as a combobox: type, move
 * through the results with ↑/↓, Enter (or a click) opens the place's panel and
 * flies the map there; Esc closes the list (and, with the list closed, is left
 * to the panel). ARIA 1.2 combobox with a listbox popup.
 */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { skipToken, useQuery } from '@apollo/client/react';
import { ATLAS_SEARCH, type AtlasSearchQuery } from '../graphql/documents';
import type { Selection } from '../state/view-state';
import { widenBox, type BBox } from './detail/bounds';
import type { DetailMessages } from './detail/messages';
import './search-box.css';

type Place = AtlasSearchQuery['places'][number];

export type SearchMessages = Pick<
  DetailMessages,
  'nameField' | 'searchLabel' | 'searchPlaceholder' | 'searchNoMatch' | 'searchResults' | 'placeLevels'
>;

interface SearchBoxProps {
  messages: SearchMessages;
  onSelect(selection: Selection): void;
  onFocus(bbox: BBox): void;
}

/** Results asked for at most; a name that needs more is better typed further. */
const LIMIT = 12;
/** Wait this long after the last key before asking (one request per pause, not per key). */
const DEBOUNCE_MS = 180;

export function SearchBox({ messages, onSelect, onFocus }: SearchBoxProps) {
  const listId = useId();
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const timer = window.setTimeout(() => setTerm(text.trim()), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);

  const result = useQuery(ATLAS_SEARCH, term ? { variables: { search: term, limit: LIMIT } } : skipToken);
  const places: readonly Place[] = term ? (result.data ?? result.previousData)?.places ?? [] : [];
  const settled = term === text.trim() && !result.loading;
  const expanded = open && term !== '' && (places.length > 0 || settled);

  const pick = (place: Place) => {
    setOpen(false);
    setActive(-1);
    setText(place[messages.nameField]);
    onSelect({ kind: place.level === 'COUNTY' ? 'county' : place.level === 'TOWNSHIP' ? 'township' : 'village', id: place.code });
    const [w, s, e, n] = place.bbox as [number, number, number, number];
    onFocus(widenBox([w, s, e, n]));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        setOpen(true);
        if (places.length === 0) return;
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((current) => (current + step + places.length) % places.length);
        return;
      }
      case 'Enter': {
        const chosen = places[active] ?? (settled ? places[0] : undefined);
        if (expanded && chosen) {
          event.preventDefault();
          pick(chosen);
        }
        return;
      }
      case 'Escape':
        if (expanded) {
          // Handled: the detail panel must not close on this Esc.
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        }
        return;
      default:
        return;
    }
  };

  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div className="search-box">
      <input
        type="search"
        role="combobox"
        aria-label={messages.searchLabel}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        placeholder={messages.searchPlaceholder}
        autoComplete="off"
        spellCheck={false}
        value={text}
        data-testid="search-input"
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => setOpen(true)}
      />
      <ul id={listId} role="listbox" aria-label={messages.searchLabel} className="search-results card" hidden={!expanded} data-testid="search-results">
        {places.map((place, i) => (
          <li
            key={place.code}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            data-code={place.code}
            // mousedown, not click: the input's blur would close the list first.
            onMouseDown={(event) => {
              event.preventDefault();
              pick(place);
            }}
          >
            <span>
              {place[messages.nameField]}
              {place.parentName && (
                <span className="search-level"> · {messages.nameField === 'name' ? place.parentName : place.parentNameEn}</span>
              )}
            </span>
            <span className="search-level">{messages.placeLevels[place.level]}</span>
          </li>
        ))}
        {settled && places.length === 0 && (
          <li className="search-empty" role="option" aria-selected={false} aria-disabled="true">
            {messages.searchNoMatch}
          </li>
        )}
      </ul>
      <span className="visually-hidden" role="status" aria-live="polite">
        {expanded && settled ? messages.searchResults(places.length) : ''}
      </span>
    </div>
  );
}
