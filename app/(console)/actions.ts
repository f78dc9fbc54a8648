"use server";

import { signOut } from "@/lib/server/auth";
import { requireSession } from "@/lib/server/auth/guard";

export async function signOutAction(): Promise<void> {
  await requireSession();
  await signOut({ redirectTo: "/signin" });
}
