import { LogOut } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { LogoMark } from "@/components/shell/logo-mark";
import { MainNav, type NavItem } from "@/components/shell/main-nav";

/** The console's shell header. The sign-out action comes in as a prop: no auth code here. */
/** `clusterSwitcher`: the connection picker, rendered by the layout (it needs server data). */
export function AppHeader({
  nav,
  userName,
  signOutAction,
  clusterSwitcher,
}: {
  nav: NavItem[];
  userName: string;
  signOutAction: () => Promise<void>;
  clusterSwitcher?: ReactNode;
}) {
  return (
    <header className="border-b border-border bg-surface">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        {/* No prefetch, as in the main navigation: the overview is dynamic, and every page would ask for it. */}
        <Link href="/" prefetch={false} className="flex items-center gap-2 font-semibold">
          {/* app/icon.svg, the favicon: decorative here, the name follows. */}
          <LogoMark sizePx={22} />
          Carport
        </Link>
        <MainNav items={nav} />
        {clusterSwitcher}
        <ThemeToggle />
        <p className="text-sm text-muted">
          <span className="sr-only">Signed in as </span>
          {userName}
        </p>
        <form action={signOutAction}>
          <button
            type="submit"
            className="flex items-center gap-1 rounded-md border border-border px-2 py-1 text-sm hover:bg-background focus-visible:outline-2 focus-visible:outline-accent"
          >
            <LogOut aria-hidden="true" size={14} />
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
