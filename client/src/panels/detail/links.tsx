/** Link lists several kinds of detail show: the helpers of a village. */
import { LinkButton, nameOf, type DetailContext, type Named } from './parts';

interface HelperPairing {
  id: number;
  helperVillage: ({ code: string } & Named) | null;
  helperOrganisation: { id: number; name: string } | null;
}

/** Who helps a village: helper villages as links, helping enterprises by name; "none" when nobody does. */
export function HelperLinks({ ctx, pairings }: { ctx: DetailContext; pairings: readonly HelperPairing[] }) {
  const m = ctx.messages;
  if (pairings.length === 0) return <span className="detail-muted" data-testid="no-helper">{m.noHelper}</span>;
  return (
    <ul className="detail-inline" data-testid="helper-list">
      {pairings.map((p) => (
        <li key={p.id} data-testid="helper">
          {p.helperVillage ? (
            <LinkButton ctx={ctx} to={{ kind: 'village', id: p.helperVillage.code }}>
              {nameOf(m, p.helperVillage)}
            </LinkButton>
          ) : (
            <span>{m.helpedByEnterprise(p.helperOrganisation?.name ?? m.none)}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
