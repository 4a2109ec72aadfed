import type { ReactNode } from 'react';

/** One section of the backup and trash pages: a title, a hint, an optional action beside them. */
export function Panel({ id, title, hint, aside, children, testId }: { id: string; title: string; hint?: ReactNode; aside?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="step keep-panel" aria-labelledby={`${id}-title`} data-testid={testId}>
      <header className="step-head">
        <div className="step-titles">
          <h2 id={`${id}-title`}>{title}</h2>
          {hint && <p className="step-hint">{hint}</p>}
        </div>
        {aside && <div className="step-aside">{aside}</div>}
      </header>
      {children}
    </section>
  );
}
