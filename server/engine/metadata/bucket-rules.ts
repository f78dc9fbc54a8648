import { z } from "zod";

/**
 * A bucket's rules in S3's own vocabulary (the element names of S3's XML, which
 * Garage's admin API also uses as JSON keys): one spelling for the engine's
 * records, the admin API and the S3 API. The protocol layers validate input with
 * these schemas and render the stored rules as they are.
 */

const optionalText = z.string().nullable().optional();
const optionalCount = z.number().int().nonnegative().nullable().optional();

/** Website routing rules: stored and served back; the website endpoint does not apply them yet. */
export const routingRuleSchema = z.object({
  Condition: z
    .object({ HttpErrorCodeReturnedEquals: z.number().int().nullable().optional(), KeyPrefixEquals: optionalText })
    .nullable()
    .optional(),
  Redirect: z.object({
    HostName: optionalText,
    HttpRedirectCode: optionalCount,
    Protocol: optionalText,
    ReplaceKeyPrefixWith: optionalText,
    ReplaceKeyWith: optionalText,
  }),
});
export type RoutingRule = z.infer<typeof routingRuleSchema>;

/**
 * Stored routing rules. Before the admin API validated them, any JSON object was
 * stored; one that is not a routing rule (Garage would have refused it) is left
 * out on read rather than making its bucket unreadable.
 */
export const storedRoutingRules = z
  .array(z.unknown())
  .default([])
  .transform((rules) =>
    rules.flatMap((rule) => {
      const parsed = routingRuleSchema.safeParse(rule);
      return parsed.success ? [parsed.data] : [];
    }),
  );
