import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { BuildingIcon, SparklesIcon, UsersIcon } from "~/components/icons";
import { Alert, Badge, FormError, PageHeader, SelectField, TD, TH, TR, TextField } from "~/components/ui";
import { ResourceCard } from "~/components/ui/resource-card";
import { AddForm, ColorField, ConfirmDelete, DEFAULT_BRAND_COLOR, DeleteLink, fieldProps } from "~/components/workspaces/directory-parts";
import { requirePermission } from "~/modules/workspaces/authz.server";
import {
  createAgencyRecord,
  createBrandRecord,
  createCreatorRecord,
  deleteDirectoryEntry,
  findDirectoryEntry,
  listDirectory,
  scopedPeopleCount,
  type DirectoryKind,
} from "~/modules/workspaces/directory.server";
import { BRAND_TIME_ZONES, agencySchema, brandSchema, creatorSchema } from "~/modules/workspaces/schemas";
import { answer, typedValues } from "~/utils/action-data.server";
import { idField } from "~/utils/ids";
import { parseWith, readForm } from "~/utils/http.server";
import { newIdempotencyKey, readIdempotencyKey } from "~/utils/idempotency.server";
import { invalid } from "~/utils/outcome";
import { zoneOffset } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Brands, agencies & creators · Baton" }];

type Kind = DirectoryKind;

function zoneLabel(timeZone: string, at: Date): string {
  if (timeZone === "UTC") return "UTC";
  return `${timeZone.replace(/_/g, " ")} (${zoneOffset(at, timeZone)})`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "directory.manage");
  const dir = await listDirectory(ctx);
  const now = new Date();

  // Second step of a delete: ?delete=brand:<id> shows a confirmation with what else goes.
  const raw = new URL(request.url).searchParams.get("delete") ?? "";
  const [kindRaw, idRaw] = raw.split(":", 2);
  let confirm: { kind: Kind; id: string; name: string; members: number; invitations: number } | null = null;
  if ((kindRaw === "brand" || kindRaw === "agency" || kindRaw === "creator") && idRaw) {
    const entry = await findDirectoryEntry(ctx, kindRaw, idRaw);
    const isOperator = kindRaw === "agency" && dir.agencies.some((a) => a.id === idRaw && a.isOperator);
    if (entry && !isOperator)
      confirm = { kind: kindRaw, id: entry.id, name: entry.name, ...(await scopedPeopleCount(ctx, kindRaw, entry.id)) };
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

const KIND_TITLE: Record<Kind, string> = { brand: "Brand", agency: "Agency", creator: "Creator" };

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "directory.manage");
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer(invalid("Unknown action. Reload the page and try again.", which.errors));
  const intent = which.data.intent;
  // Only the add forms carry a key (the delete forms are idempotent by id).
  const idempotencyKey = () => readIdempotencyKey(form);
  const added = (kind: Kind) => (v: { name: string }) => `${KIND_TITLE[kind]} ${v.name} added.`;

  switch (intent) {
    case "createBrand": {
      const parsed = parseWith(brandSchema, form);
      const values = typedValues(form, ["name", "category", "timeZone", "color"]);
      if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent, values });
      return answer(await createBrandRecord(ctx, { ...parsed.data, idempotencyKey: idempotencyKey() }), { intent, notice: added("brand") });
    }
    case "createAgency": {
      const parsed = parseWith(agencySchema, form);
      if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent, values: typedValues(form, ["name"]) });
      return answer(await createAgencyRecord(ctx, { ...parsed.data, idempotencyKey: idempotencyKey() }), {
        intent,
        notice: added("agency"),
      });
    }
    case "createCreator": {
      const parsed = parseWith(creatorSchema, form);
      if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent, values: typedValues(form, ["name", "handle"]) });
      return answer(await createCreatorRecord(ctx, { ...parsed.data, idempotencyKey: idempotencyKey() }), {
        intent,
        notice: added("creator"),
      });
    }
    case "delete-brand":
    case "delete-agency":
    case "delete-creator": {
      const kind = intent.slice("delete-".length) as Kind;
      const parsed = parseWith(deleteSchema, form);
      // A malformed id is bad input (400); a well-formed one outside this workspace is 404.
      if (!parsed.success) return answer(invalid("Choose an entry from the list.", parsed.errors), { intent });
      const outcome = await deleteDirectoryEntry(ctx, { kind, id: parsed.data.id });
      return answer(outcome, { intent, notice: (v) => `${KIND_TITLE[kind]} ${v.name} deleted.` });
    }
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionResult = ReturnType<typeof useActionData<typeof action>>;

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

interface CardProps {
  data: LoaderData;
  base: string;
  result: ActionResult;
}

