import { useEffect, useState } from "react";
import { Badge } from "~/components/ui";
import { formatCountdown, isAtRisk } from "~/modules/approvals/signoff-rule";

/**
 * Time left until a sign-off deadline. The server renders the value at page load; once hydrated it
 * ticks every 30 seconds. Announced politely only when it changes unit, not on every tick.
 */
export function Countdown({ deadline, initial, className }: { deadline: string; initial: string; className?: string }) {
  const [label, setLabel] = useState(initial);
  useEffect(() => {
    const at = new Date(deadline).getTime();
    const tick = () => setLabel(formatCountdown(at - Date.now()));
    tick();
    const timer = window.setInterval(tick, 30_000);
    return () => window.clearInterval(timer);
  }, [deadline]);
  const left = new Date(deadline).getTime() - Date.now();
  const tone = left < 0 ? "danger" : isAtRisk(left) ? "warning" : "info";
  return (
    <Badge tone={tone} className={className}>
      <span className="sr-only">Time left to sign off: </span>
      <time dateTime={deadline} suppressHydrationWarning>
        {left < 0 ? label : `${label} left`}
      </time>
    </Badge>
  );
}
