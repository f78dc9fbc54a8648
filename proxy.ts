import { NextResponse } from "next/server";
import { proxyAuth } from "@/lib/auth/proxy-auth";

/**
 * Sends signed-out page requests to /signin. A convenience only: every page, action and
 * route handler checks the session itself (lib/auth/guard.ts).
 */
export default proxyAuth((request) => {
  if (request.auth) return NextResponse.next();
  const signIn = new URL("/signin", request.nextUrl.origin);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
});

export const config = {
  // Not API routes (they answer 401 themselves), not static assets, not the sign-in page.
  matcher: ["/((?!api/|_next/static|_next/image|favicon\\.ico|signin).*)"],
};
