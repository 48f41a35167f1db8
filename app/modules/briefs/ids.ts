export { ID_PATTERN, isId } from "~/utils/ids";
