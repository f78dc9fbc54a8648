import { describe, expect, it } from "vitest";
import { clientAddressFor, clientAddressHeader, clientAddressOf } from "./client-address";

describe("client address", () => {
  it("is the socket's unless a proxy is trusted", () => {
    expect(clientAddressFor("10.0.0.5", "1.2.3.4", false)).toBe("10.0.0.5");
    expect(clientAddressFor("10.0.0.5", undefined, true)).toBe("10.0.0.5");
    expect(clientAddressFor(undefined, undefined, false)).toBe("unknown");
  });

  it("behind a trusted proxy, is the last forwarded entry (earlier ones are the client's word)", () => {
    expect(clientAddressFor("10.0.0.5", "6.6.6.6, 203.0.113.9", true)).toBe("203.0.113.9");
    expect(clientAddressFor("10.0.0.5", ["6.6.6.6", "203.0.113.7"], true)).toBe("203.0.113.7");
  });

  it("is read from the server's own header", () => {
    expect(clientAddressOf(new Headers({ [clientAddressHeader]: "10.1.1.1", "x-forwarded-for": "9.9.9.9" }))).toBe(
      "10.1.1.1",
    );
  });
});
