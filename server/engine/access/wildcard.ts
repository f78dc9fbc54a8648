/**
 * IAM's wildcards: `*` matches any run of characters (slashes included), `?`
 * exactly one. Matched by the classic two-pointer walk with backtracking to the
 * last star, so no pattern can make the match slower than length × length.
 */
export function wildcardMatch(pattern: string, text: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? text.toLowerCase() : text;
  let pi = 0;
  let ti = 0;
  let starAt = -1;
  let matchedAt = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === "?" || p[pi] === t[ti])) {
      pi += 1;
      ti += 1;
    } else if (pi < p.length && p[pi] === "*") {
      starAt = pi;
      matchedAt = ti;
      pi += 1;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      matchedAt += 1;
      ti = matchedAt;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === "*") pi += 1;
  return pi === p.length;
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}
