/** @type {import('tailwindcss').Config} */
export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        accent: "rgb(var(--accent) / <alpha-value>)",
        ink: { DEFAULT: "#0f172a", soft: "#334155", muted: "#64748b" },
      },
      // Accent-coloured text uses the accent darkened until it reads on white (branding.ts).
      textColor: { accent: "rgb(var(--accent-text) / <alpha-value>)" },
      // Rings and outlines (focus above all) use the accent darkened until it stands out 3:1 from white (branding.ts).
      ringColor: { accent: "rgb(var(--accent-ring) / <alpha-value>)" },
      outlineColor: { accent: "rgb(var(--accent-ring) / <alpha-value>)" },
      fontFamily: {
        sans: ["Inter", "ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
      },
    },
  },
  plugins: [],
};
