import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "~/modules/auth/session.server";

/** Sign-out is a POST (a link or an image tag must not sign anyone out). */
export const action = ({ request }: ActionFunctionArgs) => signOut(request);
export const loader = () => redirect("/");
