import type { ReactNode } from 'react';

/** The page's title and one line on what it is for. */
export function PageIntro({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="keep-intro">
      <h1 className="page-title">{title}</h1>
      <p className="keep-lede">{children}</p>
    </div>
  );
}
