import { describe, expect, it } from "vitest";
import { routes } from "../routes";
import { knownS3Actions, operationAccess } from "./operations";

describe("operation access table", () => {
  it("names every routed operation, so policies and ACLs speak for each", () => {
    const missing = routes
      .filter((route) => route.scope !== "service" && route.permission !== "create")
      .map((route) => route.operation)
      .filter((operation) => operationAccess[operation] === undefined);
    expect(missing).toEqual([]);
  });

  it("uses only actions a policy may name", () => {
    for (const entry of Object.values(operationAccess)) {
      expect(knownS3Actions).toContain(entry.action);
      if (entry.versionAction) expect(knownS3Actions).toContain(entry.versionAction);
    }
  });
});
