export * from "./auth";
export * from "./workspace";
export * from "./services";
export { newId } from "./columns";
export * from "./onboarding";
export * from "./campaigns";
export * from "./approvals";
export * from "./calendar";
