import "server-only";
import { clientAddressOf } from "@/lib/auth/client-address";
import { getConsoleSession } from "@/lib/server/auth/guard";
import { checkPassword } from "@/lib/server/auth/password-check";
import type { ConsoleUser } from "@/lib/server/auth/store";
import { ApiError } from "./errors";

/**
 * Who calls the API: HTTP Basic credentials of a console user (`curl -u name:password`),
 * throttled like the sign-in form, or else the console's session cookie. Either way the
 * user is read from the store on this request, so a disabled or deleted user is refused.
 */
const maxCredentialBytes = 2048;

export async function authenticate(request: Request): Promise<ConsoleUser> {
  const header = request.headers.get("authorization");
  if (header !== null) return authenticateBasic(request, header);
  const session = await getConsoleSession();
  if (!session) throw unauthenticated();
  return session.user;
}

function unauthenticated(message = "Sign in, or send a console user's name and password (HTTP Basic)."): ApiError {
  return new ApiError("Unauthenticated", message);
}

async function authenticateBasic(request: Request, header: string): Promise<ConsoleUser> {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!match || header.length > maxCredentialBytes)
    throw unauthenticated("Use HTTP Basic authentication: name:password.");
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) throw unauthenticated("Use HTTP Basic authentication: name:password.");
  const [name, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  const checked = await checkPassword(name, password, clientAddressOf(request.headers));
  if (checked.ok) return checked.user;
  if (checked.reason === "throttled")
    throw new ApiError(
      "TooManyRequests",
      "Too many failed attempts for this user name or address: wait and try again.",
    );
  if (checked.reason === "disabled") throw unauthenticated("This user is disabled.");
  throw unauthenticated("Wrong user name or password.");
}
