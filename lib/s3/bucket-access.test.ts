import { describe, expect, it } from "vitest";
import {
  maxPolicyBytes,
  policyFromTemplate,
  policyProblem,
  policyTemplates,
  type PolicyTemplate,
} from "./bucket-access";

/** The policy editor's templates and its check before saving. */

describe("policy templates", () => {
  it.each(Object.keys(policyTemplates) as PolicyTemplate[])(
    "%s is a policy the check accepts, for this bucket",
    (template) => {
      const text = policyFromTemplate(template, "photos", "GKexample0001");
      expect(policyProblem(text)).toBeNull();
      expect(text).toContain("arn:aws:s3:::photos");
    },
  );

  it("the read-only template names the chosen key", () => {
    expect(JSON.parse(policyFromTemplate("read-only-key", "b", "GKreader")).Statement[0].Principal).toEqual({
      AWS: ["GKreader"],
    });
  });
});

describe("policyProblem", () => {
  it.each([
    ["{not json", /not valid JSON/],
    ["[]", /JSON object/],
    ['{"Version":"2012-10-17"}', /needs a Statement/],
    ['{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}', /Statement 1 needs a Resource/],
    ['{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}', /needs a Principal/],
    [`{"Statement":[],"x":"${"a".repeat(maxPolicyBytes)}"}`, /at most 20 KiB/],
  ])("refuses %s", (text, message) => {
    expect(policyProblem(text)).toMatch(message);
  });
});
