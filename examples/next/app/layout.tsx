import { AurpayProvider } from '@aurpay-kit/react';
import '@aurpay-kit/react/styles.css';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './shop.css';

export const metadata: Metadata = {
  title: 'Satoshi Supply',
  description: 'A Next.js shop that takes crypto and Lightning payments with aurpay-kit.',
};

/** Every page sits inside one AurpayProvider, pointing at the route handler under /api/pay. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AurpayProvider endpoint="/api/pay" theme="light" locale="en-US">
          <header className="header">
            <span className="brand">Satoshi Supply</span>
          </header>
          {children}
        </AurpayProvider>
      </body>
    </html>
  );
}
