import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { SkipLink, mainContentId } from "@/components/shell/skip-link";
import type { NavItem } from "@/components/shell/main-nav";
import { ConnectionSwitcher } from "@/components/connections/connection-switcher";
import { selectConnectionAction } from "@/lib/actions/connections";
import { requireSession } from "@/lib/server/auth/guard";
import { getActiveConnection, listPublicConnections } from "@/lib/server/connections";
import { iconDataUrl } from "@/components/shell/icon-data-url";
import { signOutAction } from "./actions";
// The section's error page rides in this layout's script: as an error boundary of its own it was
// one more script, asked for only once hydration reached it, that hydration then waited for.
import "./error";

/** The icon inline: a URL of its own would be one more request after each page's load. */
export const metadata: Metadata = { icons: { icon: [{ url: iconDataUrl, type: "image/svg+xml" }] } };

/** Operators see the cluster; a tenant its own buckets and keys, and never the cluster switcher. */
const tenantNav: NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/buckets", label: "Buckets" },
  { href: "/browse", label: "Objects" },
  { href: "/keys", label: "Keys" },
  { href: "/credentials", label: "S3 credentials" },
  { href: "/hikube", label: "Hikube buckets" },
];

const operatorNav: NavItem[] = [
  ...tenantNav,
  { href: "/tenants", label: "Tenants" },
  { href: "/users", label: "Users" },
  { href: "/cluster", label: "Cluster" },
  { href: "/tokens", label: "Admin tokens" },
  { href: "/connections", label: "Connections" },
];

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  const operator = session.user.role !== "tenant";
  const switcher = operator ? (
    <ConnectionSwitcher
      connections={listPublicConnections().map(({ id, name }) => ({ id, name }))}
      activeId={(await getActiveConnection()).id}
      selectAction={selectConnectionAction}
    />
  ) : null;
  return (
    <>
      <SkipLink />
      <AppHeader
        nav={operator ? operatorNav : tenantNav}
        userName={session.user.name}
        signOutAction={signOutAction}
        clusterSwitcher={switcher}
      />
      <main id={mainContentId} tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 focus:outline-none">
        {children}
      </main>
    </>
  );
}
