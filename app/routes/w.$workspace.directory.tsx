import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { ReactNode } from "react";
import { z } from "zod";
import { BuildingIcon, PlusIcon, SparklesIcon, UsersIcon } from "~/components/icons";
import {
  Alert,
  Badge,
  Button,
  ButtonLink,
  Card,
  CardSection,
  EmptyState,
  FormError,
  PageHeader,
  SelectField,
  TBody,
  TD,
  TH,
  THead,
  TR,
  Table,
  TextField,
} from "~/components/ui";
import { IdempotencyKeyField } from "~/components/ui/idempotency-key-field";
import { requirePermission } from "~/modules/workspaces/authz.server";
import {
  createAgencyRecord,
  createBrandRecord,
  createCreatorRecord,
  deleteDirectoryEntry,
  findDirectoryEntry,
  listDirectory,
  scopedPeopleCount,
} from "~/modules/workspaces/directory.server";
import { BRAND_TIME_ZONES, agencySchema, brandSchema, creatorSchema } from "~/modules/workspaces/schemas";
import { actionFailure, actionSuccess } from "~/utils/action-result.server";
import { idField } from "~/utils/ids";
import { notFound, parseWith, readForm } from "~/utils/http.server";
import { newIdempotencyKey, readIdempotencyKey } from "~/utils/idempotency.server";
import { useHydrated } from "~/utils/use-hydrated";
import { zoneOffset } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Brands, agencies & creators · Baton" }];

type Kind = "brand" | "agency" | "creator";
const KIND_NOUN: Record<Kind, string> = { brand: "brand", agency: "agency", creator: "creator" };
const DEFAULT_BRAND_COLOR = "#0ea5e9";

function zoneLabel(timeZone: string, at: Date): string {
  if (timeZone === "UTC") return "UTC";
  return `${timeZone.replace(/_/g, " ")} (${zoneOffset(at, timeZone)})`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "directory.manage");
  const dir = await listDirectory(ctx.workspace.id);
  const now = new Date();

  // Second step of a delete: ?delete=brand:<id> shows a confirmation with what else goes.
  const raw = new URL(request.url).searchParams.get("delete") ?? "";
  const [kindRaw, idRaw] = raw.split(":", 2);
  let confirm: { kind: Kind; id: string; name: string; members: number; invitations: number } | null = null;
  if ((kindRaw === "brand" || kindRaw === "agency" || kindRaw === "creator") && idRaw) {
    const entry = await findDirectoryEntry(ctx.workspace.id, kindRaw, idRaw);
    const isOperator = kindRaw === "agency" && dir.agencies.some((a) => a.id === idRaw && a.isOperator);
    if (entry && !isOperator)
      confirm = { kind: kindRaw, id: entry.id, name: entry.name, ...(await scopedPeopleCount(ctx.workspace.id, kindRaw, entry.id)) };
  }

  const zones: string[] = [...BRAND_TIME_ZONES];
  const defaultZone = zones.includes(ctx.user.timeZone) ? ctx.user.timeZone : "UTC";
  return json({
    slug: ctx.workspace.slug,
    brands: dir.brands.map((b) => ({
      id: b.id,
      name: b.name,
      category: b.category,
      timeZone: b.timeZone,
      zoneLabel: zoneLabel(b.timeZone, now),
      color: b.color,
    })),
    agencies: dir.agencies.map((a) => ({ id: a.id, name: a.name, isOperator: a.isOperator })),
    creators: dir.creators.map((c) => ({ id: c.id, name: c.name, handle: c.handle, linked: Boolean(c.userId) })),
    zoneOptions: zones.map((z) => ({ value: z, label: zoneLabel(z, now) })),
    defaultZone,
    confirm,
    // One key per add form: each is its own create (security.md 34).
    keys: { brand: newIdempotencyKey(), agency: newIdempotencyKey(), creator: newIdempotencyKey() },
  });
}

const intentSchema = z.object({
  intent: z.enum(["createBrand", "createAgency", "createCreator", "delete-brand", "delete-agency", "delete-creator"], {
    errorMap: () => ({ message: "Unknown action." }),
  }),
});
const deleteSchema = z.object({ id: idField("Choose an entry from the list.") });
type Intent = z.infer<typeof intentSchema>["intent"];

