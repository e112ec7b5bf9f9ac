import type { Metadata } from "next";
import { headers } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Account",
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The CSP allows inline styles only with this request's nonce (proxy.ts). Reading it
  // also renders every page per request, so each one gets a fresh nonce.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en">
      <head>
        <noscript>
          {/* Passkey and security-key buttons need JavaScript; without it they are not offered. */}
          <style nonce={nonce}>{"[data-js-only]{display:none}"}</style>
        </noscript>
      </head>
      <body className="min-h-screen bg-slate-50 px-4 py-12 text-slate-900">
        <main>{children}</main>
      </body>
    </html>
  );
}
