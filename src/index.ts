// The package's programmatic surface: `import { startBroker } from "warren"`.
export { type BrokerOptions, type RunningBroker, startBroker } from "./broker/server.js";
export type { UserSpec } from "./broker/auth/users.js";