const fail = actionFailure<Intent>;
const done = actionSuccess<Intent>;

function valuesOf(form: FormData, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const v = form.get(key);
    if (typeof v === "string") out[key] = v;
  }
  return out;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "directory.manage");
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return fail(null, which.errors, { formError: "Unknown action. Reload the page and try again." });
  const intent = which.data.intent;

  switch (intent) {
    case "createBrand": {
      const values = valuesOf(form, ["name", "category", "timeZone", "color"]);
      const parsed = parseWith(brandSchema, form);
      if (!parsed.success) return fail(intent, parsed.errors, { values });
      const row = await createBrandRecord(request, ctx, parsed.data, readIdempotencyKey(form));
      return done(intent, `Brand ${row?.name ?? parsed.data.name} added.`);
    }
    case "createAgency": {
      const values = valuesOf(form, ["name"]);
      const parsed = parseWith(agencySchema, form);
      if (!parsed.success) return fail(intent, parsed.errors, { values });
      const row = await createAgencyRecord(request, ctx, parsed.data, readIdempotencyKey(form));
      return done(intent, `Agency ${row?.name ?? parsed.data.name} added.`);
    }
    case "createCreator": {
      const values = valuesOf(form, ["name", "handle"]);
      const parsed = parseWith(creatorSchema, form);
      if (!parsed.success) return fail(intent, parsed.errors, { values });
      const row = await createCreatorRecord(request, ctx, parsed.data, readIdempotencyKey(form));
      return done(intent, `Creator ${row?.name ?? parsed.data.name} added.`);
    }
    case "delete-brand":
    case "delete-agency":
    case "delete-creator": {
      const kind = intent.slice("delete-".length) as Kind;
      const parsed = parseWith(deleteSchema, form);
      // A malformed id is bad input (400); a well-formed one outside this workspace is 404.
      if (!parsed.success) return fail(intent, parsed.errors, { formError: "Choose an entry from the list." });
      const { id } = parsed.data;
      const result = await deleteDirectoryEntry(request, ctx, kind, id);
      if (!result.ok && result.status === 404) notFound();
      if (!result.ok) return fail(intent, {}, { status: result.status, formError: result.message });
      const entry = result;
      return done(intent, `${KIND_NOUN[kind][0].toUpperCase()}${KIND_NOUN[kind].slice(1)} ${entry.name} deleted.`);
    }
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionResult = ReturnType<typeof useActionData<typeof action>>;

const HEX = /^#[0-9a-fA-F]{6}$/;

/** Hex text field with a colour picker that keeps both in sync (the picker appears once JS runs). */
function ColorField({
  label,
  name,
  defaultValue,
  errors,
  hint,
}: {
  label: string;
  name: string;
  defaultValue: string;
  errors?: string[];
  hint?: ReactNode;
}) {
  const hydrated = useHydrated();
  const [value, setValue] = useState(defaultValue);
  const swatch = HEX.test(value.trim()) ? value.trim() : DEFAULT_BRAND_COLOR;
  return (
    <div className="grid grid-cols-[1fr_auto] items-start gap-2">
      <TextField
        label={label}
        name={name}
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        errors={errors}
        hint={hint}
        spellCheck={false}
        autoComplete="off"
      />
      <div className="mt-7">
        {hydrated ? (
          <input
            type="color"
            aria-label={`Pick ${label.toLowerCase()}`}
            value={swatch.toLowerCase()}
            onChange={(e) => setValue(e.currentTarget.value)}
            className="h-10 w-12 cursor-pointer rounded-lg border-0 bg-white p-1 ring-1 ring-inset ring-slate-300"
          />
        ) : (
          <span
            aria-hidden="true"
            className="block h-10 w-12 rounded-lg ring-1 ring-inset ring-slate-300"
            style={{ backgroundColor: swatch }}
          />
        )}
      </div>
    </div>
  );
}

export default function DirectoryPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/w/${data.slug}/directory`;
  const deleteError = result && !result.ok && (result.intent === null || result.intent.startsWith("delete-")) ? result.formError : null;

  return (
    <div className="space-y-8">
      <PageHeader
        title="Brands, agencies & creators"
        description="The directory behind every campaign. Brands are your clients, agencies your partners (your own team included) and creators the people who make the content."
      />
      {result?.ok && result.intent?.startsWith("delete-") ? (
        <Alert tone="success" role="status">
          {result.notice}
        </Alert>
      ) : null}
      <FormError>{deleteError}</FormError>

      <BrandsCard data={data} base={base} result={result} />
      <AgenciesCard data={data} base={base} result={result} />
      <CreatorsCard data={data} base={base} result={result} />
    </div>
  );
}

function mineOf(result: ActionResult, intent: Intent) {
  return result && !result.ok && result.intent === intent ? result : null;
}

function Added({ result, intent }: { result: ActionResult; intent: Intent }) {
  if (!result?.ok || result.intent !== intent) return null;
  return (
    <Alert tone="success" role="status">
      {result.notice}
    </Alert>
  );
}

function formKey(result: ActionResult, intent: Intent) {
  return result?.ok && result.intent === intent ? `${intent}-${result.at}` : intent;
}

function DeleteLink({ base, kind, id, name }: { base: string; kind: Kind; id: string; name: string }) {
  return (
    <Link
      to={`${base}?delete=${kind}:${encodeURIComponent(id)}#confirm-${kind}`}
      preventScrollReset
      className="inline-flex h-8 items-center rounded-lg px-3 text-sm font-medium text-red-700 hover:bg-red-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-red-600"
    >
      Delete<span className="sr-only"> {name}</span>
    </Link>
  );
}

