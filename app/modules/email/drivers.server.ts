import { Resend } from "resend";
import { localEmails } from "@db/schema";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The job id: the provider drops a repeat, so a retry after a crash never sends twice. */
  idempotencyKey: string;
}

export interface EmailDriver {
  name: "resend" | "local";
  deliver(email: OutgoingEmail): Promise<void>;
}

function resendDriver(apiKey: string, baseUrl: string): EmailDriver {
  const client = new Resend(apiKey, { baseUrl });
  return {
    name: "resend",
    async deliver(email) {
      const { error } = await client.emails.send(
        { from: email.from, to: [email.to], subject: email.subject, html: email.html, text: email.text },
        { idempotencyKey: email.idempotencyKey },
      );
      if (error) throw new Error(`Resend refused the email: ${error.name}: ${error.message}`);
    },
  };
}

/** Stores the email in the database; /dev/mail and end-to-end tests read it back. */
const localDriver: EmailDriver = {
  name: "local",
  async deliver(email) {
    await db().insert(localEmails).values(email).onConflictDoNothing();
  },
};

export function emailDriver(): EmailDriver {
  const e = env();
  return e.RESEND_API_KEY ? resendDriver(e.RESEND_API_KEY, e.RESEND_BASE_URL) : localDriver;
}
