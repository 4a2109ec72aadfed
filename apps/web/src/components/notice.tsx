import type { ReactNode } from 'react';

/** A plain-words message: an error to act on, or a quiet empty state. */
export function Notice({ tone, title, children, testId }: { tone: 'error' | 'empty' | 'info'; title?: string; children?: ReactNode; testId?: string }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : undefined} data-testid={testId}>
      {title && <p className="notice-title">{title}</p>}
      {children && <div className="notice-body">{children}</div>}
    </div>
  );
}
