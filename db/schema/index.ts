export * from "./auth";
export * from "./workspace";
export * from "./services";
export { newId } from "./columns";
