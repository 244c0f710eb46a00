/**
 * GraphiQL's operation tabs as what they are to a keyboard: a list of buttons.
 *
 * GraphiQL 5 marks each tab's <li> as role="tab" and puts two buttons in it
 * (open, close). A tab may not hold other controls (axe: nested-interactive),
 * screen readers read such a tab as one opaque element, and the strip has no
 * arrow-key navigation a tablist promises: each button is its own Tab stop.
 * So the tab roles come off the list, and the open tab's button is marked
 * aria-current instead. GraphiQL renders these elements itself, so the fix is
 * kept up as it re-renders (new tab, another tab chosen).
 */
const TAB = '.graphiql-tab';
const TAB_BUTTON = '.graphiql-tab-button';
const ACTIVE_CLASS = 'graphiql-tab-active';

/** Puts the tab strip under `root` right; returns whether anything changed. */
export function fixTabSemantics(root: ParentNode): boolean {
  let changed = false;
  const drop = (el: Element, name: string) => {
    if (!el.hasAttribute(name)) return;
    el.removeAttribute(name);
    changed = true;
  };
  for (const list of root.querySelectorAll('.graphiql-tabs[role="tablist"]')) drop(list, 'role');
  for (const tab of root.querySelectorAll(TAB)) {
    drop(tab, 'role');
    drop(tab, 'aria-selected');
    const button = tab.querySelector(TAB_BUTTON);
    if (!button) continue;
    const current = tab.classList.contains(ACTIVE_CLASS);
    if (current && button.getAttribute('aria-current') !== 'true') {
      button.setAttribute('aria-current', 'true');
      changed = true;
    } else if (!current) drop(button, 'aria-current');
  }
  // The session's pane is labelled by the open tab's button; without a tablist it is a region, not a tabpanel.
  for (const panel of root.querySelectorAll('#graphiql-session[role="tabpanel"]')) {
    panel.setAttribute('role', 'region');
    changed = true;
  }
  return changed;
}

/** Keeps `root`'s tab strip fixed while GraphiQL re-renders it; returns the stop function. */
export function keepTabSemantics(root: Element): () => void {
  fixTabSemantics(root);
  const observer = new MutationObserver(() => fixTabSemantics(root));
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['role', 'aria-selected', 'class'] });
  return () => observer.disconnect();
}
