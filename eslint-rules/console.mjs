/**
 * Two rules ESLint's own cannot express, because they depend on what a file says about
 * itself rather than where it sits:
 * - `client-imports`: a `"use client"` module in app/ runs in the browser too, so it may
 *   not import server-only code (the patterns passed in; components/ has the same list
 *   through no-restricted-imports, for every file).
 * - `server-only-marker`: every module under lib/server/ imports `server-only` first, so
 *   Next refuses to bundle it for the browser even if a lint rule were missed.
 */
function hasDirective(program, directive) {
  return program.body.some(
    (statement) => statement.type === "ExpressionStatement" && statement.directive === directive,
  );
}

const clientImports = {
  meta: {
    type: "problem",
    docs: { description: "A 'use client' module imports no server-only code." },
    schema: [
      {
        type: "object",
        properties: { patterns: { type: "array", items: { type: "string" } }, message: { type: "string" } },
        required: ["patterns", "message"],
        additionalProperties: false,
      },
    ],
    messages: { serverOnly: "'{{source}}' is server-only: {{message}}" },
  },
  create(context) {
    const [{ patterns, message }] = context.options;
    if (!hasDirective(context.sourceCode.ast, "use client")) return {};
    const forbidden = patterns.map((pattern) => new RegExp(pattern));
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source === "string" && forbidden.some((pattern) => pattern.test(source)))
        context.report({ node: node.source, messageId: "serverOnly", data: { source, message } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

const serverOnlyMarker = {
  meta: {
    type: "problem",
    docs: { description: "Every module of a server-only folder imports 'server-only' first." },
    schema: [],
    messages: { missing: 'This folder is server-only: start the module with `import "server-only";`.' },
  },
  create(context) {
    return {
      Program(program) {
        const first = program.body.find((statement) => statement.type === "ImportDeclaration");
        if (first?.source.value !== "server-only") context.report({ node: first ?? program, messageId: "missing" });
      },
    };
  },
};

const plugin = { rules: { "client-imports": clientImports, "server-only-marker": serverOnlyMarker } };
export default plugin;
