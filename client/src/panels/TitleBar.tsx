/** The title bar across the top: the platform's name, the region, the controls. */
import type { ReactNode } from 'react';

interface TitleBarProps {
  title: string;
  subtitle: string | null;
  children?: ReactNode;
}

export function TitleBar({ title, subtitle, children }: TitleBarProps) {
  return (
    <header className="titlebar">
      <div className="titlebar-mark" aria-hidden="true" />
      <div className="titlebar-text">
        <h1>{title}</h1>
        {subtitle && <p>{subtitle}</p>}
      </div>
      <div className="titlebar-controls">{children}</div>
    </header>
  );
}
