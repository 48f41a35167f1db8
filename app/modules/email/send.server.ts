import type { EmailProps, EmailTemplateName } from "@emails/index";
import { renderEmail } from "@emails/render";
import type { Queryable } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { enqueue } from "~/modules/jobs/queue.server";
import { emailDriver } from "./drivers.server";

export interface EmailRequest<N extends EmailTemplateName = EmailTemplateName> {
  to: string;
  template: N;
  props: EmailProps<N>;
}

/** No CR/LF may reach a header: a name typed by a user must not add a Bcc. */
function headerSafe(value: string): string {
  return value
    .replace(/[\r\n]+/g, " ")
    .trim()
    .slice(0, 250);
}

/** Renders and delivers now; only the worker calls this, with the job id as idempotency key. */
export async function sendEmail(request: EmailRequest, idempotencyKey: string): Promise<void> {
  const rendered = await renderEmail(request.template, request.props);
  // The renderer can split a multi-byte character at a stream chunk boundary and emit NULs,
  // which PostgreSQL text refuses and mail clients show as garbage: drop them.
  const html = rendered.html.replace(/\u0000/g, "");
  const text = rendered.text.replace(/\u0000/g, "");
  const subject = headerSafe(rendered.subject);
  await emailDriver().deliver({
    from: env().EMAIL_FROM,
    to: headerSafe(request.to),
    subject,
    html,
    text,
    idempotencyKey,
  });
}

/**
 * Queues an email in the caller's transaction (the outbox): it goes out only if the change commits.
 * The props are sealed (they carry links with tokens, security.md 10); recipient and template
 * stay readable for queries and the ops view. The worker hands `sendEmail` the props opened.
 */
export async function queueEmail<N extends EmailTemplateName>(
  tx: Queryable,
  request: EmailRequest<N>,
  opts: { workspaceId?: string | null; runAt?: Date; dedupeKey?: string } = {},
): Promise<void> {
  await enqueue(tx, {
    kind: "email",
    payload: { to: request.to, template: request.template },
    secret: { props: request.props as Record<string, unknown> },
    workspaceId: opts.workspaceId ?? null,
    runAt: opts.runAt,
    dedupeKey: opts.dedupeKey,
  });
}
