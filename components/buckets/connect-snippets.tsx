import { CodeBlock } from "@/components/ui/code-block";
import { allSnippets, type ClientConfigInput } from "@/lib/format/client-config";

/**
 * The client snippets as shown (a placeholder for a secret not revealed). `fetchSecret`
 * gives the real secret, fetched when a snippet is copied; null for a viewer, who copies
 * what is shown. The last part of the Connect panel: the panel loads it lazily, with the
 * snippets' templates.
 */
export function ConnectSnippets({
  target,
  secret,
  fetchSecret,
}: {
  target: Omit<ClientConfigInput, "secretAccessKey">;
  /** The revealed secret, else null (the snippets show a placeholder). */
  secret: string | null;
  fetchSecret: (() => Promise<string | null>) | null;
}) {
  const snippets = allSnippets({ ...target, secretAccessKey: secret });
  const withSecret = async (snippetId: string): Promise<string | null> => {
    const fetched = fetchSecret ? await fetchSecret() : null;
    if (fetched === null) return null;
    return allSnippets({ ...target, secretAccessKey: fetched }).find((item) => item.id === snippetId)?.text ?? null;
  };
  return (
    <div className="flex flex-col gap-4">
      {secret !== null || !fetchSecret ? null : (
        <p className="text-xs text-muted">
          The snippets show a placeholder until the secret is revealed; Copy puts the real secret in.
        </p>
      )}
      {snippets.map((snippet) => (
        <CodeBlock
          key={snippet.id}
          title={snippet.title}
          caption={snippet.where}
          text={snippet.text}
          copyText={fetchSecret ? () => withSecret(snippet.id) : undefined}
        />
      ))}
    </div>
  );
}
