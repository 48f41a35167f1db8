import { Link, Text } from "@react-email/components";
import { safeUrl } from "./branding";
import { palette } from "./theme";

/**
 * Under the button of an email that carries a personal decision link (decision 052): the button is
 * that person's own link, so it must not be forwarded; the deliverable page is there for those who
 * would rather sign in (not for a guest approver, who has no account to sign in with: `url` null).
 */
export function DecisionLinkNote({ url }: { url: string | null }) {
  const page = safeUrl(url);
  return (
    <Text style={{ margin: "0 0 16px", fontSize: "13px", lineHeight: "20px", color: palette.muted }}>
      The button is your personal decision link: no sign-in needed, and whatever you decide there is recorded in your name, so please do not
      forward this email.
      {page ? (
        <>
          {" "}
          Prefer to sign in?{" "}
          <Link href={page} style={{ color: palette.muted, textDecoration: "underline" }}>
            Open it in Baton
          </Link>
          .
        </>
      ) : null}
    </Text>
  );
}
