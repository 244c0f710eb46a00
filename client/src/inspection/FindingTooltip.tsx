/** The hover card of a finding on the map: place, category, status and deadline. */
import type { AtlasView } from '../map/layers/types';
import type { HoveredArea } from '../map/MapView';
import { findingMessagesFor } from './messages';

export function FindingTooltip({ hovered, view }: { hovered: HoveredArea; view: AtlasView }) {
  const finding = view.overlays.findings?.items.find((f) => String(f.id) === hovered.code);
  if (!finding) return null;
  const m = findingMessagesFor(view.messages.nameField);
  const flip = [hovered.x > window.innerWidth - 260 ? 'flip-x' : '', hovered.y > window.innerHeight - 200 ? 'flip-y' : ''].join(' ');
  return (
    <div className={`tooltip card ${flip}`} role="status" data-testid="tooltip" style={{ left: hovered.x, top: hovered.y }}>
      <div className="tooltip-name">{finding.inspection.place[view.messages.nameField]}</div>
      <dl>
        <dt>{m.categories[finding.category]}</dt>
        <dd>{finding.description}</dd>
        <dt>{m.status}</dt>
        <dd data-testid="tooltip-finding-status">{m.statuses[finding.status]}</dd>
        <dt>{m.deadline}</dt>
        <dd>{finding.deadline}</dd>
      </dl>
    </div>
  );
}