function BrandsCard({ data, base, result }: CardProps) {
  return (
    <ResourceCard
      id="brands"
      title="Brands"
      description="Your clients. Each brand's time zone is shown beside every publish time, and its colour marks it on the calendar."
      count={data.brands.length}
      empty={{
        icon: <BuildingIcon />,
        title: "No brands yet",
        description: "Add your first client brand below. Campaigns, onboarding links and sign-offs all belong to a brand.",
      }}
      caption="Brands"
      columns={["Name", "Category", "Time zone", "Colour", { srOnly: "Delete" }]}
      before={<ConfirmDelete confirm={data.confirm} kind="brand" base={base} />}
      after={
        <AddForm
          intent="createBrand"
          schema={brandSchema}
          action={`${base}#brands`}
          idempotencyKey={data.keys.brand}
          result={result}
          title="Add a brand"
          description="Category is optional, such as skincare or coffee; it helps spot competing brands on the calendar."
          submitLabel="Add brand"
        >
          {(fields) => (
            <>
              <TextField label="Brand name" required placeholder="Lumen Skincare" autoComplete="off" {...fieldProps(fields.name)} />
              <TextField label="Category (optional)" placeholder="skincare" autoComplete="off" {...fieldProps(fields.category)} />
              <SelectField
                label="Time zone"
                required
                options={data.zoneOptions}
                hint="Where the brand's team works."
                {...fieldProps(fields.timeZone)}
                defaultValue={fieldProps(fields.timeZone).defaultValue ?? data.defaultZone}
              />
              <ColorField
                label="Colour"
                name={fields.color.name}
                defaultValue={fieldProps(fields.color).defaultValue ?? DEFAULT_BRAND_COLOR}
                errors={fields.color.errors}
                hint="Marks the brand on the calendar."
              />
            </>
          )}
        </AddForm>
      }
    >
      {data.brands.map((b) => (
        <TR key={b.id} className="align-middle">
          <TH scope="row" className="min-w-[10rem]">
            <span className="text-sm font-medium text-ink">{b.name}</span>
          </TH>
          <TD className="capitalize">{b.category ?? <span className="normal-case text-ink-muted">None</span>}</TD>
          <TD className="whitespace-nowrap">{b.zoneLabel}</TD>
          <TD className="whitespace-nowrap">
            <span className="inline-flex items-center gap-2">
              <span aria-hidden="true" className="h-4 w-6 rounded ring-1 ring-inset ring-black/10" style={{ backgroundColor: b.color }} />
              <span className="font-mono text-sm">{b.color}</span>
            </span>
          </TD>
          <TD className="text-right">
            <DeleteLink base={base} kind="brand" id={b.id} name={b.name} />
          </TD>
        </TR>
      ))}
    </ResourceCard>
  );
}

function AgenciesCard({ data, base, result }: CardProps) {
  return (
    <ResourceCard
      id="agencies"
      title="Agencies"
      description="Partner agencies that run campaigns. The operator is your own team; agency members only see their agency's campaigns."
      count={data.agencies.length}
      empty={{
        icon: <SparklesIcon />,
        title: "No agencies yet",
        description: "Add the agencies you work with below, then invite their people as agency members.",
      }}
      caption="Agencies"
      columns={["Name", { srOnly: "Delete" }]}
      before={<ConfirmDelete confirm={data.confirm} kind="agency" base={base} />}
      after={
        <AddForm
          intent="createAgency"
          schema={agencySchema}
          action={`${base}#agencies`}
          idempotencyKey={data.keys.agency}
          result={result}
          title="Add an agency"
          description="Its people join through an invitation as agency members."
          submitLabel="Add agency"
        >
          {(fields) => (
            <TextField label="Agency name" required placeholder="Brightline Paid Media" autoComplete="off" {...fieldProps(fields.name)} />
          )}
        </AddForm>
      }
    >
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
    </ResourceCard>
  );
}

function CreatorsCard({ data, base, result }: CardProps) {
  return (
    <ResourceCard
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
      count={data.creators.length}
      empty={{
        icon: <UsersIcon />,
        title: "No creators yet",
        description: "Add a creator profile below, then invite the creator to link it to their account.",
      }}
      caption="Creators"
      columns={["Name", "Handle", "Linked user", { srOnly: "Delete" }]}
      before={<ConfirmDelete confirm={data.confirm} kind="creator" base={base} />}
      after={
        <AddForm
          intent="createCreator"
          schema={creatorSchema}
          action={`${base}#creators`}
          idempotencyKey={data.keys.creator}
          result={result}
          title="Add a creator"
          description="The handle is optional; we add the @ if you leave it out."
          submitLabel="Add creator"
        >
          {(fields) => (
            <>
              <TextField label="Creator name" required placeholder="Maya Chen" autoComplete="off" {...fieldProps(fields.name)} />
              <TextField
                label="Handle (optional)"
                placeholder="@mayamakes"
                autoComplete="off"
                spellCheck={false}
                {...fieldProps(fields.handle)}
              />
            </>
          )}
        </AddForm>
      }
    >
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
    </ResourceCard>
  );
}
