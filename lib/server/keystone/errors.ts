import "server-only";

/**
 * Keystone's one error type: `{"error": {"code": <status>, "title": "...", "message": "..."}}`,
 * the title taken from the status by the table below.
 */
export const keystoneTitles = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  429: "Too Many Requests",
  500: "Internal Server Error",
} as const satisfies Record<number, string>;

export type KeystoneStatus = keyof typeof keystoneTitles;

export class KeystoneError extends Error {
  override name = "KeystoneError";
  constructor(
    readonly status: KeystoneStatus,
    message: string,
  ) {
    super(message);
  }

  toBody(): { error: { code: number; title: string; message: string } } {
    return { error: { code: this.status, title: keystoneTitles[this.status], message: this.message } };
  }
}

/** Keystone's own sentence for a missing or refused authentication. */
export const unauthorized = (message = "The request you have made requires authentication.") =>
  new KeystoneError(401, message);

export const forbidden = (message = "You are not authorized to perform the requested action.") =>
  new KeystoneError(403, message);
