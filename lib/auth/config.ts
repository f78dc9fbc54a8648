import type { NextAuthConfig } from "next-auth";
import { isRole } from "./roles";

/**
 * The part of the next-auth configuration shared by the proxy and the server: no
 * providers and no database, so proxy.ts can decode the session cookie cheaply.
 * AUTH_SECRET comes from the environment (the start script always provides it).
 */
export const sessionMaxAgeSeconds = 8 * 60 * 60;

export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds },
  pages: { signIn: "/signin" },
  providers: [],
  callbacks: {
    /**
     * Redirects stay on whatever address the browser uses: Next rewrites 127.0.0.1 to
     * localhost in route handlers, so an absolute URL built there would lose the session
     * cookie. Same-site targets become paths; anything else goes home (no open redirect).
     */
    redirect({ url, baseUrl }) {
      if (url.startsWith("/") && !url.startsWith("//")) return url;
      const target = new URL(url, baseUrl);
      return target.origin === new URL(baseUrl).origin ? `${target.pathname}${target.search}` : "/";
    },
    jwt({ token, user }) {
      // `user` is only present on sign-in; afterwards the token carries the role.
      if (user?.role) token.role = user.role;
      return token;
    },
    session({ session, token }) {
      const role = isRole(token.role) ? token.role : undefined;
      return { ...session, user: { ...session.user, id: token.sub ?? "", role } };
    },
  },
} satisfies NextAuthConfig;
