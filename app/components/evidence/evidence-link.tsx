import { Link } from "@remix-run/react";
import { Card } from "~/components/ui";

/** On the deliverable page, once a pack is sealed: where the proof of the approval is. */
export function EvidenceCard({ href }: { href: string }) {
  return (
    <Card title="Evidence">
      <p className="text-sm text-ink-soft">
        What was approved, by whom, when and from where, hashed and recorded in the audit trail at the moment of each decision (a sign-off,
        or an override of a block).
      </p>
      <Link to={href} className="mt-3 inline-block text-sm font-medium text-accent underline hover:no-underline">
        Open the evidence pack
      </Link>
    </Card>
  );
}