function ConfirmDelete({ confirm, kind, base }: { confirm: LoaderData["confirm"]; kind: Kind; base: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const busy = useNavigation().formData?.get("intent") === `delete-${kind}`;
  const show = confirm && confirm.kind === kind;
  useEffect(() => {
    if (show) ref.current?.focus();
  }, [show, confirm?.id]);
  if (!show) return null;
  const noun = KIND_NOUN[kind];
  const people: string[] = [];
  if (confirm.members > 0)
    people.push(
      `${confirm.members} ${confirm.members === 1 ? "member is" : "members are"} limited to this ${noun} and will lose access to the workspace`,
    );
  if (confirm.invitations > 0)
    people.push(`${confirm.invitations} pending ${confirm.invitations === 1 ? "invitation" : "invitations"} for it will be cancelled`);
  return (
    <div ref={ref} id={`confirm-${kind}`} tabIndex={-1} className="border-b border-slate-200 p-4 focus:outline-none sm:p-6">
      <Alert
        tone="danger"
        role="alert"
        title={`Delete ${confirm.name}?`}
        actions={
          <>
            <Form method="post" action={base} preventScrollReset>
              <input type="hidden" name="intent" value={`delete-${kind}`} />
              <input type="hidden" name="id" value={confirm.id} />
              <Button type="submit" variant="danger" size="sm" disabled={busy}>
                {busy ? "Deleting…" : `Delete ${noun}`}
              </Button>
            </Form>
            <ButtonLink to={base} variant="secondary" size="sm" preventScrollReset>
              Cancel
            </ButtonLink>
          </>
        }
      >
        {people.length > 0 ? `${people.join("; ")}. ` : ""}This can't be undone. The audit trail keeps a record of the deletion.
      </Alert>
    </div>
  );
}

function AddSection({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <CardSection title={title} description={description} className="border-t bg-slate-50/60">
      {children}
    </CardSection>
  );
}

function SubmitRow({ busy, label }: { busy: boolean; label: string }) {
  return (
    <div className="flex justify-end">
      <Button type="submit" variant="secondary" disabled={busy} className="w-full sm:w-auto">
        <PlusIcon />
        {busy ? "Adding…" : label}
      </Button>
    </div>
  );
}

function BrandsCard({ data, base, result }: { data: LoaderData; base: string; result: ActionResult }) {
  const mine = mineOf(result, "createBrand");
  const errors = mine?.errors ?? {};
  const values = mine?.values ?? {};
  const busy = useNavigation().formData?.get("intent") === "createBrand";
  return (
    <Card
      id="brands"
      title="Brands"
      description="Your clients. Each brand's time zone is shown beside every publish time, and its colour marks it on the calendar."
      flush
    >
      <ConfirmDelete confirm={data.confirm} kind="brand" base={base} />
      {data.brands.length === 0 ? (
        <div className="p-4 sm:p-6">
          <EmptyState
            icon={<BuildingIcon />}
            title="No brands yet"
            description="Add your first client brand below. Campaigns, onboarding links and sign-offs all belong to a brand."
          />
        </div>
      ) : (
        <Table caption="Brands">
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Category</TH>
              <TH>Time zone</TH>
              <TH>Colour</TH>
              <TH>
                <span className="sr-only">Delete</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {data.brands.map((b) => (
              <TR key={b.id} className="align-middle">
                <TH scope="row" className="min-w-[10rem]">
                  <span className="text-sm font-medium text-ink">{b.name}</span>
                </TH>
                <TD className="capitalize">{b.category ?? <span className="normal-case text-ink-muted">None</span>}</TD>
                <TD className="whitespace-nowrap">{b.zoneLabel}</TD>
                <TD className="whitespace-nowrap">
                  <span className="inline-flex items-center gap-2">
                    <span
                      aria-hidden="true"
                      className="h-4 w-6 rounded ring-1 ring-inset ring-black/10"
                      style={{ backgroundColor: b.color }}
                    />
                    <span className="font-mono text-sm">{b.color}</span>
                  </span>
                </TD>
                <TD className="text-right">
                  <DeleteLink base={base} kind="brand" id={b.id} name={b.name} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <AddSection
        title="Add a brand"
        description="Category is optional, such as skincare or coffee; it helps spot competing brands on the calendar."
      >
        <Form
          method="post"
          action={`${base}#brands`}
          preventScrollReset
          noValidate
          key={formKey(result, "createBrand")}
          className="space-y-5"
        >
          <input type="hidden" name="intent" value="createBrand" />
          <IdempotencyKeyField value={data.keys.brand} />
          <Added result={result} intent="createBrand" />
          <FormError>{mine?.formError ?? null}</FormError>
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField
              label="Brand name"
              name="name"
              required
              defaultValue={values.name ?? ""}
              errors={errors.name}
              placeholder="Lumen Skincare"
              autoComplete="off"
            />
            <TextField
              label="Category (optional)"
              name="category"
              defaultValue={values.category ?? ""}
              errors={errors.category}
              placeholder="skincare"
              autoComplete="off"
            />
            <SelectField
              label="Time zone"
              name="timeZone"
              required
              options={data.zoneOptions}
              defaultValue={values.timeZone ?? data.defaultZone}
              errors={errors.timeZone}
              hint="Where the brand's team works."
            />
            <ColorField
              label="Colour"
              name="color"
              defaultValue={values.color ?? DEFAULT_BRAND_COLOR}
              errors={errors.color}
              hint="Marks the brand on the calendar."
            />
          </div>
          <SubmitRow busy={busy} label="Add brand" />
        </Form>
      </AddSection>
    </Card>
  );
}

function AgenciesCard({ data, base, result }: { data: LoaderData; base: string; result: ActionResult }) {
  const mine = mineOf(result, "createAgency");
  const errors = mine?.errors ?? {};
  const values = mine?.values ?? {};
  const busy = useNavigation().formData?.get("intent") === "createAgency";
  return (
    <Card
      id="agencies"
      title="Agencies"
      description="Partner agencies that run campaigns. The operator is your own team; agency members only see their agency's campaigns."
      flush
    >
      <ConfirmDelete confirm={data.confirm} kind="agency" base={base} />
      {data.agencies.length === 0 ? (
        <div className="p-4 sm:p-6">
          <EmptyState
            icon={<SparklesIcon />}
            title="No agencies yet"
            description="Add the agencies you work with below, then invite their people as agency members."
          />
        </div>
      ) : (
        <Table caption="Agencies">
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>
                <span className="sr-only">Delete</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {data.agencies.map((a) => (
              <TR key={a.id} className="align-middle">
                <TH scope="row" className="w-full">
                  <span className="flex flex-wrap items-center gap-2 text-sm font-medium text-ink">
                    {a.name}
                    {a.isOperator ? <Badge tone="accent">Operator</Badge> : null}
                  </span>
                </TH>
                <TD className="text-right">
                  {a.isOperator ? (
                    <span className="inline-flex h-8 items-center whitespace-nowrap px-3 text-sm text-ink-muted">Your team</span>
                  ) : (
                    <DeleteLink base={base} kind="agency" id={a.id} name={a.name} />
                  )}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <AddSection title="Add an agency" description="Its people join through an invitation as agency members.">
        <Form
          method="post"
          action={`${base}#agencies`}
          preventScrollReset
          noValidate
          key={formKey(result, "createAgency")}
          className="space-y-5"
        >
          <input type="hidden" name="intent" value="createAgency" />
          <IdempotencyKeyField value={data.keys.agency} />
          <Added result={result} intent="createAgency" />
          <FormError>{mine?.formError ?? null}</FormError>
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField
              label="Agency name"
              name="name"
              required
              defaultValue={values.name ?? ""}
              errors={errors.name}
              placeholder="Brightline Paid Media"
              autoComplete="off"
            />
          </div>
          <SubmitRow busy={busy} label="Add agency" />
        </Form>
      </AddSection>
    </Card>
  );
}

function CreatorsCard({ data, base, result }: { data: LoaderData; base: string; result: ActionResult }) {
  const mine = mineOf(result, "createCreator");
  const errors = mine?.errors ?? {};
  const values = mine?.values ?? {};
  const busy = useNavigation().formData?.get("intent") === "createCreator";
  return (
    <Card
      id="creators"
      title="Creators"
      description={
        <>
          Creator profiles you assign to campaigns. A profile is linked to a person once they accept a creator invitation from{" "}
          <Link to={`/w/${data.slug}/members`} className="font-medium text-accent hover:underline">
            Members
          </Link>
          .
        </>
      }
      flush
    >
      <ConfirmDelete confirm={data.confirm} kind="creator" base={base} />
      {data.creators.length === 0 ? (
        <div className="p-4 sm:p-6">
          <EmptyState
            icon={<UsersIcon />}
            title="No creators yet"
            description="Add a creator profile below, then invite the creator to link it to their account."
          />
        </div>
      ) : (
        <Table caption="Creators">
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Handle</TH>
              <TH>Linked user</TH>
              <TH>
                <span className="sr-only">Delete</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {data.creators.map((c) => (
              <TR key={c.id} className="align-middle">
                <TH scope="row" className="min-w-[9rem]">
                  <span className="text-sm font-medium text-ink">{c.name}</span>
                </TH>
                <TD className="whitespace-nowrap">{c.handle ?? <span className="text-ink-muted">None</span>}</TD>
                <TD>{c.linked ? <Badge tone="success">Yes</Badge> : <Badge>No</Badge>}</TD>
                <TD className="text-right">
                  <DeleteLink base={base} kind="creator" id={c.id} name={c.name} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <AddSection title="Add a creator" description="The handle is optional; we add the @ if you leave it out.">
        <Form
          method="post"
          action={`${base}#creators`}
          preventScrollReset
          noValidate
          key={formKey(result, "createCreator")}
          className="space-y-5"
        >
          <input type="hidden" name="intent" value="createCreator" />
          <IdempotencyKeyField value={data.keys.creator} />
          <Added result={result} intent="createCreator" />
          <FormError>{mine?.formError ?? null}</FormError>
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField
              label="Creator name"
              name="name"
              required
              defaultValue={values.name ?? ""}
              errors={errors.name}
              placeholder="Maya Chen"
              autoComplete="off"
            />
            <TextField
              label="Handle (optional)"
              name="handle"
              defaultValue={values.handle ?? ""}
              errors={errors.handle}
              placeholder="@mayamakes"
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <SubmitRow busy={busy} label="Add creator" />
        </Form>
      </AddSection>
    </Card>
  );
}
