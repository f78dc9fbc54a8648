import NextAuth from "next-auth";
import { authConfig } from "./config";

/**
 * The proxy's own next-auth instance: it only reads the session cookie. Kept apart
 * from ./index so the proxy bundle pulls in neither the database nor `server-only`.
 */
export const { auth: proxyAuth } = NextAuth(authConfig);
