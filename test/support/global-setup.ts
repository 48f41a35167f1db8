export default async function globalSetup() {
  // Filled in by the database test harness.
}
