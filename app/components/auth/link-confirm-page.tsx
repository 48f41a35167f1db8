import { Form, Link } from "@remix-run/react";
import { AuthLayout } from "~/components/shell/auth-layout";
import { Alert, Button } from "~/components/ui";

export type LinkState = "valid" | "invalid" | "used" | "expired";

export interface LinkConfirmCopy {
  /** The heading while the link can still be used. */
  title: string;
  /** What pressing the button does. */
  intro: string;
  button: string;
  /** Why the link cannot be used, and what to do instead. */
  refused: Record<Exclude<LinkState, "valid">, string>;
}

/**
 * The page behind an emailed sign-in or confirmation link: opening it only looks (mail scanners
 * open links), and the button's POST is what uses the link.
 */
export function LinkConfirmPage({ state, copy }: { state: LinkState; copy: LinkConfirmCopy }) {
  return (
    <AuthLayout title={state === "valid" ? copy.title : "This link cannot be used"}>
      {state === "valid" ? (
        <Form method="post" className="space-y-4">
          <p className="text-sm text-ink-soft">{copy.intro}</p>
          <Button type="submit" className="w-full">
            {copy.button}
          </Button>
        </Form>
      ) : (
        <div className="space-y-4">
          <Alert tone="warning">{copy.refused[state]}</Alert>
          <Link to="/login" className="text-sm font-medium text-accent hover:underline">
            Back to sign in
          </Link>
        </div>
      )}
    </AuthLayout>
  );
}
