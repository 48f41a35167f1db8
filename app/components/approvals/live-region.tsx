import type { ReactNode } from "react";

/**
 * A live region that is always in the page (so screen readers announce what appears in it) but
 * takes no room while empty: neither it nor the element after it keeps the stack's top margin.
 */
export function LiveRegion({ politeness = "assertive", children }: { politeness?: "polite" | "assertive"; children?: ReactNode }) {
  return (
    <div aria-live={politeness} className="empty:!mt-0 [&:empty+*]:!mt-0">
      {children}
    </div>
  );
}
