import { Button, Card } from "~/components/ui";
import type { BriefCompleteness } from "~/modules/briefs/completeness";
import { CompletenessMeter } from "./completeness-meter";
import type { SaveState } from "./use-autosave";

/** What the save line says: autosave's state once the page runs JavaScript, the last save before that. */
function saveStatus(state: SaveState, savedAt: string | null, hydrated: boolean): string {
  if (!hydrated) return savedAt ? `Last saved ${savedAt}` : "Not saved yet";
  if (state === "saving") return "Saving…";
  if (state === "dirty") return "Unsaved changes…";
  if (state === "error") return "Some fields could not be saved";
  return savedAt ? `All changes saved · ${savedAt}` : "Not saved yet";
}

/**
 * The editor's side panel: the completeness meter (each name links to its input), the save line,
 * and the form's two submit buttons (outside the form, tied to it by `form`).
 */
export function EditorPanel(props: {
  formId: string;
  completeness: Pick<BriefCompleteness, "percent" | "missing" | "problems">;
  hrefOf: (key: string) => string;
  saveState: SaveState;
  savedAt: string | null;
  hydrated: boolean;
  publishing: boolean;
  publishedVersion: number | null;
}) {
  const { completeness, publishedVersion } = props;
  return (
    <Card>
      <div className="space-y-4">
        <CompletenessMeter
          percent={completeness.percent}
          missing={completeness.missing}
          problems={completeness.problems}
          hrefOf={props.hrefOf}
        />
        <p className="text-sm text-ink-muted" role="status" aria-live="polite" data-testid="save-status">
          {saveStatus(props.saveState, props.savedAt, props.hydrated)}
        </p>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" form={props.formId} name="intent" value="save" variant="secondary">
            Save draft
          </Button>
          <Button type="submit" form={props.formId} name="intent" value="publish" disabled={props.publishing}>
            {props.publishing ? "Publishing…" : publishedVersion ? `Publish v${publishedVersion + 1}` : "Publish brief"}
          </Button>
        </div>
        <p className="text-xs text-ink-muted">
          Publishing asks every assigned agency member and creator to acknowledge this version. A change to a material field asks them
          again.
        </p>
      </div>
    </Card>
  );
}
