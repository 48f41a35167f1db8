import { Card, CardSection } from "~/components/ui";

const VERIFY_SNIPPET = `import { createHmac, timingSafeEqual } from "node:crypto";

function verify(secret, headers, rawBody) {
  const id = headers["webhook-id"];
  const ts = headers["webhook-timestamp"];
  // Refuse old messages (replays): 5 minutes of tolerance.
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = "v1," + createHmac("sha256", key)
    .update(\`\${id}.\${ts}.\${rawBody}\`).digest("base64");
  return headers["webhook-signature"].split(" ").some((sig) =>
    sig.length === expected.length &&
    timingSafeEqual(Buffer.from(sig), Buffer.from(expected)));
}`;

/** What a receiver must check, and a copyable Node.js example. */
export function VerifySignaturesCard() {
  return (
    <Card
      flush
      title="How to verify signatures"
      description="Check every request before you trust it. Baton follows the Standard Webhooks specification, so its libraries work too."
    >
      <CardSection title="What Baton sends">
        <ul className="list-disc space-y-1.5 pl-5 text-sm text-ink-soft">
          <li>
            <code className="font-mono text-xs text-ink">webhook-id</code>: a unique message id (
            <code className="font-mono text-xs">msg_…</code>). Retries keep the same id, so use it to drop duplicates.
          </li>
          <li>
            <code className="font-mono text-xs text-ink">webhook-timestamp</code>: seconds since the Unix epoch. Refuse messages more than 5
            minutes old.
          </li>
          <li>
            <code className="font-mono text-xs text-ink">webhook-signature</code>: <code className="font-mono text-xs">v1,</code> followed
            by the base64 HMAC-SHA256 of <code className="font-mono text-xs">{"{webhook-id}.{webhook-timestamp}.{raw body}"}</code>, keyed
            with the secret's bytes (the base64 part after <code className="font-mono text-xs">whsec_</code>).
          </li>
          <li>Answer with any 2xx status within 10 seconds. Anything else is retried with growing delays.</li>
        </ul>
      </CardSection>
      <CardSection title="Example (Node.js)" description="Use the raw request body exactly as received: re-serialised JSON will not match.">
        <pre
          tabIndex={0}
          aria-label="Signature verification example in Node.js"
          className="overflow-x-auto rounded-lg bg-slate-900 p-4 text-xs leading-relaxed text-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-accent"
        >
          <code>{VERIFY_SNIPPET}</code>
        </pre>
      </CardSection>
    </Card>
  );
}
