/** Zod issues as field errors keyed by form field name ("successMetrics.0.kpi"), for conform and plain forms. */
export function issuesByPath(issues: readonly { path: (string | number)[]; message: string }[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) (errors[issue.path.join(".")] ??= []).push(issue.message);
  return errors;
}
