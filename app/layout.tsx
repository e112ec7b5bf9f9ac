import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Account",
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 px-4 py-12 text-slate-900">
        <main>{children}</main>
      </body>
    </html>
  );
}
