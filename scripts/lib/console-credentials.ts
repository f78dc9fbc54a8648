import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The console's first password and next-auth's AUTH_SECRET, generated on the first
 * start and kept in <data>/console/initial-credentials.json (mode 0600) so a second
 * start reuses them. Values set in the environment win and are never written here.
 */
export const credentialsFileName = "initial-credentials.json";
export const consoleUser = "admin";

const fileSchema = z.object({
  user: z.string(),
  password: z.string().min(1),
  authSecret: z.string().min(32),
  createdAt: z.string(),
});
type CredentialsFile = z.infer<typeof fileSchema>;

export interface ConsoleCredentials {
  user: string;
  password: string;
  authSecret: string;
  /** True when this call created the file: the start banner shows the password once. */
  firstRun: boolean;
  passwordFromEnv: boolean;
}

function generatedSecret(lengthBytes: number): string {
  return randomBytes(lengthBytes).toString("base64url");
}

export function readCredentialsFile(directory: string): CredentialsFile | null {
  const filePath = path.join(directory, credentialsFileName);
  if (!fs.existsSync(filePath)) return null;
  const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(filePath, "utf8")));
  if (!parsed.success)
    throw new Error(
      `${filePath} is damaged (${parsed.error.issues[0].message}); delete it to generate new console credentials`,
    );
  return parsed.data;
}

export function ensureConsoleCredentials(
  directory: string,
  env: Record<string, string | undefined>,
): ConsoleCredentials {
  let stored = readCredentialsFile(directory);
  const firstRun = stored === null;
  if (!stored) {
    stored = {
      user: consoleUser,
      password: generatedSecret(18),
      authSecret: generatedSecret(32),
      createdAt: new Date().toISOString(),
    };
    fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
    // wx: never overwrite credentials another start wrote a moment ago.
    fs.writeFileSync(path.join(directory, credentialsFileName), `${JSON.stringify(stored, null, 2)}\n`, {
      mode: 0o600,
      flag: "wx",
    });
  }
  const envPassword = env.CARPORT_CONSOLE_PASSWORD || undefined;
  return {
    user: stored.user,
    password: envPassword ?? stored.password,
    authSecret: env.AUTH_SECRET || stored.authSecret,
    firstRun,
    passwordFromEnv: envPassword !== undefined,
  };
}
