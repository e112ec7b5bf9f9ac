import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Account",
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <noscript>
          {/* Passkey and security-key buttons need JavaScript; without it they are not offered. */}
          <style>{"[data-js-only]{display:none}"}</style>
        </noscript>
      </head>
      <body className="min-h-screen bg-slate-50 px-4 py-12 text-slate-900">
        <main>{children}</main>
      </body>
    </html>
  );
}
