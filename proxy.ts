import { type NextRequest, NextResponse } from "next/server";
import { proxyAuth } from "@/lib/auth/proxy-auth";
import { newNonce, pageContentSecurityPolicy } from "@/lib/security/headers";

/**
 * Every page gets a Content-Security-Policy with its own nonce (lib/security/headers.ts).
 * Signed-out page requests go to /signin: a convenience only, since every page, action
 * and route handler checks the session itself (lib/server/auth/guard.ts).
 */
export default proxyAuth((request) => {
  if (!request.auth && !isSignInPage(request)) {
    const signIn = new URL("/signin", request.nextUrl.origin);
    signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
    return NextResponse.redirect(signIn);
  }
  return withContentSecurityPolicy(request);
});

function isSignInPage(request: NextRequest): boolean {
  return request.nextUrl.pathname === "/signin" || request.nextUrl.pathname.startsWith("/signin/");
}

/** Next reads the policy from the request to put the nonce on its scripts; the browser reads it from the response. */
function withContentSecurityPolicy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const policy = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Not API routes (they answer 401 themselves, with their own policy; /identity is Keystone's), not static
  // assets (the icon from app/icon.svg and the logo from public/ show on the sign-in page too).
  matcher: ["/((?!api/|identity|_next/static|_next/image|favicon\\.ico|icon\\.svg|logo\\.svg).*)"],
};
