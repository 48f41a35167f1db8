import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Alert, Badge, Button, Card, FormError, PageHeader, TextField, type Tone } from "~/components/ui";
import { connectionStatusLabels, type ConnectionStatus } from "~/modules/connections/connection-status";
import type { Provider } from "~/modules/connections/driver";
import {
  GOOGLE_SCOPES,
  connectMeta,
  connectionViews,
  disconnect,
  googleConfigured,
  startGoogleConnect,
} from "~/modules/connections/manage.server";
import { platformsOf } from "~/modules/connections/registry.server";
import { connectionIntentSchema, disconnectSchema, metaConnectFormSchema } from "~/modules/connections/schemas";
import { getPlatform } from "~/modules/onboarding/catalog";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { answer, answerError, typedValues } from "~/utils/action-data.server";
import { textFieldProps, useActionForm } from "~/utils/conform";
import { db } from "~/utils/db.server";
import { parseWith, readForm } from "~/utils/http.server";
import { invalid } from "~/utils/outcome";
import { formatIn } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Connections · Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "connections.manage");
  const views = await connectionViews(db(), ctx.workspace.id);
  const when = (iso: string | null) => (iso ? formatIn(new Date(iso), ctx.user.timeZone, "d LLL yyyy, HH:mm") : null);
  const platformNames = (provider: Provider) => platformsOf(provider).map((p) => getPlatform(p)?.name ?? p);
  const show = (provider: Provider) => {
    const v = views[provider];
    return { ...v, connectedAt: when(v.connectedAt), lastUsedAt: when(v.lastUsedAt), platforms: platformNames(provider) };
  };
  return json({
    slug: ctx.workspace.slug,
    googleConfigured: googleConfigured(),
    google: show("google"),
    meta: show("meta"),
    scopes: GOOGLE_SCOPES.map((s) => ({
      scope: s.scope.replace("https://www.googleapis.com/auth/", ""),
      readOnly: s.readOnly,
      why: s.why,
    })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "connections.manage");
  const form = await readForm(request);
  const which = parseWith(connectionIntentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer(invalid("Unknown action.", which.errors));
  const intent = which.data.intent;
  try {
    if (intent === "connect-google") {
      const started = await startGoogleConnect(ctx);
      if (!started.ok) return answer(started, { intent });
      return redirect(started.value.url);
    }
    if (intent === "connect-meta") {
      // The token is never put back into the page: only the business ID is.
      const values = typedValues(form, ["businessId"]);
      const parsed = parseWith(metaConnectFormSchema, form);
      if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent, values });
      const outcome = await connectMeta(ctx, parsed.data);
      return answer(outcome, { intent, values, notice: (v) => `Meta connected${v.label ? `: ${v.label}` : ""}.` });
    }
    const parsed = parseWith(disconnectSchema, form);
    if (!parsed.success) return answer(invalid("Reload the page and try again.", parsed.errors), { intent });
    const outcome = await disconnect(ctx, parsed.data.provider, parsed.data.rowVersion);
    return answer(outcome, {
      intent,
      target: parsed.data.provider,
      notice: `${parsed.data.provider === "google" ? "Google" : "Meta"} disconnected and its credential erased. Steps are verified by a person again.`,
    });
  } catch (error) {
    return answerError(error, { intent });
  }
}

const TONES: Record<ConnectionStatus, Tone> = { connected: "success", reconnect_needed: "warning", disconnected: "neutral" };

type View = ReturnType<typeof useLoaderData<typeof loader>>["google"];

function StatusBadge({ view }: { view: View }) {
  const status = view.status ?? "disconnected";
  return <Badge tone={TONES[status]}>{connectionStatusLabels[status]}</Badge>;
}

function Facts({ view }: { view: View }) {
  if (!view.status) return null;
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      <dt className="text-ink-muted">Account</dt>
      <dd className="break-words text-ink">{view.accountLabel ?? "—"}</dd>
      {view.businessId ? (
        <>
          <dt className="text-ink-muted">Business portfolio ID</dt>
          <dd className="font-mono text-ink">{view.businessId}</dd>
        </>
      ) : null}
      <dt className="text-ink-muted">Connected</dt>
      <dd className="text-ink">{view.connectedAt}</dd>
      <dt className="text-ink-muted">Last check</dt>
      <dd className="text-ink">{view.lastUsedAt ?? "Not used yet"}</dd>
    </dl>
  );
}

function DisconnectForm({ view, busy }: { view: View; busy: boolean }) {
  if (!view.status) return null;
  return (
    <Form method="post" className="mt-4">
      <input type="hidden" name="intent" value="disconnect" />
      <input type="hidden" name="provider" value={view.provider} />
      <input type="hidden" name="rowVersion" value={view.rowVersion} />
      <Button type="submit" variant="secondary" disabled={busy} className="w-full sm:w-auto">
        Disconnect {view.provider === "google" ? "Google" : "Meta"}
      </Button>
    </Form>
  );
}

