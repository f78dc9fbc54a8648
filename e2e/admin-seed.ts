import { S3Client } from "@aws-sdk/client-s3";
import type { Page } from "@playwright/test";
import { adminPassword, adminToken, engineUrls, expect, signIn } from "./fixtures";

/** Seeding through the engine's admin API (the console's own contract), for data a spec only needs to exist. */
export async function adminCall<T>(
  operation: string,
  body?: unknown,
  query: Record<string, string> = {},
  method: "GET" | "POST" = body === undefined ? "GET" : "POST",
): Promise<T> {
  const url = new URL(`${engineUrls.admin()}/v2/${operation}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${adminToken()}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${operation}: HTTP ${response.status} ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

export function s3Client(
  credentials: { accessKeyId: string; secretAccessKey: string },
  endpoint = engineUrls.s3(),
  region = process.env.CARPORT_S3_REGION ?? "garage",
): S3Client {
  return new S3Client({ endpoint, region, forcePathStyle: true, credentials });
}

/** Signs in and waits for the landing page, so the next navigation carries the session. */
export async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, "admin", adminPassword());
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}
