import type { ReactNode } from 'react';

export const metadata = { title: 'Afterimage', description: 'Get deleted photos back, then keep them safe.' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
