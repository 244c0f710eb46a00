/**
 * The bars across the top of the atlas (title bar, KPI bar) change height
 * with the screen, the language and what is open in them (the title bar's
 * tools, KPI labels wrapping). What sits under them reads their heights from
 * CSS custom properties this hook keeps on the bar's parent (the atlas), so
 * nothing is placed at an assumed height and then hidden under a taller bar.
 * A bar not displayed publishes 0.
 */
import { useLayoutEffect, type RefObject } from 'react';

export function usePublishedHeight(ref: RefObject<HTMLElement | null>, property: `--${string}`): void {
  useLayoutEffect(() => {
    const element = ref.current;
    const parent = element?.parentElement;
    if (!element || !parent) return;
    const publish = () => parent.style.setProperty(property, `${element.offsetHeight}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(element);
    return () => {
      observer.disconnect();
      parent.style.removeProperty(property);
    };
  }, [ref, property]);
}
