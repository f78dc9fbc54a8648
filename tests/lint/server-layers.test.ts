import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The import direction inside server/ is enforced by ESLint (eslint.config.mjs,
 * import/no-restricted-paths). Each fixture is linted as if it sat at its
 * filePath, through lintText, so no offending file ever exists in the tree for
 * `npm run lint` to trip on. Allowed imports are linted too: a rule that flagged
 * everything (or nothing, e.g. a file outside the rule's glob) fails here.
 */

const repoRoot = path.resolve(import.meta.dirname, "../..");
const layerRule = "import/no-restricted-paths";

interface Fixture {
  filePath: string;
  code: string;
}

const forbidden: Array<Fixture & { reason: string }> = [
  {
    reason: "the engine imports the S3 API",
    filePath: "server/engine/service/fixture-leak.ts",
    code: 'import { S3Error } from "../../s3/errors";\nexport const leak = S3Error;\n',
  },
  {
    reason: "the engine imports the admin API (type-only)",
    filePath: "server/engine/fixture-leak.ts",
    code: 'import type { AdminContext } from "../admin/context";\nexport type Leak = AdminContext;\n',
  },
  {
    reason: "the engine imports the HTTP layer",
    filePath: "server/engine/blocks/fixture-leak.ts",
    code: 'import { newRequestId } from "../../http/listen";\nexport const leak = newRequestId;\n',
  },
  {
    reason: "the engine imports the server configuration",
    filePath: "server/engine/service/fixture-leak.ts",
    code: 'import type { EngineConfig } from "../../config";\nexport type Leak = EngineConfig;\n',
  },
  {
    reason: "the S3 API imports the admin API",
    filePath: "server/s3/handlers/fixture-leak.ts",
    code: 'import { AdminError } from "../../admin/errors";\nexport const leak = AdminError;\n',
  },
  {
    reason: "the admin API imports the S3 API",
    filePath: "server/admin/v2/fixture-leak.ts",
    code: 'import { S3Error } from "../../s3/errors";\nexport const leak = S3Error;\n',
  },
  {
    reason: "util imports the engine",
    filePath: "server/util/fixture-leak.ts",
    code: 'import { EngineError } from "../engine/errors";\nexport const leak = EngineError;\n',
  },
];

const allowed: Array<Fixture & { reason: string }> = [
  {
    reason: "the engine imports util",
    filePath: "server/engine/service/fixture-ok.ts",
    code: 'import { limits } from "../../util/limits";\nexport const ok = limits;\n',
  },
  {
    reason: "the admin API imports the engine",
    filePath: "server/admin/v2/fixture-ok.ts",
    code: 'import { EngineError } from "../../engine/errors";\nexport const ok = EngineError;\n',
  },
  {
    reason: "the S3 API imports the engine and util",
    filePath: "server/s3/handlers/fixture-ok.ts",
    code: 'import { EngineError } from "../../engine/errors";\nimport { limits } from "../../util/limits";\nexport const ok = [EngineError, limits];\n',
  },
];

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function lintAs(fixture: Fixture): Promise<ESLint.LintResult> {
  const [result] = await eslint.lintText(fixture.code, { filePath: path.join(repoRoot, fixture.filePath) });
  return result;
}

describe("ESLint keeps server/ layered", () => {
  it.each(forbidden)("fails when $reason", async (fixture) => {
    const result = await lintAs(fixture);
    const layerErrors = result.messages.filter((message) => message.ruleId === layerRule);
    expect(layerErrors).toHaveLength(1);
    expect(layerErrors[0].severity).toBe(2);
    expect(layerErrors[0].line).toBe(1);
  });

  it.each(allowed)("passes when $reason", async (fixture) => {
    const result = await lintAs(fixture);
    expect(result.messages).toEqual([]);
  });
});
