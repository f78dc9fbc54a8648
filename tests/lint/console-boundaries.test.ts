import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * Where console code may run is enforced by ESLint (eslint.config.mjs and
 * eslint-rules/console.mjs): lib/server/** is server-only, and nothing the browser
 * loads (components/, "use client" modules in app/, universal lib/) imports it. Each
 * fixture is linted as if it sat at its filePath, through lintText, so no offending file
 * exists in the tree; allowed imports are linted too, so a rule that flags everything
 * (or a glob that matches nothing) fails here.
 */

const repoRoot = path.resolve(import.meta.dirname, "../..");

interface Fixture {
  reason: string;
  filePath: string;
  code: string;
  rule: string;
}

const forbidden: Fixture[] = [
  {
    reason: "a component imports a lib/server module",
    filePath: "components/buckets/fixture-leak.tsx",
    code: 'import { listBuckets } from "@/lib/server/admin-api/buckets";\nexport const leak = listBuckets;\n',
    rule: "no-restricted-imports",
  },
  {
    reason: "a component imports a server action instead of taking a callback",
    filePath: "components/keys/fixture-leak.tsx",
    code: 'import { createKeyAction } from "@/lib/actions/keys";\nexport const leak = createKeyAction;\n',
    rule: "no-restricted-imports",
  },
  {
    reason: "a 'use client' module in app/ imports a lib/server module",
    filePath: "app/(console)/buckets/fixture-view.tsx",
    code: '"use client";\n\nimport { requireContext } from "@/lib/server/context";\nexport const leak = requireContext;\n',
    rule: "carport/client-imports",
  },
  {
    reason: "a 'use client' module in app/ imports server-only",
    filePath: "app/(console)/fixture-view.tsx",
    code: '"use client";\n\nimport "server-only";\nexport const leak = 1;\n',
    rule: "carport/client-imports",
  },
  {
    reason: "a universal lib/ module imports a lib/server module",
    filePath: "lib/resources/fixture-leak.ts",
    code: 'import { getActiveConnection } from "@/lib/server/connections";\nexport const leak = getActiveConnection;\n',
    rule: "no-restricted-imports",
  },
  {
    reason: "a lib/server module does not import server-only",
    filePath: "lib/server/admin-api/fixture-leak.ts",
    code: 'import { AdminApiError } from "@/lib/admin-api/errors";\nexport const leak = AdminApiError;\n',
    rule: "carport/server-only-marker",
  },
];

const allowed: Array<Omit<Fixture, "rule">> = [
  {
    reason: "a server page in app/ imports a lib/server module",
    filePath: "app/(console)/buckets/fixture-page.tsx",
    code: 'import { requireContext } from "@/lib/server/context";\nexport const ok = requireContext;\n',
  },
  {
    reason: "a 'use client' module in app/ imports a resource's query and a server action",
    filePath: "app/(console)/buckets/fixture-view.tsx",
    code: '"use client";\n\nimport { createBucketAction } from "@/lib/actions/buckets";\nimport { bucketListQuery } from "@/lib/resources/buckets";\nexport const ok = [createBucketAction, bucketListQuery];\n',
  },
  {
    reason: "a component imports universal lib/ modules",
    filePath: "components/buckets/fixture-ok.tsx",
    code: 'import { formatBytes } from "@/lib/format/bytes";\nimport { bucketKeys } from "@/lib/resources/buckets";\nexport const ok = [formatBytes, bucketKeys];\n',
  },
  {
    reason: "a lib/server module imports server-only first, then another",
    filePath: "lib/server/resources/fixture-ok.ts",
    code: 'import "server-only";\nimport { getActiveConnection } from "@/lib/server/connections";\nexport const ok = getActiveConnection;\n',
  },
  {
    reason: "a server action module imports defineAction",
    filePath: "lib/actions/fixture-ok.ts",
    code: '"use server";\n\nimport { defineAction } from "@/lib/server/define-action";\nexport const okAction = defineAction;\n',
  },
];

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function lintAs(fixture: { filePath: string; code: string }): Promise<ESLint.LintResult> {
  const [result] = await eslint.lintText(fixture.code, { filePath: path.join(repoRoot, fixture.filePath) });
  return result;
}

describe("ESLint keeps server-only console code out of the browser", () => {
  it.each(forbidden)("fails when $reason", async (fixture) => {
    const result = await lintAs(fixture);
    const errors = result.messages.filter((message) => message.ruleId === fixture.rule);
    expect(errors).toHaveLength(1);
    expect(errors[0].severity).toBe(2);
  });

  it.each(allowed)("passes when $reason", async (fixture) => {
    const result = await lintAs(fixture);
    expect(result.messages).toEqual([]);
  });
});
