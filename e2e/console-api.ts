import { adminPassword, expect } from "./fixtures";

/**
 * The console's own /api/v1, called as a script would (HTTP Basic with a console user's
 * name and password), for seeding and for the API's own tests.
 */
export interface Credentials {
  name: string;
  password: string;
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export const adminCredentials = (): Credentials => ({ name: "admin", password: adminPassword() });

function consoleUrl(): string {
  const url = process.env.CARPORT_E2E_BASE_URL;
  if (!url) throw new Error("CARPORT_E2E_BASE_URL is not set: run the e2e tests with `npm run test:e2e`");
  return url;
}

export function basic(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.name}:${credentials.password}`).toString("base64")}`;
}

export async function api<T = unknown>(
  method: string,
  path: string,
  options: { as?: Credentials | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const as = options.as === undefined ? adminCredentials() : options.as;
  if (as) headers.Authorization = basic(as);
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${consoleUrl()}/api/v1${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, text, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

/** Calls and insists on the status, showing the body when it differs. */
export async function apiOk<T>(
  method: string,
  path: string,
  status: number,
  options: Parameters<typeof api>[2] = {},
): Promise<T> {
  const answer = await api<T>(method, path, options);
  expect(answer.status, `${method} ${path}: ${answer.text}`).toBe(status);
  return answer.body;
}

export interface ApiTenant {
  id: string;
  name: string;
}

/** A tenant with one tenant user, made through the API by the admin. */
export async function seedTenant(
  label: string,
  limits: Record<string, number> = {},
): Promise<{ tenant: ApiTenant; user: Credentials }> {
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const tenant = await apiOk<ApiTenant>("POST", "/tenants", 201, { body: { name: `${label}-${stamp}`, limits } });
  const user = { name: `${label}-user-${stamp}`, password: `pw-${stamp}-secret` };
  await apiOk("POST", "/users", 201, { body: { ...user, role: "tenant", tenant: tenant.id } });
  return { tenant, user };
}
