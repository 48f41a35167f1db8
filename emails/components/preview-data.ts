import type { WorkspaceBranding } from "./branding";

/** Demo branding used by the templates' PreviewProps (`npx email dev --dir emails`). */
export const previewWorkspace: WorkspaceBranding = {
  name: "Northwind Studio",
  logoUrl: null,
  accentColor: "#0f766e",
};

export const previewBaseUrl = "https://baton.example.com";
