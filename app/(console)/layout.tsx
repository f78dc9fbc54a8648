import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import type { NavItem } from "@/components/layout/main-nav";
import { requireSession } from "@/lib/auth/guard";
import { signOutAction } from "./actions";

const nav: NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/buckets", label: "Buckets" },
  { href: "/keys", label: "Keys" },
];

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  return (
    <>
      <AppHeader nav={nav} userName={session.user.name} signOutAction={signOutAction} />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
