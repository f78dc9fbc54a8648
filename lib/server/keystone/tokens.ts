import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * Keystone tokens, signed rather than stored (as Fernet tokens are): who, which project,
 * when it was issued and when it expires, sealed with an HMAC keyed by the console's
 * AUTH_SECRET. Whoever a token names is read again on every use, so a disabled user's or
 * tenant's tokens stop working at once.
 */
export const tokenLifetimeMs = 60 * 60 * 1000;

const claimsSchema = z.object({
  userId: z.string(),
  /** The project (tenant) the token is scoped to; null for an unscoped token. */
  projectId: z.string().nullable(),
  issuedAtMs: z.number(),
  expiresAtMs: z.number(),
  auditId: z.string(),
});
export type TokenClaims = z.infer<typeof claimsSchema>;

function signingKey(env: Record<string, string | undefined> = process.env): Buffer {
  const secret = env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: start the console with `npm start`");
  return createHash("sha256").update(`carport keystone tokens\n${secret}`).digest();
}

const mac = (payload: string) => createHmac("sha256", signingKey()).update(payload).digest();

export function issueToken(
  userId: string,
  projectId: string | null,
  nowMs = Date.now(),
): { token: string; claims: TokenClaims } {
  const claims: TokenClaims = {
    userId,
    projectId,
    issuedAtMs: nowMs,
    expiresAtMs: nowMs + tokenLifetimeMs,
    auditId: randomBytes(16).toString("base64url"),
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return { token: `${payload}.${mac(payload).toString("base64url")}`, claims };
}

/** The claims of a genuine, unexpired token; null for anything else. */
export function readToken(token: string | null, nowMs = Date.now()): TokenClaims | null {
  if (!token || token.length > 2048) return null;
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length > 0) return null;
  const given = Buffer.from(signature, "base64url");
  const expected = mac(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const claims = claimsSchema.safeParse(parsed);
  return claims.success && claims.data.expiresAtMs > nowMs ? claims.data : null;
}
