import type { ReactNode } from 'react';

/** One numbered stage of the flow: choose, scan, review, recover. */
export function Step({ n, title, hint, aside, children, testId }: { n: number; title: string; hint?: string; aside?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="step" aria-labelledby={`step-${n}`} data-testid={testId}>
      <header className="step-head">
        <span className="step-n" aria-hidden>
          {n}
        </span>
        <div className="step-titles">
          <h2 id={`step-${n}`}>{title}</h2>
          {hint && <p className="step-hint">{hint}</p>}
        </div>
        {aside && <div className="step-aside">{aside}</div>}
      </header>
      {children}
    </section>
  );
}