export default function ConnectionsPage() {
  const { slug, google, meta, googleConfigured: configured, scopes } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [search] = useSearchParams();
  const nav = useNavigation();
  const busy = nav.state !== "idle";
  const [metaForm, fields] = useActionForm({ id: "connect-meta", intent: "connect-meta", schema: metaConnectFormSchema, answer: data });
  const backProblem = search.get("problem");
  const otherFailure = data && !data.ok && data.intent !== "connect-meta" ? data.formError : null;

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title="Connections"
        breadcrumbs={[{ label: "Settings", to: `/w/${slug}/settings` }]}
        description="Connect your agency's own Google and Meta accounts once. When a client says they granted access, Baton reads with these accounts whether you can now see the asset, and keeps checking every night. Nothing is changed on any platform."
      />
      {search.get("connected") === "google" && !data ? (
        <Alert tone="success" role="status">
          Google connected. Steps on Google platforms are now checked automatically.
        </Alert>
      ) : null}
      {backProblem && !data ? <FormError>{backProblem}</FormError> : null}
      {otherFailure ? <FormError>{otherFailure}</FormError> : null}
      {data?.ok && data.notice ? (
        <Alert tone="success" role="status">
          {data.notice}
        </Alert>
      ) : null}

      <Card title="Google" description={`Checks ${google.platforms.join(", ")}.`} actions={<StatusBadge view={google} />}>
        <div className="space-y-4">
          {google.status === "reconnect_needed" ? (
            <Alert tone="warning" title="Reconnect needed">
              {google.lastError ?? "Google refused Baton's stored access."} Until you connect again, these steps are verified by a person.
            </Alert>
          ) : null}
          <Facts view={google} />
          {configured ? (
            <>
              <details className="text-sm">
                <summary className="cursor-pointer font-medium text-ink">What Baton asks Google for, and why</summary>
                <ul className="mt-2 space-y-1 text-ink-muted">
                  {scopes.map((s) => (
                    <li key={s.scope}>
                      <span className="font-mono text-ink">{s.scope}</span> — {s.why}.{" "}
                      {s.readOnly ? "Read-only." : "Not read-only: Google offers no read-only scope here; Baton only reads with it."}
                    </li>
                  ))}
                </ul>
              </details>
              <Form method="post">
                <input type="hidden" name="intent" value="connect-google" />
                <Button type="submit" disabled={busy} className="w-full sm:w-auto">
                  {google.status ? "Connect Google again" : "Connect Google"}
                </Button>
              </Form>
            </>
          ) : (
            <Alert tone="info" title="Google is not configured">
              This Baton has no Google OAuth client yet. Set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET (and GOOGLE_ADS_DEVELOPER_TOKEN for
              Google Ads) and restart; until then Google steps are verified by a person.
            </Alert>
          )}
          <DisconnectForm view={google} busy={busy} />
        </div>
      </Card>

      <Card title="Meta" description={`Checks ${meta.platforms.join(", ")}.`} actions={<StatusBadge view={meta} />}>
        <div className="space-y-4">
          {meta.status === "reconnect_needed" ? (
            <Alert tone="warning" title="Reconnect needed">
              {meta.lastError ?? "Meta refused Baton's stored token."} Paste a new token below; until then these steps are verified by a
              person.
            </Alert>
          ) : null}
          <Facts view={meta} />
          <p className="text-sm text-ink-muted">
            In Meta Business settings, create a system user of your business portfolio with access to the portfolio's assets, generate a
            token for it with <span className="font-mono">business_management</span> and <span className="font-mono">ads_read</span>, and
            paste it here. Baton reads which client ad accounts, Pages and pixels your portfolio can use, and with which tasks. The token is
            sealed and never shown again.
          </p>
          <Form method="post" {...getFormProps(metaForm)} className="space-y-4" autoComplete="off">
            <input type="hidden" name="intent" value="connect-meta" />
            {metaForm.errors?.length ? <FormError>{metaForm.errors[0]}</FormError> : null}
            <TextField
              label="Business portfolio ID"
              id={fields.businessId.id}
              {...textFieldProps(fields.businessId)}
              inputMode="numeric"
              defaultValue={(fields.businessId.initialValue as string | undefined) ?? meta.businessId ?? undefined}
            />
            <TextField
              label="System user access token"
              id={fields.token.id}
              name={fields.token.name}
              errors={fields.token.errors}
              // A secret: masked, and not offered to the browser's form history (the form's own "off" does not reach the field).
              type="password"
              autoComplete="off"
            />
            <Button type="submit" disabled={busy} className="w-full sm:w-auto">
              {meta.status ? "Save new token" : "Connect Meta"}
            </Button>
          </Form>
          <DisconnectForm view={meta} busy={busy} />
        </div>
      </Card>
      <p className="text-sm text-ink-muted">
        Instagram, TikTok, LinkedIn, Shopify and custom platforms are verified by a person. Every connect and disconnect is recorded in the
        audit trail.
      </p>
    </div>
  );
}
