import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { themeBootScript } from "@/components/ui/theme";
import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "Carport", template: "%s · Carport" },
  description: "An S3-compatible object store and its console.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts gives every page request a nonce; the theme script carries it to pass the CSP.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // data-theme is set before hydration by the boot script; React must not fight it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      </head>
      <body className="min-h-screen antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
