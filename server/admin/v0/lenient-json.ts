/**
 * Garage's v0 documentation (the seed's admin-api page) shows request bodies
 * with trailing commas (`"createBucket": true, }`), and people paste them as
 * written. v0 bodies therefore accept a comma before `}` or `]` when it ends a
 * member; everything else is strict JSON. Commas inside strings are left alone.
 * One pass, linear in the body (bodies are bounded by maxJsonBodyBytes).
 */
export function parseLenientJson(text: string): unknown {
  return JSON.parse(withoutTrailingCommas(text)) as unknown;
}

const blank = new Set([" ", "\t", "\n", "\r"]);

function withoutTrailingCommas(text: string): string {
  let out = "";
  let inString = false;
  // The last character outside blanks: a comma after `{`, `[` or `,` ends no member.
  let lastSignificant = "";
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      out += char;
      if (char === "\\") out += text[++index] ?? "";
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    if (char === "," && !"{[,".includes(lastSignificant) && closesNext(text, index + 1)) continue;
    out += char;
    if (!blank.has(char)) lastSignificant = char;
  }
  return out;
}

/** Whether the next non-blank character closes an object or array. */
function closesNext(text: string, from: number): boolean {
  let index = from;
  while (index < text.length && blank.has(text[index])) index += 1;
  return text[index] === "}" || text[index] === "]";
}
