import "server-only";
import { adminCalls } from "@/lib/server/admin-api/calls";
import { AdminApiError } from "@/lib/admin-api/errors";
import { InputError } from "@/lib/server/action-errors";
import type { Connection } from "@/lib/server/connections";
import { getConsoleKeyStore, type ConsoleKey } from "@/lib/server/s3/console-key-store";

/**
 * The console's dedicated S3 key on a cluster, "carport-console": created through the
 * admin API on first use, stored sealed, and checked once per process (a wiped cluster
 * or a deleted key gets a fresh one). Never another key found on the cluster.
 */
export const consoleKeyName = "carport-console";

const globalForKeys = globalThis as typeof globalThis & { carportConsoleKeys?: Map<string, Promise<ConsoleKey>> };
const checked = (globalForKeys.carportConsoleKeys ??= new Map());

export function consoleKey(connection: Connection): Promise<ConsoleKey> {
  // One promise per connection: concurrent first requests must not create two keys.
  let pending = checked.get(connection.id);
  if (!pending) {
    pending = resolveConsoleKey(connection).catch((error: unknown) => {
      checked.delete(connection.id);
      throw error;
    });
    checked.set(connection.id, pending);
  }
  return pending;
}

/**
 * Whether a key is a console's own: the one this console holds for the connection, or
 * one named like it (another console's on the same cluster). Lists mark it so people
 * neither hand it to clients nor delete it by mistake.
 */
export function isConsoleKey(connectionId: string): (key: { id: string; name: string }) => boolean {
  const heldId = getConsoleKeyStore().keyIdOf(connectionId);
  return (key) => key.id === heldId || key.name === consoleKeyName;
}

/** A rename or delete of the console's own key must say it knows what that key is for. */
export function assertConsoleKeyChangeConfirmed(connectionId: string, accessKeyId: string, confirmed: boolean): void {
  if (confirmed || getConsoleKeyStore().keyIdOf(connectionId) !== accessKeyId) return;
  throw new InputError(
    "This is the console's own key: the object browser reads and writes with it. Confirm the warning to change it.",
  );
}

/** Forget the checked key, e.g. after S3 refused it, so the next call checks again. */
export function forgetConsoleKey(connectionId: string): void {
  checked.delete(connectionId);
}

async function resolveConsoleKey(connection: Connection): Promise<ConsoleKey> {
  const store = getConsoleKeyStore();
  const stored = store.find(connection.id);
  if (stored && (await keyExists(connection, stored.accessKeyId))) return stored;
  const created = await createConsoleKey(connection);
  store.save(connection.id, created);
  return created;
}

async function keyExists(connection: Connection, accessKeyId: string): Promise<boolean> {
  try {
    await (await adminCalls(connection)).getKeyInfo(accessKeyId, false);
    return true;
  } catch (error) {
    if (error instanceof AdminApiError && (error.status === 404 || error.code === "NoSuchAccessKey")) return false;
    throw error;
  }
}

async function createConsoleKey(connection: Connection): Promise<ConsoleKey> {
  const body = { name: consoleKeyName, neverExpires: true };
  const created = await (await adminCalls(connection)).createKey(body);
  if (!created.secretAccessKey)
    throw new AdminApiError(500, "NoSecretKey", "CreateKey returned no secret for the console's key.");
  return { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey };
}
