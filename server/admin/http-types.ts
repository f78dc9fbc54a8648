/** A parsed admin request as the version routers see it, and what they answer. */

export interface AdminHttpRequest {
  method: string;
  /** The path after the version prefix, e.g. "/layout" for GET /v1/layout. */
  path: string;
  query: Record<string, string | undefined>;
  /** The parsed JSON body; undefined when the request had none. */
  body: unknown;
}

export interface AdminHttpResponse {
  status: number;
  /** undefined: no body (e.g. 204). Otherwise serialised as JSON. */
  body: unknown;
}
