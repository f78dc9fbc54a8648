import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The v2 handlers are typed by Garage's document: a handler answering another
 * shape does not compile. Fixtures are compiled as if they sat among the
 * handlers (virtual files, so `npm run typecheck` never sees them), with the
 * server's compiler options; only the fixture's own diagnostics are read.
 */

const repoRoot = path.resolve(import.meta.dirname, "../..");
const fixtureDir = path.join(repoRoot, "server/admin/v2/handlers");

function compilerOptions(): ts.CompilerOptions {
  const configPath = path.join(repoRoot, "server/tsconfig.json");
  const config = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, path.dirname(configPath)).options;
}

/** Compiles the fixtures in one program (the server's sources are read once); returns each one's errors. */
function diagnosticsOf(fixtures: Record<string, string>): Record<string, string[]> {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const virtual = new Map(
    Object.entries(fixtures).map(([name, source]) => [path.join(fixtureDir, `${name}.ts`), source]),
  );
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => virtual.get(path.resolve(file)) ?? readFile(file);
  host.fileExists = (file) => virtual.has(path.resolve(file)) || ts.sys.fileExists(file);
  host.getSourceFile = (file, language, onError, create) => {
    const source = virtual.get(path.resolve(file));
    return source === undefined
      ? getSourceFile(file, language, onError, create)
      : ts.createSourceFile(file, source, language);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  return Object.fromEntries(
    [...virtual.keys()].map((file) => {
      const sourceFile = program.getSourceFile(file);
      if (!sourceFile) throw new Error(`${file} was not compiled`);
      const messages = program
        .getSemanticDiagnostics(sourceFile)
        .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      return [path.basename(file, ".ts"), messages];
    }),
  );
}

const header = `import { defineOperation } from "../define";
import type { V2OperationTable } from "../contract";
`;

const health = (knownNodes: string) => `${header}
export const fixture = {
  GetClusterHealth: defineOperation({
    handle: () => ({
      status: "healthy",
      knownNodes: ${knownNodes},
      connectedNodes: 1,
      storageNodes: 1,
      storageNodesUp: 1,
      partitions: 256,
      partitionsQuorum: 256,
      partitionsAllOk: 256,
    }),
  }),
} satisfies Partial<V2OperationTable>;
`;

const missingField = `${header}
export const fixture = {
  GetKeyInfo: defineOperation({ handle: () => ({ accessKeyId: "GK1", name: "k", permissions: {}, buckets: [] }) }),
} satisfies Partial<V2OperationTable>;
`;

let errors: Record<string, string[]>;

beforeAll(() => {
  errors = diagnosticsOf({
    "fixture-documented": health("1"),
    "fixture-wrong-type": health('"one"'),
    "fixture-missing-field": missingField,
  });
}, 120_000);

describe("v2 handlers are checked against Garage's document", () => {
  it("compiles a handler that answers the documented shape", () => {
    expect(errors["fixture-documented"]).toEqual([]);
  });

  it("refuses a handler whose field has another type", () => {
    expect(errors["fixture-wrong-type"].join("\n")).toMatch(/knownNodes/);
  });

  it("refuses a handler that leaves out a required field", () => {
    expect(errors["fixture-missing-field"].join("\n")).toMatch(/expired/);
  });
});
