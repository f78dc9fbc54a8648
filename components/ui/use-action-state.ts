"use client";

import { useState } from "react";

type Result<T> = { ok: true; data: T } | { ok: false; error: string; code?: string };

/** Runs one async call that answers with a result: tracks pending and the last error. */
export function useResultCall() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState<string | null>(null);
  async function run<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
    setPending(true);
    setError(null);
    setErrorCode(null);
    try {
      const result = await call();
      if (!result.ok) {
        setError(result.error);
        setErrorCode(result.code ?? null);
      }
      return result;
    } catch {
      const failure = {
        ok: false as const,
        error: "The console could not be reached. Check your connection and try again.",
      };
      setError(failure.error);
      return failure;
    } finally {
      setPending(false);
    }
  }
  return { run, pending, error, errorCode, clearError: () => setError(null) };
}
