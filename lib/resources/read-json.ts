/**
 * The one reader of the console's GET routes in the browser: the JSON body, or an Error
 * carrying the route's `{ error: { code, message } }` sentence. Both sides.
 */
export class RouteReadError extends Error {
  override name = "RouteReadError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function readJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw routeReadError(response.status, body);
  return body as T;
}

function routeReadError(status: number, body: unknown): RouteReadError {
  const error = typeof body === "object" && body !== null && "error" in body ? body.error : null;
  if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") {
    const code = "code" in error && typeof error.code === "string" ? error.code : "HttpError";
    return new RouteReadError(status, code, error.message);
  }
  return new RouteReadError(status, "HttpError", `HTTP ${status}`);
}
