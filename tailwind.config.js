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
      fontFamily: {
        sans: ["Inter", "ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
      },
    },
  },
  plugins: [],
};
