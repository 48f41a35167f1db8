import { Card } from "~/components/ui";

/** Exclusivity waivers on a deliverable's clashes (decision 062), already worded for the viewer. */
export function WaiverNotes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <Card title="Exclusivity waivers" headingLevel={2}>
      <ul className="space-y-2 text-sm text-ink" data-waivers>
        {notes.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </Card>
  );
}
