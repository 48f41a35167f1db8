import { CheckCircleIcon } from "~/components/icons";

/** The green line the conflicts and brand-rules pages show after a change went through. */
export function SavedNotice({ notice }: { notice: string | null }) {
  return (
    <p
      role="status"
      className="flex items-center gap-2 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200"
    >
      <CheckCircleIcon size={18} className="text-emerald-600" /> {notice}
    </p>
  );
}
