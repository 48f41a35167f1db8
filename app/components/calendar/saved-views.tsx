import { useFetcher } from "@remix-run/react";
import { CheckboxField, Button, FormError, TextField, cx } from "~/components/ui";
import { BookmarkIcon } from "./bookmark-icon";
import { Disclosure } from "./subscribe-menu";

export interface SavedViewLink {
  id: string;
  name: string;
  shared: boolean;
  mine: boolean;
  owner: string | null;
  href: string;
}

type Answer = { ok: boolean; intent: string | null; target?: string | null; formError: string | null; errors: Record<string, string[]> };

function RenameForm({ view, action, query }: { view: SavedViewLink; action: string; query: string }) {
  const fetcher = useFetcher<Answer>();
  const failed = fetcher.data && !fetcher.data.ok ? fetcher.data : null;
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-xs font-medium text-accent">
        Rename or delete<span className="sr-only"> {view.name}</span>
      </summary>
      <fetcher.Form method="post" action={action} className="mt-2 space-y-2">
        <input type="hidden" name="viewId" value={view.id} />
        <input type="hidden" name="query" value={query} />
        <TextField label="Name" name="name" defaultValue={view.name} maxLength={80} required errors={failed?.errors.name} />
        <CheckboxField label="Shared with the workspace" name="shared" defaultChecked={view.shared} />
        <div className="flex gap-2">
          <Button type="submit" size="sm" variant="secondary" name="intent" value="rename">
            Save
          </Button>
          <Button type="submit" size="sm" variant="ghost" name="intent" value="delete">
            Delete
          </Button>
        </div>
        {failed && !failed.errors.name ? <FormError errors={failed.formError} /> : null}
      </fetcher.Form>
    </details>
  );
}

/**
 * Saved views in the calendar's header (issue 21): open one (through your own scope), save the
 * current filters under a name, rename or delete your own. Works without a script (the forms post
 * to the views route, which comes back here).
 */
export function SavedViews({ slug, views, query }: { slug: string; views: SavedViewLink[]; query: string }) {
  const fetcher = useFetcher<Answer>();
  const action = `/w/${slug}/calendar/views`;
  const failed = fetcher.data && !fetcher.data.ok && fetcher.data.intent === "save" ? fetcher.data : null;
  return (
    <Disclosure label={`Saved views${views.length ? ` (${views.length})` : ""}`} icon={<BookmarkIcon />} testId="saved-views">
      {views.length ? (
        <ul className="space-y-2" aria-label="Saved views">
          {views.map((v) => (
            <li key={v.id}>
              <a href={v.href} className="font-medium text-ink underline decoration-slate-300 hover:decoration-ink">
                {v.name}
              </a>
              <span className={cx("ml-2 text-xs text-ink-muted")}>
                {v.mine ? (v.shared ? "yours, shared" : "yours") : `shared by ${v.owner ?? "a former member"}`}
              </span>
              {v.mine ? <RenameForm view={v} action={action} query={query} /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-ink-muted">No saved views yet. Choose filters, then save them here under a name.</p>
      )}
      <fetcher.Form method="post" action={action} className="space-y-2 border-t border-slate-200 pt-4">
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="query" value={query} />
        <TextField
          label="Save these filters as"
          name="name"
          maxLength={80}
          required
          errors={failed?.errors.name}
          placeholder="Lumen, drafts"
        />
        <CheckboxField
          label="Share with the workspace"
          name="shared"
          hint="Each person still sees only what they can see: filters outside their access are left out."
        />
        {failed && !failed.errors.name ? <FormError errors={failed.formError} /> : null}
        <Button type="submit" size="sm" disabled={fetcher.state !== "idle"}>
          Save view
        </Button>
      </fetcher.Form>
    </Disclosure>
  );
}
