import type { ReactNode } from "react";
import { BatonLogo } from "~/components/logo";

/** The signed-out pages: one calm card, centred, the same on a phone and a desktop. */
export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <main className="flex min-h-full flex-col justify-center bg-gradient-to-b from-slate-50 to-slate-100 px-4 py-12 sm:px-6">
      <div className="mx-auto w-full max-w-md">
        <div className="flex justify-center">
          <BatonLogo />
        </div>
        <h1 className="mt-8 text-center text-2xl font-semibold tracking-tight text-ink">{title}</h1>
        {subtitle ? <p className="mt-2 text-center text-sm text-ink-muted">{subtitle}</p> : null}
        <div className="mt-8 rounded-xl bg-white px-6 py-8 shadow-sm ring-1 ring-slate-200 sm:px-8">{children}</div>
        {footer ? <div className="mt-6 text-center text-sm text-ink-muted">{footer}</div> : null}
      </div>
    </main>
  );
}
