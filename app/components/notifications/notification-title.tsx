import { Link } from "@remix-run/react";

/** A notification's title, as a link to what it is about when it points somewhere (the inbox and the home page's recent list). */
export function NotificationTitle({ title, url }: { title: string; url: string | null }) {
  if (!url) return <>{title}</>;
  return (
    <Link to={url} className="hover:underline">
      {title}
    </Link>
  );
}
