'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const SECTIONS = [
  { href: '/', label: 'Recover', matches: (path: string) => path === '/' || path.startsWith('/scans') },
  { href: '/backup', label: 'Backup', matches: (path: string) => path.startsWith('/backup') },
  { href: '/trash', label: 'Cloud trash', matches: (path: string) => path.startsWith('/trash') },
] as const;

/** The three parts of the product; plain links, so Tab and Enter reach them. */
export function AppNav() {
  const path = usePathname() ?? '/';
  return (
    <nav className="app-nav" aria-label="Main">
      <ul>
        {SECTIONS.map((s) => {
          const current = s.matches(path);
          return (
            <li key={s.href}>
              <Link href={s.href} className={`nav-link${current ? ' is-current' : ''}`} aria-current={current ? 'page' : undefined} data-testid={`nav-${s.label.toLowerCase().replace(' ', '-')}`}>
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
