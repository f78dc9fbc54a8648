"use server";

import { signOut } from "@/lib/auth";
import { requireSession } from "@/lib/auth/guard";

export async function signOutAction(): Promise<void> {
  await requireSession();
  await signOut({ redirectTo: "/signin" });
}
