import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/modules/auth/session.server";
import { workspacesOf } from "~/modules/workspaces/workspaces.server";

/** Home: your first workspace, or the page to create one. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const all = await workspacesOf(user.id);
  throw redirect(all[0] ? `/w/${all[0].slug}` : "/workspaces/new");
}
