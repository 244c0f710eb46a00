/** Choice of the year shown on the map: one toggle button per year with data. */
interface YearControlProps {
  years: readonly number[];
  year: number;
  label: string;
  busy: boolean;
  onChange(year: number): void;
}

export function YearControl({ years, year, label, busy, onChange }: YearControlProps) {
  return (
    <div className="segmented" role="group" aria-label={label} aria-busy={busy} data-testid="year-control">
      <span className="segmented-label">{label}</span>
      {years.map((y) => (
        <button
          key={y}
          type="button"
          aria-pressed={y === year}
          className={y === year ? 'active' : undefined}
          onClick={() => onChange(y)}
        >
          {y}
        </button>
      ))}
    </div>
  );
}
